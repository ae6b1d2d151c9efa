/// The browser host attacked over plain HTTP the way a hostile local page, a hostile local
/// process or a hostile post would: odd Host and Origin headers, the files key stretched past
/// the pictures it exists for, and post files that try to become the app's own code.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../../main/services';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { hostRequest, type RequestOptions } from '../host-request';

let host: WebHost;
let library: string;
let staticDir: string;
let files: string;

const request = (pathname: string, options?: RequestOptions) => hostRequest(host.port, pathname, options);

/// A request written byte for byte, for what http.request will not send (no Host, HTTP/1.0).
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const api = (channel: string, headers: Record<string, string> = {}) =>
  request(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers }, body: '[]' });

beforeAll(async () => {
  library = mkdtempSync(path.join(os.tmpdir(), 'pw-redteam-web-'));
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'pw-redteam-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Postwright</title>');
  host = await startWebHost({ services: await openServices(library), staticDir });
  const post = path.join(library, 'posts', 'welcome');
  writeFileSync(path.join(post, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(post, 'payload.js'), 'sessionStorage.getItem("postwright.token")');
  writeFileSync(path.join(post, 'payload.mjs'), 'export default 1');
  writeFileSync(path.join(post, 'payload.css'), 'img[src^="/files/a"]{background:url(https://evil.example/a)}');
  writeFileSync(path.join(post, 'payload.html'), '<script>alert(1)</script>');
  writeFileSync(path.join(post, 'notes.txt'), 'plain notes');
  writeFileSync(path.join(post, '.env'), 'HIDDEN=draft secret');
  mkdirSync(path.join(post, '.git'));
  writeFileSync(path.join(post, '.git', 'config'), 'hidden git config');
  mkdirSync(path.join(library, '.postwright'), { recursive: true });
  writeFileSync(path.join(library, '.postwright', 'state.json'), '{"hidden":"state"}');
  writeFileSync(path.join(library, 'outside.txt'), 'outside the posts folder');
  symlinkSync(path.join(library, '.postwright'), path.join(post, 'meta'));
  symlinkSync(path.join(library, 'outside.txt'), path.join(post, 'outside-link.txt'));
  symlinkSync('/etc', path.join(post, 'etc'));
  const answer = await api('library.filesBase');
  files = `/${(JSON.parse(answer.body) as { value: string }).value}`;
});

afterAll(async () => {
  await host.close();
  rmSync(library, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

describe('Host and Origin', () => {
  it('refuses host names that only look like this computer, and requests with no Host', async () => {
    for (const name of ['127.0.0.1.evil.example', 'localhost.', 'evil.example', '[::1]', '127.0.0.1']) {
      const hostHeader = name === '127.0.0.1' ? name : `${name}:${host.port}`;
      expect((await api('posts.list', { Host: hostHeader })).status, hostHeader).toBe(403);
      expect((await request('/', { headers: { Host: hostHeader } })).status, hostHeader).toBe(403);
    }
    expect(await raw('GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
    expect(await raw(`GET ${files}welcome/photo.png HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
  });

  it('refuses pages of every other origin, including [::1] which another program may own', async () => {
    for (const origin of ['null', `http://127.0.0.1:${host.port + 1}`, `http://[::1]:${host.port}`, `https://127.0.0.1:${host.port}`, 'http://evil.example']) {
      const answer = await api('posts.list', { Origin: origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.body, origin).not.toContain('welcome');
    }
  });

  it('refuses requests a page on another port of 127.0.0.1 makes (the browser calls them same-site)', async () => {
    expect((await api('posts.list', { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await request(`${files}welcome/photo.png`, { headers: { 'Sec-Fetch-Site': 'same-site' } })).status).toBe(403);
    // The studio's own requests still work.
    expect((await api('posts.list', { 'Sec-Fetch-Site': 'same-origin', Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await request(`${files}welcome/photo.png`, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
  });
});

describe('the files key', () => {
  it('reads pictures beside a post', async () => {
    const photo = await request(`${files}welcome/photo.png`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('never hands out a post file as a script, a stylesheet or a page the app could load', async () => {
    for (const name of ['payload.js', 'payload.mjs', 'payload.css', 'payload.html']) {
      const answer = await request(`${files}welcome/${name}`);
      expect(answer.headers['content-type'], name).not.toMatch(/javascript|ecmascript|text\/css|text\/html/);
      expect(answer.headers['x-content-type-options'], name).toBe('nosniff');
    }
  });

  it('reads no draft text, hidden file or Postwright state', async () => {
    const attempts = [
      'welcome/index.md',
      'welcome/.env',
      'welcome/.git/config',
      'welcome/%2egit/config',
      'welcome/meta/state.json',
      'welcome/outside-link.txt',
      'welcome/etc/passwd',
      '..%2f.postwright/state.json',
      '%2e%2e/.postwright/state.json',
      '%2e%2e/outside.txt',
      'welcome/..%5c..%5coutside.txt',
      'welcome%2f..%2f..%2foutside.txt',
      'welcome/%2fetc%2fpasswd',
      '%2fetc/passwd',
      'welcome/photo.png%00.txt',
      `welcome/${'a'.repeat(5000)}.png`,
    ];
    for (const attempt of attempts) {
      const answer = await request(`${files}${attempt}`);
      expect([400, 403, 404], attempt).toContain(answer.status);
      expect(answer.body, attempt).not.toMatch(/title:|HIDDEN|hidden|outside the posts|root:/);
    }
  });

  it('opens nothing of the API', async () => {
    const key = files.split('/')[2] ?? '';
    expect((await api('posts.list', { Authorization: `Bearer ${key}` })).status).toBe(401);
    expect((await request(`${files}welcome/photo.png`, { method: 'PUT', body: 'x' })).status).toBe(405);
  });
});

describe('the API', () => {
  it('answers a malformed method name with “not found”, not an internal error', async () => {
    const answer = await api('%E0%A4%A');
    expect(answer.status).toBe(404);
  });

  it('keeps every API answer, refusals included, out of caches', async () => {
    for (const answer of [await api('posts.list'), await api('posts.list', { Authorization: '' }), await request('/api/posts.list')]) {
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses a text/plain simple request and an empty or spaced key', async () => {
    expect((await api('posts.list', { 'Content-Type': 'text/plain', Authorization: '' })).status).toBe(401);
    for (const value of ['Bearer ', 'Bearer  ' + host.token, `bearer ${host.token}`, `Bearer ${host.token.toUpperCase()}`]) {
      expect((await api('posts.list', { Authorization: value })).status, value).toBe(401);
    }
  });
});

describe('what held (guards, not fixes)', () => {
  it('the sign-in callback completes nothing the blogger did not start and reflects no markup', async () => {
    const evil = encodeURIComponent('<img src=x onerror=alert(1)>');
    const answer = await request(`/wp-signin?flow=${'0'.repeat(48)}&site_url=https://evil.example&user_login=${evil}&password=abcd`, {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('<img');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    const targets = await api('targets.list');
    expect(targets.body).toBe('{"ok":true,"value":[]}');
    expect((await request('/wp-signin?flow=x', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403);
  });

  it('a CORS preflight gets no CORS answer, and prototype names are not methods', async () => {
    const preflight = await request('/api/posts.list', {
      method: 'OPTIONS',
      headers: { Origin: `http://127.0.0.1:${host.port + 1}`, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request('/api/posts.list', { method: 'OPTIONS' })).headers['access-control-allow-origin']).toBeUndefined();
    for (const name of ['__proto__.toString', 'constructor.constructor', 'posts.__proto__']) {
      const answer = await api(name);
      expect(answer.status, name).toBeLessThan(500);
      expect(answer.body, name).not.toMatch(/"ok":true/);
    }
  });

  it('every answer, refusals and errors included, is nosniff, same-origin only and unframeable', async () => {
    const answers = [
      await request('/'),
      await request('/nope.js'),
      await request('/', { headers: { Host: 'evil.example' } }),
      await request('/', { method: 'DELETE' }),
      await request(`${files}welcome/photo.png`),
      await request(`${files}welcome/index.md`),
      await api('posts.list'),
      await api('posts.list', { Authorization: '' }),
      await api('posts.list', { Origin: 'null' }),
      await request('/wp-signin?flow=1'),
    ];
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});
