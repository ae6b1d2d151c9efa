/// A request that carries a secret follows redirects only within the origin the secret is bound
/// to (a site moving a route, `/wp-json` to `/wp-json/`, keeps working), and Google's addresses
/// move only to a test server on this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { googleEndpoints, TEST_GOOGLE_BASE_ENV } from '../../../main/publish/google-endpoints';
import { httpRequest } from '../../../main/publish/http';

let server: http.Server;
let base: string;
const seen: Array<{ method: string; url: string; auth: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      if (req.url === '/moved') return void res.writeHead(307, { Location: '/here' }).end();
      if (req.url === '/see-other') return void res.writeHead(303, { Location: `${base}/here` }).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  delete process.env[TEST_GOOGLE_BASE_ENV];
});

const post = (path: string) => httpRequest((url, init) => fetch(url, init), `${base}${path}`, { method: 'POST', headers: { Authorization: 'Basic c2VjcmV0', 'Content-Type': 'text/plain' }, body: 'post body', timeoutMs: 10_000, bound: base }, 'the site');

it('follows a 307 within the origin, keeping method, body and credentials', async () => {
  const reply = await post('/moved');
  expect(reply.json).toEqual({ ok: true });
  expect(seen.at(-1)).toEqual({ method: 'POST', url: '/here', auth: 'Basic c2VjcmV0', body: 'post body' });
});

it('follows a 303 within the origin as a GET without the body', async () => {
  await post('/see-other');
  expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/here', body: '' });
});

it('refuses to send a request carrying a secret anywhere but its origin', async () => {
  await expect(httpRequest((url, init) => fetch(url, init), `${base}/x`, { method: 'GET', timeoutMs: 10_000, bound: 'https://blog.example' }, 'the site')).rejects.toThrow(/targets file since you signed in; sign in again/);
  expect(seen).toEqual([]);
});

it('takes a test Google only on this machine', () => {
  expect(googleEndpoints().token).toBe('https://oauth2.googleapis.com/token');
  process.env[TEST_GOOGLE_BASE_ENV] = base;
  expect(googleEndpoints()).toEqual({ auth: `${base}/o/oauth2/v2/auth`, token: `${base}/token`, api: `${base}/blogger/v3` });
  for (const elsewhere of ['https://evil.example', 'http://evil.example:8080', 'http://127.0.0.1.evil.example', `http://user@127.0.0.1:1`]) {
    process.env[TEST_GOOGLE_BASE_ENV] = elsewhere;
    expect(() => googleEndpoints(), elsewhere).toThrow(/not a test server on this machine/);
  }
});
