/// Smoke tests for the real backends in tests/servers/: each starts on 127.0.0.1, behaves as
/// the real thing, and goes away. Skipped, with the reason, where its software is missing.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasHugo, hasJekyll, makeHugoSite, makeJekyllSite, type StaticSite } from '../servers/static-site';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';

// A 1×1 PNG: WordPress checks that an upload really is the image its name says.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const http = (url: string, init: RequestInit = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });

const skipped = (name: string, script: string, installed: boolean) => (installed ? name : `${name} (skipped: install with ${script})`);

describe.skipIf(!hasWordPress)(skipped('WordPress', 'tests/servers/wordpress/install.sh', hasWordPress), () => {
  let wp: WordPress;
  const api = (route: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('Authorization')) headers.set('Authorization', basic(wp.username, wp.appPassword));
    if (init.json !== undefined) headers.set('Content-Type', 'application/json');
    return http(`${wp.url}/wp-json${route}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };

  beforeAll(async () => {
    wp = await startWordPress();
  }, 60_000);
  afterAll(() => wp?.stop());

  it('publishes a post with an uploaded image, and serves both', async () => {
    const upload = await api('/wp/v2/media', { method: 'POST', headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="dot.png"' }, body: png });
    expect(upload.status).toBe(201);
    const media = (await upload.json()) as { id: number; source_url: string };

    const tag = (await (await api('/wp/v2/tags', { method: 'POST', json: { name: 'Travel' } })).json()) as { id: number };
    const category = (await (await api('/wp/v2/categories', { method: 'POST', json: { name: 'Notes' } })).json()) as { id: number };
    const created = await api('/wp/v2/posts', {
      method: 'POST',
      json: { title: 'Smoke test', slug: 'smoke-test', status: 'publish', content: `<p>Words from Postwright.</p><img src="${media.source_url}" alt="a dot">`, tags: [tag.id], categories: [category.id] },
    });
    expect(created.status).toBe(201);
    const post = (await created.json()) as { id: number; link: string; tags: number[]; categories: number[] };
    expect(post.link).toBe(`${wp.url}/smoke-test/`);
    expect(post.tags).toEqual([tag.id]);
    expect(post.categories).toEqual([category.id]);

    const page = await http(post.link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Words from Postwright.');
    expect(html).toContain(media.source_url);

    const image = await http(media.source_url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    expect(await wp.php(`echo get_post_status(${post.id});`)).toBe('publish');
  });

  it('answers a wrong application password with 401 and a WordPress error', async () => {
    const response = await api('/wp/v2/posts', { method: 'POST', headers: { Authorization: basic(wp.username, 'abcd efgh ijkl mnop qrst uvwx') }, json: { title: 'Nope' } });
    expect(response.status).toBe(401);
    // `incorrect_password` only comes back when something looks the user up before the REST
    // auth check; Debian's 6.1.9 no longer does, so the endpoint's own refusal comes back.
    const body = (await response.json()) as { code: string; message: string; data: { status: number } };
    expect(['incorrect_password', 'rest_cannot_create']).toContain(body.code);
    expect(body.data.status).toBe(401);
    expect(typeof body.message).toBe('string');
  });
});

// Commits need an identity, and a CI machine has none configured.
const run = promisify(execFile);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@postwright.test', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@postwright.test' };
async function publish(clone: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(clone, name)), { recursive: true });
    writeFileSync(path.join(clone, name), text);
  }
  for (const args of [['add', '-A'], ['commit', '-q', '-m', 'Publish'], ['push', '-q']]) await run('git', args, { cwd: clone, env: gitEnv, timeout: 30_000 });
}

describe.skipIf(!hasHugo)(skipped('Hugo site', 'tests/servers/static/install.sh', hasHugo), () => {
  let site: StaticSite;
  beforeAll(async () => {
    site = await makeHugoSite();
  });
  afterAll(() => site?.remove());

  it('builds a pushed page bundle, and leaves drafts out', async () => {
    await publish(site.clone, {
      'content/posts/smoke/index.md': '---\ntitle: Smoke test\ndate: 2024-03-04T05:06:07Z\nslug: smoke-test\ntags: [travel]\ncategories: [notes]\n---\nWords from **Postwright**.\n\n![a dot](dot.png)\n',
      'content/posts/smoke/dot.png': png,
      'content/posts/later/index.md': '---\ntitle: Later\ndate: 2024-03-04T05:06:07Z\ndraft: true\n---\nNot yet.\n',
    });
    const html = await site.readPage('smoke-test');
    expect(html).toContain('<h1>Smoke test</h1>');
    expect(html).toContain('Words from <strong>Postwright</strong>.');
    expect(html).toContain('<img src="dot.png" alt="a dot">');
    await expect(site.readPage('later')).rejects.toThrow(/no page for "later"/);
    expect(readFileSync(path.join(await site.build(), 'posts/smoke-test/dot.png')).equals(png)).toBe(true);
  });
});

describe.skipIf(!hasJekyll)(skipped('Jekyll site', 'tests/servers/static/install.sh', hasJekyll), () => {
  let site: StaticSite;
  beforeAll(async () => {
    site = await makeJekyllSite();
  });
  afterAll(() => site?.remove());

  it('builds a pushed post with the minima theme, and leaves drafts out', async () => {
    await publish(site.clone, {
      '_posts/2024-03-04-smoke-test.md': '---\nlayout: post\ntitle: Smoke test\ndate: 2024-03-04 05:06:07 +0000\ncategories: [notes]\ntags: [travel]\n---\nWords from **Postwright**.\n',
      '_drafts/later.md': '---\nlayout: post\ntitle: Later\n---\nNot yet.\n',
    });
    const html = await site.readPage('smoke-test');
    expect(html).toContain('Smoke test');
    expect(html).toContain('Words from <strong>Postwright</strong>.');
    expect(html).toContain('class="post-title p-name"'); // minima's post layout
    await expect(site.readPage('later')).rejects.toThrow(/no page for "later"/);
  });
});
