/// A blog whose pages try everything a theme snapshot must not carry into the app: a script,
/// an @import and a stylesheet of another site, a font that redirects off the site, an inline
/// style, and CSS that styles `body`. It records every request, so a test can tell whether
/// anything ran or was fetched from elsewhere. A second server stands for "another site".
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileBlog {
  url: string;
  /// "Another site": anything fetched from here was fetched by mistake.
  elsewhere: string;
  /// Paths requested from the blog, and from the other site.
  requests: string[];
  elsewhereRequests: string[];
  stop(): Promise<void>;
}

// A 1×1 PNG, and a few bytes standing in for a font (a font is kept as the bytes it is).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const FONT = Buffer.from('wOF2 not really a font, but the bytes a snapshot must keep');

/// The CSS the hostile blog's post text is styled with; tests compare the preview against it.
export const HOSTILE_STYLE = { bodyColor: 'rgb(120, 20, 30)', contentFontSize: '21px', headingColor: 'rgb(1, 2, 3)' };

function page(elsewhere: string, body: string): string {
  return `<!doctype html><html class="hostile-html" lang="en"><head><meta charset="utf-8">
<title>A hostile blog</title>
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<script>fetch('/ran-script'); parent.document.body.style.background = 'red';</script>
<script src="/theme.js"></script>
<link rel="stylesheet" href="/theme.css">
<link rel="stylesheet" href="${elsewhere}/remote-link.css">
<style>
@import url("${elsewhere}/remote-import.css");
@import "/local-import.css";
body { color: ${HOSTILE_STYLE.bodyColor}; background: rgb(250, 240, 230); font-family: "Hostile Serif", serif; }
</style>
</head><body class="hostile-body single-post" onload="fetch('/ran-onload')">${body}</body></html>`;
}

export async function startHostileBlog(): Promise<HostileBlog> {
  const requests: string[] = [];
  const elsewhereRequests: string[] = [];
  const other = http.createServer((req, res) => {
    elsewhereRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': req.url?.endsWith('.css') ? 'text/css' : 'image/png' });
    res.end(req.url?.endsWith('.css') ? 'body { outline: 9px solid red; }' : PNG);
  });
  const elsewhere = await listen(other);
  const blog = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const send = (type: string, body: string | Buffer, status = 200) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    switch (url) {
      case '/':
        return send('text/html', page(elsewhere, '<div class="site"><h1>A hostile blog</h1><a href="/posts/newest/">Newest</a></div>'));
      case '/feed.xml':
        return send('application/rss+xml', `<?xml version="1.0"?><rss><channel><title>x</title><item><title>Newest</title><link>${blogUrl}/posts/newest/</link></item></channel></rss>`);
      case '/posts/newest/':
        return send(
          'text/html',
          page(
            elsewhere,
            `<div id="page" class="site" style="background:url(${elsewhere}/inline-style.png)"><main class="wrap narrow"><article class="post">
<h1 class="post-title">Newest</h1>
<div class="entry-content"><p>The newest post’s text.</p><img src="${elsewhere}/tracker.png" onerror="fetch('/ran-onerror')"><p>More.</p></div>
</article></main></div>`,
          ),
        );
      case '/theme.css':
        return send(
          'text/css',
          `@font-face { font-family: "Hostile Serif"; src: url(/fonts/serif.woff2) format("woff2"), url(${elsewhere}/font.woff2) format("woff2"); }
@font-face { font-family: "Moved"; src: url(/fonts/moved.woff2) format("woff2"); }
.entry-content { font-size: ${HOSTILE_STYLE.contentFontSize}; line-height: 1.7; }
.entry-content blockquote { background: url("/img/quote.png") no-repeat; border-left: 4px solid rgb(9, 9, 9); }
.site { background-image: url(${elsewhere}/track.png); }`,
        );
      case '/local-import.css':
        return send('text/css', `@import "/nested-import.css";\nh2 { color: ${HOSTILE_STYLE.headingColor}; }`);
      case '/nested-import.css':
        return send('text/css', 'td { padding: 7px; }');
      case '/fonts/serif.woff2':
        return send('font/woff2', FONT);
      case '/fonts/moved.woff2':
        res.writeHead(302, { location: `${elsewhere}/moved.woff2` });
        return res.end();
      case '/img/quote.png':
        return send('image/png', PNG);
      case '/theme.js':
        return send('text/javascript', "fetch('/ran-theme-js')");
      default:
        return send('text/plain', 'not here', 404);
    }
  });
  const blogUrl = await listen(blog);
  return {
    url: blogUrl,
    elsewhere,
    requests,
    elsewhereRequests,
    stop: async () => {
      await Promise.all([close(blog), close(other)]);
    },
  };
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
