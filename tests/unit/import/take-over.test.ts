/// A connected target's import taking over posts an export file brought in before (a Blogger
/// blog's API after its Atom export): untouched, edited here, changed on both sides, deleted
/// here, found only by address, and already published as another post.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../main/import/run';
import type { RemotePost } from '../../../main/import/source';
import { withRecord } from '../../../main/publish/post-data';
import { parsePostFile } from '../../../shared/frontmatter';
import { MemorySource, remotePost, tempLibrary } from './helpers';

let lib: Awaited<ReturnType<typeof tempLibrary>>;
beforeEach(async () => (lib = await tempLibrary()));
afterEach(() => lib.remove());

const FILE = 'blogger-42';
/// The same post as the file knows it and as the connected target does.
const pair = (n: number, extra: Partial<RemotePost> = {}) => {
  const fromFile = remotePost(n, { remoteId: `tag:blogger.com,1999:blog-42.post-${n}`, ...extra });
  const fromApi = remotePost(n, { remoteId: `9${n}`, remoteModified: `stamp-${n}`, fileImport: { source: FILE, remoteId: fromFile.remoteId, url: fromFile.url }, ...extra });
  return { fromFile, fromApi };
};
const record = async (id: string) => (parsePostFile((await lib.library.get(id)).text).data.publish as Record<string, { id: string; remote_modified: string }> | undefined)?.blog;

async function importFile(...posts: RemotePost[]) {
  const file = new MemorySource(FILE, null);
  file.posts = posts;
  expect(await runImport(file, lib.target)).toMatchObject({ added: posts.length });
}

describe('taking over posts an export file imported', () => {
  it('updates an untouched one, links an edited one whose remote did not change, and reports one changed on both sides', async () => {
    const [a, b, c] = [pair(1), pair(2), pair(3)];
    await importFile(a.fromFile, b.fromFile, c.fromFile);
    for (const [id, from, to] of [['post-2', 'Body 2', 'Body 2, edited here'], ['post-3', 'Body 3', 'Body 3, edited here']] as const) {
      const post = await lib.library.get(id);
      await lib.library.save(id, post.text.replace(from, to), post.hash);
    }
    const api = new MemorySource('blogger-api-blog', 'blog');
    api.posts = [a.fromApi, b.fromApi, { ...c.fromApi, html: '<p>Body 3, edited there</p>' }];
    const before = (await lib.library.list()).length;
    const summary = await runImport(api, lib.target);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(summary.conflicts.map((x) => x.postId)).toEqual(['post-3']);
    expect(await lib.library.list()).toHaveLength(before);
    expect(await record('post-1')).toMatchObject({ id: '91', remote_modified: 'stamp-1' });
    expect(parsePostFile((await lib.library.get('post-1')).text).data.imported_from).toBeUndefined();
    expect(await record('post-2')).toMatchObject({ id: '92', remote_modified: 'stamp-2' });
    expect((await lib.library.get('post-2')).text).toContain('Body 2, edited here');
    expect(await record('post-3')).toBeUndefined();
    expect((await lib.library.get('post-3')).text).toContain('Body 3, edited here');

    // Again: nothing new, the conflict still reported, nothing duplicated.
    const again = await runImport(api, lib.target);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(again.conflicts.map((x) => x.postId)).toEqual(['post-3']);
    expect(await lib.library.list()).toHaveLength(before);
  });

  it('leaves a post deleted here since the file import deleted', async () => {
    const a = pair(1);
    await importFile(a.fromFile);
    await lib.library.delete('post-1');
    const api = new MemorySource('blogger-api-blog', 'blog');
    api.posts = [a.fromApi];
    const summary = await runImport(api, lib.target);
    expect(summary).toMatchObject({ added: 0, skipped: [{ postId: 'post-1' }] });
  });

  it('finds a post by its address when the file import’s ledger is gone, and reports it', async () => {
    const a = pair(1);
    await importFile(a.fromFile);
    await rm(path.join(lib.target.stateDir, `${FILE}.json`));
    const api = new MemorySource('blogger-api-blog', 'blog');
    api.posts = [a.fromApi];
    // Nothing says whether it was edited here since: reported, neither overwritten nor duplicated.
    const summary = await runImport(api, lib.target);
    expect(summary).toMatchObject({ added: 0, updated: 0 });
    expect(summary.conflicts.map((x) => x.postId)).toEqual(['post-1']);
  });

  it('imports as new a post whose file copy was since published to the target as another post', async () => {
    const a = pair(1);
    await importFile(a.fromFile);
    const post = await lib.library.get('post-1');
    await lib.library.save('post-1', withRecord(post.text, 'blog', { id: '555', url: 'https://x/', published_at: '2024-01-01T00:00:00Z', hash: 'h', remote_modified: 's' }), post.hash);
    const api = new MemorySource('blogger-api-blog', 'blog');
    api.posts = [a.fromApi];
    expect(await runImport(api, lib.target)).toMatchObject({ added: 1 });
  });
});
