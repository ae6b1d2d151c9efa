import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BloggerAtomSource } from '../../../main/import/blogger-atom-source';
import { downloadImage } from '../../../main/import/images';
import { runImport } from '../../../main/import/run';
import { WxrSource } from '../../../main/import/wxr-source';
import { parsePostFile } from '../../../shared/frontmatter';
import { imageServer, MemorySource, remotePost, tempLibrary, type ImageServer } from './helpers';

const fixture = (name: string, images: string) =>
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8').replaceAll('IMAGE_BASE', images);

let server: ImageServer;
let lib: Awaited<ReturnType<typeof tempLibrary>>;
beforeAll(async () => (server = await imageServer()));
afterAll(() => server.close());
beforeEach(async () => (lib = await tempLibrary()));
afterEach(() => lib.remove());

const read = (id: string) => readFileSync(path.join(lib.root, 'posts', id, 'index.md'), 'utf8');

describe('importing a WordPress export', () => {
  it('makes clean markdown posts with their images beside them', async () => {
    const summary = await runImport(new WxrSource(fixture('blog.wxr', server.url), 'blog.xml'), lib.target);
    expect(summary).toMatchObject({ added: 3, updated: 0, unchanged: 0, conflicts: [], failedImages: [], cancelled: false });

    const text = read('tables-and-code');
    const { data, body } = parsePostFile(text);
    expect(data).toMatchObject({
      title: 'Tables & code', slug: 'tables-and-code', date: '2024-03-04T10:00:00Z', status: 'published',
      tags: ['science', 'food'], categories: ['Notes'], excerpt: 'Numbers from the kitchen.',
      imported_from: 'https://kitchen.example/2024/03/tables-and-code/',
    });
    expect(data.publish).toBeUndefined();
    expect(body).toContain('Measured with **care**.');
    expect(body).toContain('| Sample | pH |');
    expect(body).toContain('| Kefir | 4.2 |');
    expect(body).toContain('```python\ndef acidity(h):\n    return -log10(h)  # a < b\n```');
    expect(body).not.toMatch(/wp:|postwright|srcset|127\.0\.0\.1/);
    // The image is a local file named by its hash; the link to the big copy is gone.
    const image = /!\[A jar\]\(([0-9a-f]{16}\.png)\)/.exec(body)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(path.join(lib.root, 'posts', 'tables-and-code', image!))).toBe(true);
    expect(data.cover).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(existsSync(path.join(lib.root, 'posts', 'tables-and-code', String(data.cover)))).toBe(true);

    const classic = parsePostFile(read('classic'));
    expect(classic.data.title).toBe('Classic “editor” post');
    expect(classic.body).toContain('First paragraph  \nstill first.\n\nSecond paragraph with *emphasis*.\n\n- one\n- two');

    const draft = parsePostFile(read('half-written-thoughts'));
    expect(draft.data).toMatchObject({ status: 'draft', title: 'Half-written thoughts' });
    expect((await lib.library.list()).map((p) => p.id).sort()).toEqual(['classic', 'half-written-thoughts', 'tables-and-code', 'welcome']);
  });

  it('adds nothing the second time, and downloads nothing again', async () => {
    const source = () => new WxrSource(fixture('blog.wxr', server.url), 'blog.xml');
    await runImport(source(), lib.target);
    const before = server.requests.length;
    expect(await runImport(source(), lib.target)).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(server.requests.length).toBe(before);
    expect(existsSync(path.join(lib.root, '.postwright', 'imports', 'wxr-kitchen-example.json'))).toBe(true);
    // The ledger lost: the posts are found by their front matter, not imported twice.
    rmSync(path.join(lib.root, '.postwright', 'imports'), { recursive: true });
    expect(await runImport(source(), lib.target)).toMatchObject({ added: 0, unchanged: 3 });
    expect(await lib.library.list()).toHaveLength(4);
  });
});

describe('importing a Blogger export', () => {
  it('keeps labels and drafts, skips comments, and reports an image it could not fetch', async () => {
    const summary = await runImport(new BloggerAtomSource(fixture('blogger.atom', server.url), 'feed.atom'), lib.target);
    expect(summary).toMatchObject({ added: 2, conflicts: [] });
    expect(summary.failedImages).toEqual([{ postId: 'along-river', title: 'Along the river', url: `${server.url}/missing.png`, reason: 'HTTP 404' }]);
    const { data, body } = parsePostFile(read('along-river'));
    expect(data).toMatchObject({ title: 'Along the river', tags: ['Hiking', 'Rivers & Lakes'], status: 'published', imported_from: 'https://trail.blogspot.com/2023/07/along-river.html' });
    expect(body).toMatch(/We walked \*\*twelve\*\* miles\.\n\n!\[\]\([0-9a-f]{16}\.png\)/);
    expect(body).toContain(`![](${server.url}/missing.png)`);
    expect(parsePostFile(read('boots-i-regret')).data).toMatchObject({ status: 'draft', tags: ['Gear'] });
    expect(await lib.library.list()).toHaveLength(3);
  });
});

describe('importing again after changes', () => {
  it('updates a post changed only remotely, and reports one changed on both sides without touching it', async () => {
    const source = new MemorySource();
    source.posts = [remotePost(1), remotePost(2), remotePost(3)];
    expect(await runImport(source, lib.target)).toMatchObject({ added: 3 });

    source.posts[0] = { ...source.posts[0]!, html: '<p>Body 1, corrected remotely</p>' };
    source.posts[1] = { ...source.posts[1]!, html: '<p>Body 2, changed remotely</p>', title: 'Post 2 renamed' };
    source.posts.push(remotePost(4));
    const local = await lib.library.get('post-2');
    const edited = local.text.replace('Body 2', 'Body 2 with my local edit');
    await lib.library.save('post-2', edited, local.hash);

    const summary = await runImport(source, lib.target);
    expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(read('post-1')).toContain('Body 1, corrected remotely');
    expect(read('post-2')).toBe(edited);
    expect(summary.conflicts).toEqual([{ remoteId: '2', postId: 'post-2', title: 'Post 2 renamed', pendingFile: expect.stringContaining('pending') }]);
    expect(readFileSync(summary.conflicts[0]!.pendingFile!, 'utf8')).toContain('Body 2, changed remotely');
    // The update is a revision like any save, so it can be undone.
    expect((await lib.library.revisions.list('post-1')).length).toBeGreaterThanOrEqual(2);
  });

  it('stops when cancelled and carries on from there the next time', async () => {
    const source = new MemorySource('memory-cancel', null, 2);
    source.posts = [1, 2, 3, 4, 5].map((n) => remotePost(n));
    const controller = new AbortController();
    const seen: string[] = [];
    const first = await runImport(source, lib.target, {
      signal: controller.signal,
      onProgress: (event) => {
        seen.push(`${event.done}/${event.total} ${event.outcome}`);
        if (event.done === 3) controller.abort();
      },
    });
    expect(first).toMatchObject({ cancelled: true, added: 3 });
    expect(seen).toEqual(['1/5 added', '2/5 added', '3/5 added']);
    const second = await runImport(source, lib.target);
    expect(second).toMatchObject({ cancelled: false, added: 2, unchanged: 3 });
    expect(await lib.library.list()).toHaveLength(6);
  });
});

describe('downloading images', () => {
  it('takes only http(s), only images, and only up to the size limit', async () => {
    expect(await downloadImage('file:///etc/passwd')).toMatchObject({ ok: false, reason: expect.stringContaining('file:') });
    expect(await downloadImage(`${server.url}/page.png`)).toMatchObject({ ok: false, reason: expect.stringContaining('not an image') });
    expect(await downloadImage(`${server.url}/huge.png`, { maxBytes: 10_000 })).toMatchObject({ ok: false, reason: expect.stringContaining('larger') });
    expect(await downloadImage(`${server.url}/fine.png`)).toMatchObject({ ok: true, name: expect.stringMatching(/^[0-9a-f]{16}\.png$/) });
  });
});
