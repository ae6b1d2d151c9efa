/// A Hugo blog with a small theme of its own ("Notebook": a web font, an imported stylesheet,
/// styled headings, quotes and tables), built by Debian's Hugo and served over HTTP on
/// 127.0.0.1, for comparing the theme preview with the real page.
import { execFile } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface ThemedSite {
  url: string;
  /// The address of a post's page, by its slug.
  postUrl(slug: string): string;
  stop(): Promise<void>;
}

const FONT_DIR = path.resolve('node_modules/@fontsource/literata/files');

const THEME: Record<string, string> = {
  'layouts/_default/baseof.html': `<!doctype html>
<html lang="en" class="notebook"><head><meta charset="utf-8"><title>{{ .Title }}</title>
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="{{ "css/notebook.css" | absURL }}">
<style>.site-header { border-bottom: 3px double rgb(90, 70, 50); }</style>
</head><body class="notebook-body {{ .Kind }}">
<header class="site-header"><a href="{{ .Site.Home.Permalink }}">{{ .Site.Title }}</a></header>
<main class="page">{{ block "main" . }}{{ end }}</main>
</body></html>
`,
  'layouts/_default/single.html': `{{ define "main" }}<article class="post">
<h1 class="post-title">{{ .Title }}</h1>
<div class="post-content">{{ .Content }}</div>
</article>{{ end }}
`,
  'layouts/_default/list.html': `{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
  'static/css/notebook.css': `@import url("typography.css");
@font-face { font-family: "Notebook Serif"; src: url("../fonts/literata-400.woff2") format("woff2"); font-weight: 400; }
@font-face { font-family: "Notebook Serif"; src: url("../fonts/literata-700.woff2") format("woff2"); font-weight: 700; }
body { margin: 0; background: rgb(251, 248, 240); color: rgb(43, 38, 33); font-family: "Notebook Serif", Georgia, serif; }
.page { max-width: 640px; margin: 0 auto; padding: 24px; }
.post-title { font: 700 34px/1.2 "Notebook Serif", serif; color: rgb(120, 40, 20); }
`,
  'static/css/typography.css': `.post-content { font-size: 19px; line-height: 1.65; }
.post-content h2 { font-size: 26px; line-height: 1.25; color: rgb(30, 80, 110); font-family: "DejaVu Sans", sans-serif; }
.post-content blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid rgb(200, 170, 120); font-style: italic; color: rgb(95, 85, 75); font-size: 18px; line-height: 1.5; }
.post-content table { border-collapse: collapse; }
.post-content td, .post-content th { border: 1px solid rgb(210, 200, 185); padding: 4px 10px; font-family: "DejaVu Sans Mono", monospace; font-size: 15px; line-height: 1.4; color: rgb(60, 60, 60); }
`,
};

/// Builds the site with these posts (slug → markdown with front matter) and serves it.
export async function startThemedHugoSite(posts: Record<string, string>): Promise<ThemedSite> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-hugo-theme-'));
  const source = path.join(dir, 'site');
  const out = path.join(dir, 'public');
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(out, path.normalize(name));
    if (!file.startsWith(out)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const files: Record<string, string> = { ...THEME, 'hugo.toml': `baseURL = "${url}"\ntitle = "Field Notebook"\nlanguageCode = "en"\n` };
  for (const [slug, text] of Object.entries(posts)) files[`content/posts/${slug}/index.md`] = text;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
    writeFileSync(path.join(source, name), text);
  }
  mkdirSync(path.join(source, 'static', 'fonts'), { recursive: true });
  copyFileSync(path.join(FONT_DIR, 'literata-latin-400-normal.woff2'), path.join(source, 'static', 'fonts', 'literata-400.woff2'));
  copyFileSync(path.join(FONT_DIR, 'literata-latin-700-normal.woff2'), path.join(source, 'static', 'fonts', 'literata-700.woff2'));
  await promisify(execFile)('hugo', ['--source', source, '--destination', out, '--cacheDir', path.join(dir, 'cache'), '--quiet'], { cwd: source });
  return {
    url,
    postUrl: (slug) => `${url}posts/${slug}/`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.xml': 'application/rss+xml',
  '.woff2': 'font/woff2',
};
