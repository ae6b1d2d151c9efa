/// The browser host's key, attacked over plain HTTP: nothing another local origin can
/// receive (a cookie, the files key, a link) may authorize the API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices } from '../../../main/services';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { hostRequest, type Answer, type RequestOptions } from '../host-request';

let host: WebHost;
let library: string;
let staticDir: string;
let filesBase: string;

const request = (pathname: string, options?: RequestOptions) => hostRequest(host.port, pathname, options);

/// Headers only: the event stream never ends, so the answer is read up to its head.
function head(pathname: string, headers: Record<string, string> = {}): Promise<Omit<Answer, 'body'>> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: pathname, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      res.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}

const listPosts = (headers: Record<string, string>) =>
  request('/api/posts.list', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '[]' });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  library = mkdtempSync(path.join(os.tmpdir(), 'pw-sec-web-'));
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'pw-sec-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Postwright</title><script src="app.js"></script>');
  writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
  host = await startWebHost({ services: await openServices(library), staticDir });
  writeFileSync(path.join(library, 'posts', 'welcome', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(library, 'secret.txt'), 'not for the web');
  const answer = await request('/api/library.filesBase', { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(host.token) }, body: '[]' });
  filesBase = (JSON.parse(answer.body) as { value: string }).value;
});

afterAll(async () => {
  await host.close();
  rmSync(library, { recursive: true, force: true });
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the browser host key', () => {
  it('is printed after # only, so it never reaches a server or its log', () => {
    const url = new URL(host.url);
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#token=${host.token}`);
  });

  it('never sets a cookie, whatever is asked', async () => {
    const answers = [
      await request('/'),
      await request(`/?token=${host.token}`),
      await request('/?token=0123'),
      await request(`/index.html?token=${host.token}`),
      await request('/app.js'),
      await listPosts(bearer(host.token)),
      await listPosts({}),
      await request(`/${filesBase}welcome/photo.png`),
      await head('/api/events', bearer(host.token)),
    ];
    for (const answer of answers) expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('answers the old ?token= address with a clear message, not a session', async () => {
    const old = await request(`/?token=${host.token}`);
    expect(old.status).toBe(400);
    expect(old.body).toMatch(/#token=/);
  });

  it('refuses the API without the header: no key, a cookie, the key in the query, the files key', async () => {
    const attempts: Array<{ name: string; answer: Answer }> = [
      { name: 'nothing', answer: await listPosts({}) },
      { name: 'cookie', answer: await listPosts({ Cookie: `pw_token_${host.port}=${host.token}` }) },
      { name: 'cookie without port', answer: await listPosts({ Cookie: `pw_token=${host.token}; token=${host.token}` }) },
      { name: 'query', answer: await request(`/api/posts.list?token=${host.token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' }) },
      { name: 'files key', answer: await listPosts(bearer(filesBase.split('/')[1] ?? '')) },
      { name: 'files key as cookie', answer: await listPosts({ Cookie: `pw_token_${host.port}=${filesBase.split('/')[1] ?? ''}` }) },
      { name: 'other scheme', answer: await listPosts({ Authorization: `Basic ${host.token}` }) },
      { name: 'wrong key', answer: await listPosts(bearer('0'.repeat(48))) },
    ];
    for (const { name, answer } of attempts) {
      expect(answer.status, name).toBeGreaterThanOrEqual(400);
      expect(answer.body, name).not.toContain('welcome');
    }
    expect((await head('/api/events')).status).toBe(401);
    expect((await head('/api/events', { Cookie: `pw_token_${host.port}=${host.token}` })).status).toBe(401);
  });

  it('answers the API and its event stream with the header', async () => {
    const answer = await listPosts(bearer(host.token));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('welcome');
    const events = await head('/api/events', bearer(host.token));
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toContain('text/event-stream');
  });

  it('serves post files only under the files key, and only inside posts/', async () => {
    expect(filesBase).toMatch(/^files\/[0-9a-f]{48}\/$/);
    expect(filesBase).not.toContain(host.token);
    const photo = await request(`/${filesBase}welcome/photo.png`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    const refused = [
      '/files/welcome/photo.png',
      `/files/${host.token}/welcome/photo.png`,
      `/files/${'0'.repeat(48)}/welcome/photo.png`,
      `/files/${filesBase.split('/')[1]?.slice(0, 47)}/welcome/photo.png`,
      `/${filesBase}../secret.txt`,
      `/${filesBase}%2e%2e/secret.txt`,
      `/${filesBase}welcome/%2e%2e/%2e%2e/secret.txt`,
    ];
    for (const attempt of refused) {
      const answer = await request(attempt, { headers: { Cookie: `pw_token_${host.port}=${host.token}` } });
      expect([400, 401, 404], attempt).toContain(answer.status);
      expect(answer.body, attempt).not.toContain('not for the web');
    }
    const post = await request(`/${filesBase}welcome/photo.png`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(post.status).toBe(405);
  });

  it('marks every answer Cross-Origin-Resource-Policy: same-origin', async () => {
    const answers: Array<[string, Pick<Answer, 'headers'>]> = [
      ['html', await request('/')],
      ['js', await request('/app.js')],
      ['api', await listPosts(bearer(host.token))],
      ['api refused', await listPosts({})],
      ['file', await request(`/${filesBase}welcome/photo.png`)],
      ['file refused', await request('/files/nope/welcome/photo.png')],
      ['events', await head('/api/events', bearer(host.token))],
    ];
    for (const [name, answer] of answers) expect(answer.headers['cross-origin-resource-policy'], name).toBe('same-origin');
  });
});
