/// Importing a post this library published, while the blog still holds what was sent, gives
/// back the very text with its images under their names; a post changed there, or whose image
/// cannot be fetched, is converted as any other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runImport } from '../../../main/import/run';
import { PublishRevisions } from '../../../main/publish/publish-revision';
import { parsePostFile } from '../../../shared/frontmatter';
import { imageServer, MemorySource, remotePost, tempLibrary, type ImageServer } from './helpers';

const TEXT = '---\ntitle: Post 1\nslug: post-1\n---\n\nWrapped where\nthe writer pressed Enter.\n\n![A view](view.png)\n';
let lib: Awaited<ReturnType<typeof tempLibrary>>;
let server: ImageServer;

beforeEach(async () => {
  [lib, server] = await Promise.all([tempLibrary(), imageServer()]);
});
afterEach(async () => {
  await Promise.all([lib.remove(), server.close()]);
});

const importWith = async (stamp: string, image: string) => {
  await PublishRevisions.forTarget(lib.root, 'blog').keep('blog', '1', { stamp: '2025-06-01T12:00:00 f00d', postId: 'post-1', text: TEXT, assets: [{ file: 'view.png', url: `${server.url}/${image}` }], at: '2025-06-01T12:00:00Z' });
  const source = new MemorySource('memory-restore', 'blog');
  source.posts = [remotePost(1, { html: `<p>Wrapped where the writer pressed Enter.</p><p><img src="${server.url}/${image}" alt="A view"></p>`, remoteModified: stamp })];
  const summary = await runImport(source, lib.target);
  return { summary, text: (await lib.library.get('post-1')).text };
};

it('gives back the text that was published, with the image under its own name', async () => {
  const { summary, text } = await importWith('2025-06-03T08:00:00 f00d', 'abc-view.png');
  expect(summary).toMatchObject({ added: 1, failedImages: [] });
  expect(text).toBe(TEXT);
  expect(readFileSync(path.join(lib.root, 'posts', 'post-1', 'view.png')).subarray(1, 4).toString()).toBe('PNG');
});

it('converts a post that was changed on the blog since', async () => {
  const { text } = await importWith('2025-06-03T08:00:00 beef', 'abc-view.png');
  expect(parsePostFile(text).body).toContain('Wrapped where the writer pressed Enter.');
});

it('converts, and reports the image, when an image of the kept post cannot be fetched', async () => {
  const { summary, text } = await importWith('2025-06-01T12:00:00 f00d', 'missing.png');
  expect(text).not.toBe(TEXT);
  expect(summary.failedImages.map((f) => f.reason)).toEqual(['HTTP 404']);
});
