/// The browser host: the built renderer and the same API as the Electron app, over HTTP on
/// loopback only, behind a per-run token. Like Jupyter, the printed URL carries the token;
/// the first visit trades it for a same-site cookie and a clean address.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SIGNIN_PATH } from '../publish/wordpress-signin';
import type { Services } from '../services';
import { resolveInsideReal } from '../library/paths';
import { ASSET_CSP, assetSegmentsFor, contentTypeOf, RENDERER_CSP, staticFileFor } from './policy';

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  services: Services;
  staticDir: string;
  port?: number;
  token?: string;
}

const MAX_BODY = 40 * 1024 * 1024;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const streams = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('web host:', error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });

  let port = 0;
  const cookieName = () => `pw_token_${port}`;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (!isLoopbackHost(req.headers.host, port)) return send(res, 403, 'text/plain', 'Forbidden: not a loopback host');
    // WordPress sends the browser back here after the blogger approves Postwright. That
    // redirect comes from the blog's site, without our cookie; the single-use flow id in the
    // address is what authorises it.
    const callback = `http://127.0.0.1:${port}${req.url ?? '/'}`;
    if (req.method === 'GET' && url.pathname === SIGNIN_PATH && options.services.isSignInCallback(callback)) {
      const outcome = await options.services.completeSignIn(callback);
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return send(res, outcome.ok ? 200 : 400, 'text/html', signInPage(outcome));
    }
    if (!isOwnOrigin(req.headers.origin, port) || req.headers['sec-fetch-site'] === 'cross-site') {
      return send(res, 403, 'text/plain', 'Forbidden: cross-origin request');
    }

    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && offered !== null && url.pathname === '/') {
      if (!sameSecret(offered, token)) return send(res, 401, 'text/plain', 'Unauthorized: this link is from another run');
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: '/' }).end();
      return;
    }
    if (!isAuthorized(req, token, cookieName())) {
      return send(res, 401, 'text/plain', 'Unauthorized: open the address that `npm run web` printed, with its token.');
    }

    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res);
    if (url.pathname.startsWith('/api/')) {
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
      return sendJson(res, await options.services.dispatch(decodeURIComponent(url.pathname.slice(5)), args));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    if (url.pathname.startsWith('/files/')) return serveAsset(res, url.pathname.slice('/files/'.length));
    return serveStatic(res, url.pathname);
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

  /// Images and files beside a post, for the preview.
  async function serveAsset(res: http.ServerResponse, rest: string): Promise<void> {
    const segments = assetSegmentsFor(rest);
    if (!segments) return send(res, 400, 'text/plain', 'Bad path');
    const file = await resolveInsideReal(path.join(options.services.library.root, 'posts'), ...segments).catch(() => null);
    if (!file) return send(res, 404, 'text/plain', 'Not found');
    res.setHeader('Content-Security-Policy', ASSET_CSP);
    return sendFile(res, file, 'no-cache');
  }

  async function serveStatic(res: http.ServerResponse, pathname: string): Promise<void> {
    const file = staticFileFor(options.staticDir, pathname);
    if (!file) return send(res, 400, 'text/plain', 'Bad path');
    if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', RENDERER_CSP);
    return sendFile(res, file, file.includes(`${path.sep}assets${path.sep}`) ? 'max-age=31536000, immutable' : 'no-cache');
  }

  async function sendFile(res: http.ServerResponse, file: string, cache: string): Promise<void> {
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return send(res, 404, 'text/plain', 'Not found');
    res.writeHead(200, { 'Content-Type': contentTypeOf(file), 'Content-Length': stat.size, 'Cache-Control': cache });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
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

function isAuthorized(req: http.IncomingMessage, token: string, cookieName: string): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return sameSecret(header.slice(7), token);
  const cookies = String(req.headers.cookie ?? '').split(';');
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === cookieName) return sameSecret(value.join('='), token);
  }
  return false;
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
