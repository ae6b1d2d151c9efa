/// The browser host: the built renderer and the same API as the Electron app, over HTTP on
/// loopback only, behind a per-run token. The printed address carries the token in its
/// fragment (never sent to a server); the page keeps it in session storage and sends it as
/// a header. No cookie: browsers send cookies to every port of 127.0.0.1, so any other local
/// server the browser visits would receive it. Post files load through a second, read-only
/// key in their path, which plain <img> tags can carry and which opens nothing else.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SIGNIN_PATH } from '../publish/wordpress-signin';
import type { Services } from '../services';
import { ASSET_CSP, assetSegmentsFor, contentTypeOf, postFileFor, postFileType, RENDERER_CSP, staticFileFor } from './policy';

export interface WebHost {
  url: string;
  port: number;
  /// Authorizes the API, sent as `Authorization: Bearer …`.
  token: string;
  /// Authorizes only reading files beside posts, as `/files/<filesKey>/<post>/<file>`.
  filesKey: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  services: Services;
  staticDir: string;
  port?: number;
  token?: string;
}

const MAX_BODY = 40 * 1024 * 1024;
const UNKNOWN_SIGNIN = 'Postwright is not waiting for this sign-in (it may have finished already). Start it again from Publishing targets.';
const OLD_ADDRESS =
  'This address is in an old form (with ?token=). Open the address that `postwright web` printed this time: it ends in #token=…';
/// The names that reach this listener. Not [::1]: the host listens on IPv4 only, so another
/// program may own [::1] at the same port, and its pages would pass the Origin check.
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const filesKey = randomBytes(24).toString('hex');
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('web host:', error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });

  let port = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    // Nothing here may be embedded by another origin (another local server's page included).
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (!isLoopbackHost(req.headers.host, port)) return send(res, 403, 'text/plain', 'Forbidden: not a loopback host');
    // WordPress sends the browser back here after the blogger approves Postwright. That
    // redirect comes from the blog's site, without our key; the single-use flow id in the
    // address is what authorises it.
    const callback = `http://127.0.0.1:${port}${req.url ?? '/'}`;
    if (req.method === 'GET' && url.pathname === SIGNIN_PATH) {
      const outcome = options.services.isSignInCallback(callback) ? await options.services.completeSignIn(callback) : { ok: false, message: UNKNOWN_SIGNIN };
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return send(res, outcome.ok ? 200 : 400, 'text/html', signInPage(outcome));
    }
    const guarded = url.pathname.startsWith('/api/') || url.pathname.startsWith('/files/');
    if (guarded) res.setHeader('Cache-Control', 'no-store');
    if (!isOwnOrigin(req.headers.origin, port) || !isOwnFetch(req.headers['sec-fetch-site'], guarded)) {
      return send(res, 403, 'text/plain', 'Forbidden: cross-origin request');
    }

    // Addresses printed by older versions carried the token in the query, where it reaches
    // logs and history. Say so rather than accept it.
    if (url.searchParams.has('token')) return send(res, 400, 'text/plain', OLD_ADDRESS);

    if (url.pathname.startsWith('/files/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return serveAsset(res, url.pathname.slice('/files/'.length));
    }
    // The app shell holds no secret; everything else needs the header.
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
      return serveStatic(res, url.pathname);
    }
    if (!isAuthorized(req, token)) {
      return send(res, 401, 'text/plain', 'Unauthorized: open the address that `postwright web` printed, with its #token.');
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res);
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain', 'Unsupported media type');
    }
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'text/plain', 'Request too large');
    let args: unknown;
    try {
      args = JSON.parse(body);
    } catch {
      return sendJson(res, { ok: false, error: { code: 'invalid-argument', message: 'The request body is not JSON.' } });
    }
    const channel = decodeChannel(url.pathname.slice('/api/'.length));
    if (channel === null) return send(res, 404, 'text/plain', 'Not found');
    // Only this host knows its files key; the shared handler answers for the desktop app.
    if (channel === 'library.filesBase') return sendJson(res, { ok: true, value: `files/${filesKey}/` });
    return sendJson(res, await options.services.dispatch(channel, args));
  }

  function streamEvents(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.services.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    res.on('close', () => {
      unsubscribe();
      streams.delete(res);
    });
  }

  /// Images and files beside a post, for the preview: `<filesKey>/<post>/<file>`.
  async function serveAsset(res: http.ServerResponse, rest: string): Promise<void> {
    const [key = '', ...segments] = assetSegmentsFor(rest) ?? [];
    // One answer for a wrong key and a missing file: the key is not guessable by probing.
    if (!sameSecret(key, filesKey)) return send(res, 404, 'text/plain', 'Not found');
    const file = await postFileFor(path.join(options.services.library.root, 'posts'), segments);
    if (!file) return send(res, 404, 'text/plain', 'Not found');
    res.setHeader('Content-Security-Policy', ASSET_CSP);
    if (postFileType(file) === 'application/octet-stream') res.setHeader('Content-Disposition', 'attachment');
    return sendFile(res, file, 'no-cache', postFileType(file));
  }

  async function serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
    const file = staticFileFor(options.staticDir, pathname);
    if (!file) return send(res, 400, 'text/plain', 'Bad path');
    if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', RENDERER_CSP);
    return sendFile(res, file, file.includes(`${path.sep}assets${path.sep}`) ? 'max-age=31536000, immutable' : 'no-cache');
  }

  async function sendFile(res: http.ServerResponse, file: string, cache: string, type = contentTypeOf(file)): Promise<void> {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return send(res, 404, 'text/plain', 'Not found');
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size, 'Cache-Control': cache });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    filesKey,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

/// Browsers send Origin on every cross-origin request and on same-origin POSTs; tools send none.
function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`);
}

/// Another port of 127.0.0.1 is another origin but the same site: its pages get nothing from
/// the API or the files. Navigations to the app shell from elsewhere are harmless.
function isOwnFetch(site: string | string[] | undefined, guarded: boolean): boolean {
  if (site === undefined || site === 'same-origin' || site === 'none') return true;
  return !guarded && site === 'same-site';
}

function decodeChannel(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function isAuthorized(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') === true && sameSecret(header.slice(7), token);
}

function sameSecret(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

function signInPage(outcome: { ok: boolean; message: string }): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!doctype html><meta charset="utf-8"><title>Postwright</title><body style="font:16px system-ui;margin:15vh auto;max-width:34em;color:#2a2723">
<h1 style="font-size:1.3em">${outcome.ok ? 'Connected' : 'Not connected'}</h1><p>${escape(outcome.message)}</p><p>You can close this tab and go back to Postwright.</p></body>`;
}
