/// The exact post each publish sent, found again by the content part of the remote's stamp: what
/// lets "bring theirs in" and an import give back the very markdown while the blog holds it.
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePostFile } from '../../../shared/frontmatter';
import { PublishPipeline } from '../../../main/publish/pipeline';
import { PublishRevisions, type PublishedRevision } from '../../../main/publish/publish-revision';
import { FakeBlog, MemoryStore } from './fakes';

const kept = (stamp: string, text = `---\ntitle: T\n---\n${stamp}\n`): PublishedRevision => ({ stamp, postId: 'p', text, assets: [], at: '2025-06-01T12:00:00Z' });

describe('PublishRevisions', () => {
  let dir: string;
  let revisions: PublishRevisions;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pw-kept-'));
    revisions = new PublishRevisions(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the publish whose content the blog still holds, even saved again there at another time', async () => {
    await revisions.keep('blog', '7', kept('2025-06-01T12:00:00 aaaa1111'));
    expect((await revisions.find('7', '2025-06-01T12:00:00 aaaa1111'))?.stamp).toBe('2025-06-01T12:00:00 aaaa1111');
    // Edited there and edited back: a new time, the same content.
    expect((await revisions.find('7', '2025-06-02T08:00:00 aaaa1111'))?.stamp).toBe('2025-06-01T12:00:00 aaaa1111');
    expect(await revisions.find('7', '2025-06-02T08:00:00 bbbb2222')).toBeNull();
    expect(await revisions.find('8', '2025-06-01T12:00:00 aaaa1111')).toBeNull();
    expect(await revisions.find('7', null)).toBeNull();
  });

  it('matches a git blob id whole, keeps the newest few, and reads a damaged file as nothing kept', async () => {
    for (let i = 0; i < 7; i++) await revisions.keep('site', 'content/posts/a/index.html', kept(`blob${i}`));
    expect((await revisions.find('content/posts/a/index.html', 'blob6'))?.text).toContain('blob6');
    expect(await revisions.find('content/posts/a/index.html', 'blob1')).toBeNull();
    for (const file of readdirSync(dir)) writeFileSync(path.join(dir, file), '{ not json');
    expect(await revisions.find('content/posts/a/index.html', 'blob6')).toBeNull();
  });
});

describe('bringing the blog’s version in', () => {
  let store: MemoryStore;
  let blog: FakeBlog;
  let pipeline: PublishPipeline;
  const text = '---\ntitle: Hello\nstatus: published\n---\nA paragraph wrapped\nby its writer, with _their_ emphasis.\n';
  beforeEach(() => {
    store = new MemoryStore();
    blog = new FakeBlog();
    pipeline = new PublishPipeline({ store, libraryRoot: store.root, target: async () => ({ name: 'blog', publisher: blog }), now: () => Date.parse('2025-06-01T12:00:00Z') });
    store.write('hello', text, {});
  });

  it('gives back the very text that was published while the blog still holds it, and a conversion once it was edited there', async () => {
    await pipeline.publish('hello', 'blog');
    const published = store.texts.get('hello')!;
    store.texts.set('hello', published.replace('A paragraph', 'An edited paragraph'));
    expect(await pipeline.publish('hello', 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    expect(store.texts.get('hello')).toBe(published);

    blog.editRemotely('1', '<p>Their words.</p>');
    expect(await pipeline.publish('hello', 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    expect(parsePostFile(store.texts.get('hello')!).body).toBe('\nTheir words.\n');
  });
});
