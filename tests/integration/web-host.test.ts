/// The browser host's guards, against a real server on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../main/services';
import { startWebHost, type WebHost } from '../../main/web/server';
import { hostRequest, type RequestOptions } from './host-request';

let host: WebHost;
let library: string;
let staticDir: string;

/// Raw requests, so the test controls Host and Origin exactly as an attacker would.
const request = ({ path: pathname = '/', ...options }: RequestOptions & { path?: string }) => hostRequest(host.port, pathname, options);

const auth = () => ({ Authorization: `Bearer ${host.token}` });
const call = (channel: string, args: unknown, headers: Record<string, string> = {}) =>
  request({ path: `/api/${channel}`, method: 'POST', headers: { 'Content-Type': 'application/json', ...auth(), ...headers }, body: JSON.stringify(args) });

beforeAll(async () => {
  library = mkdtempSync(path.join(os.tmpdir(), 'pw-web-'));
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'pw-static-'));
  await import('node:fs/promises').then((fs) => fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Postwright</title>'));
  host = await startWebHost({ services: await openServices(library), staticDir });
});

afterAll(async () => {
  await host.close();
  rmSync(library, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

describe('browser host', () => {
  it('listens on loopback and prints a URL with the token after #', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=${host.token}$`));
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the page, which holds no secret, but refuses the API without the token', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(host.token);
    const api = await request({ path: '/api/posts.list', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(api.status).toBe(401);
    expect(api.body).not.toContain('welcome');
  });

  it('refuses a wrong token, in the link and in a header', async () => {
    expect((await request({ path: '/?token=0123' })).status).toBe(400);
    const wrong = await request({ path: '/api/posts.list', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${'0'.repeat(48)}` }, body: '[]' });
    expect(wrong.status).toBe(401);
  });

  it('answers the page with its CSP and no cookie', async () => {
    const page = await request({ path: '/' });
    expect(page.body).toContain('<title>Postwright</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a request from a foreign Origin even with the token', async () => {
    const response = await call('posts.list', [], { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('welcome');
  });

  it('refuses a non-loopback Host (DNS rebinding) even with the token', async () => {
    const response = await call('posts.list', [], { Host: `evil.example:${host.port}` });
    expect(response.status).toBe(403);
    const page = await request({ path: `/?token=${host.token}`, headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('answers calls from its own origin with the token', async () => {
    const response = await call('posts.list', [], { Origin: `http://127.0.0.1:${host.port}` });
    expect(response.status).toBe(200);
    const envelope = JSON.parse(response.body) as { ok: boolean; value: Array<{ id: string }> };
    expect(envelope.ok).toBe(true);
    expect(envelope.value.map((post) => post.id)).toContain('welcome');
  });

  it('answers a bad call with a typed error, not a crash', async () => {
    const bad = JSON.parse((await call('posts.get', ['../../etc'])).body) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(bad.error.message).toMatch(/single folder name/);
    const unknown = JSON.parse((await call('posts.explode', [])).body) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const missing = JSON.parse((await call('posts.get', ['no-such-post'])).body) as { ok: boolean; error: { code: string } };
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The server is still answering after all that.
    expect((await call('library.info', [])).status).toBe(200);
  });

  it('takes a WordPress sign-in callback only for a flow it started', async () => {
    const forged = await request({ path: '/wp-signin?flow=0123abcd&site_url=https://evil.example&user_login=x&password=y' });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Not connected');
    const listed = JSON.parse((await call('targets.list', [])).body) as { value: unknown[] };
    expect(listed.value).toEqual([]);
  });

  it('refuses a JSON call sent as a form (no CORS preflight)', async () => {
    const response = await request({ path: '/api/posts.list', method: 'POST', headers: { 'Content-Type': 'text/plain', ...auth() }, body: '[]' });
    expect(response.status).toBe(415);
  });

  it('serves files beside a post but nothing outside the library', async () => {
    const fs = await import('node:fs/promises');
    await fs.writeFile(path.join(library, 'posts', 'welcome', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await fs.writeFile(path.join(library, 'secret.txt'), 'not for the web');
    const photo = await request({ path: `/files/${host.filesKey}/welcome/photo.png` });
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['content-security-policy']).toContain('sandbox');
    const files = `/files/${host.filesKey}`;
    for (const attempt of [`${files}/welcome/../../secret.txt`, `${files}/..%2Fsecret.txt`, `${files}/welcome/%2e%2e/%2e%2e/secret.txt`, `${files}/%00/x`]) {
      const response = await request({ path: attempt });
      expect(response.status, attempt).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('not for the web');
    }
  });
});
