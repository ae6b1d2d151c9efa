/// The pipeline's guarantees against an in-memory blog: one remote post per post whatever
/// answers are lost, each image uploaded once, remote edits never silently overwritten, the
/// record written without undoing the user's edits.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePostFile } from '../../../shared/frontmatter';
import { PublishError } from '../../../main/publish/errors';
import { PublishPipeline, type ResolvedTarget } from '../../../main/publish/pipeline';
import { FakeBlog, MemoryStore } from './fakes';

const PNG_A = Buffer.from('89504e470d0a1a0a0000000d49484452aaaa', 'hex');
const PNG_B = Buffer.from('89504e470d0a1a0a0000000d49484452bbbb', 'hex');
const network = () => new PublishError('network', 'the connection was cut');
const post = (body: string, extra = '') => `---\ntitle: Hello\nstatus: published\ncover: a.png\n${extra}---\n${body}`;

describe('PublishPipeline', () => {
  let store: MemoryStore;
  let blog: FakeBlog;
  let targets: Record<string, ResolvedTarget>;
  let pipeline: PublishPipeline;
  const record = (id = 'hello') => (parsePostFile(store.texts.get(id)!).data.publish as Record<string, Record<string, string>>).blog!;

  beforeEach(() => {
    store = new MemoryStore();
    blog = new FakeBlog();
    targets = { blog: { name: 'blog', publisher: blog } };
    pipeline = new PublishPipeline({ store, libraryRoot: store.root, target: async (name) => targets[name]!, now: () => Date.parse('2025-06-01T12:00:00Z') });
    store.write('hello', post('![A](a.png)\n\n![B](./img/b.png)\n'), { 'a.png': PNG_A, 'img/b.png': PNG_B });
  });
  afterEach(() => store.remove());

  it('refuses a post too large to render whole, and sends nothing, rather than publish the simplified preview', async () => {
    const paragraph = 'A line of a very long lab notebook, kept for years without a break. '.repeat(20);
    store.write('huge', post(`${paragraph}\n\n`.repeat(Math.ceil(2_100_000 / (paragraph.length + 2)))));
    await expect(pipeline.publish('huge', 'blog')).rejects.toThrow(/too large to publish in one piece/);
    expect(blog.calls).toEqual([]);
  });

  it('creates once, then updates the same post, uploading each image once', async () => {
    const first = await pipeline.publish('hello', 'blog');
    expect(first).toMatchObject({ kind: 'published', created: true, uploaded: 2 });
    expect(blog.calls).toEqual(['upload a.png', 'upload img/b.png', 'create']);
    expect(record()).toMatchObject({ id: '1', url: 'https://fake.test/1', remote_modified: 'v1' });
    expect(store.saves).toEqual([{ id: 'hello', reason: 'publish' }]);

    store.texts.set('hello', store.texts.get('hello')!.replace('![A](a.png)', 'New words.\n\n![A](a.png)'));
    blog.calls = [];
    expect(await pipeline.publish('hello', 'blog')).toMatchObject({ kind: 'published', created: false, uploaded: 0, reused: 2 });
    expect(blog.calls).toEqual(['get 1', 'update 1']);
    expect(blog.posts.size).toBe(1);
    expect(blog.posts.get('1')!.content).toContain('New words.');
    expect(blog.posts.get('1')!.content).toMatch(/src="https:\/\/fake\.test\/media\/[0-9a-f]{8}-a\.png"/);

    blog.calls = [];
    expect(await pipeline.publish('hello', 'blog')).toMatchObject({ unchanged: true });
    expect(blog.calls).toEqual(['get 1']);
  });

  it('uploads the same image once per target, whatever post or name it comes with', async () => {
    await pipeline.publish('hello', 'blog');
    store.write('other', post('![Same bytes, new name](copy.png)'), { 'copy.png': PNG_A, 'a.png': PNG_A });
    expect(await pipeline.publish('other', 'blog')).toMatchObject({ uploaded: 0 });
    expect(blog.media.size).toBe(2);
    expect(existsSync(path.join(store.root, '.postwright/targets/blog/assets.json'))).toBe(true);
  });

  it('finds a post whose create answer was lost instead of creating it again', async () => {
    blog.failNext.create = { error: network(), afterWork: true };
    await expect(pipeline.publish('hello', 'blog')).rejects.toMatchObject({ kind: 'network' });
    expect(blog.posts.size).toBe(1);
    blog.calls = [];
    expect(await pipeline.publish('hello', 'blog')).toMatchObject({ kind: 'published', remoteId: '1' });
    expect(blog.calls).toEqual(['find']);
    expect(blog.posts.size).toBe(1);
    expect(record().id).toBe('1');
  });

  it('looks for an upload whose answer was lost before uploading it again', async () => {
    blog.failNext.upload = { error: network(), afterWork: true };
    await expect(pipeline.publish('hello', 'blog')).rejects.toMatchObject({ kind: 'network' });
    blog.calls = [];
    await pipeline.publish('hello', 'blog');
    expect(blog.calls).toEqual(['find', 'findAsset a.png', 'upload img/b.png', 'create']);
    expect(blog.media.size).toBe(2);
  });

  it('does not call its own lost update a conflict', async () => {
    await pipeline.publish('hello', 'blog');
    store.texts.set('hello', store.texts.get('hello')!.replace('![B]', 'Edited.\n\n![B]'));
    blog.failNext.update = { error: network(), afterWork: true };
    await expect(pipeline.publish('hello', 'blog')).rejects.toMatchObject({ kind: 'network' });
    expect(await pipeline.publish('hello', 'blog')).toMatchObject({ kind: 'published', created: false });
    expect(record().remote_modified).toBe('v2');
  });

  it('stops at a remote edit with the remote version, and overwrites or takes it on request', async () => {
    await pipeline.publish('hello', 'blog');
    const uploaded = [...blog.media.values()].find((m) => m.url.endsWith('a.png'))!.url;
    blog.editRemotely('1', `<h2>Their heading</h2><p>Their words.</p><img src="${uploaded}" alt="A">`);
    const error = (await pipeline.publish('hello', 'blog').catch((e: unknown) => e)) as PublishError;
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/“Hello” was changed on Fake Blog since you last published it\. Nothing was sent\./);
    expect(error.remote).toMatchObject({ title: 'Hello', markdown: `## Their heading\n\nTheir words.\n\n![A](${uploaded})` });
    expect(blog.calls.filter((c) => c.startsWith('update'))).toEqual([]);

    expect(await pipeline.publish('hello', 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    const taken = store.texts.get('hello')!;
    // The blog's copy of the image points at the post's own file again.
    expect(parsePostFile(taken).body).toBe('\n## Their heading\n\nTheir words.\n\n![A](a.png)\n');
    expect(store.saves.at(-1)).toEqual({ id: 'hello', reason: 'outside-edit' });
    expect(await pipeline.publish('hello', 'blog')).toMatchObject({ kind: 'published', created: false });

    blog.editRemotely('1', '<p>Again.</p>');
    await expect(pipeline.publish('hello', 'blog')).rejects.toMatchObject({ kind: 'conflict' });
    expect(await pipeline.publish('hello', 'blog', { overwrite: true })).toMatchObject({ kind: 'published' });
    expect(blog.posts.get('1')!.content).toContain('Their heading');
  });

  it('catches a remote edit even when the post lost its record', async () => {
    await pipeline.publish('hello', 'blog');
    store.texts.set('hello', post('![A](a.png)\n\n![B](./img/b.png)\n\nMore.\n'));
    blog.editRemotely('1', '<p>Theirs.</p>');
    await expect(pipeline.publish('hello', 'blog')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('shows what changed when the backend reports the conflict itself', async () => {
    await pipeline.publish('hello', 'blog');
    store.texts.set('hello', store.texts.get('hello')!.replace('![B]', 'Mine.\n\n![B]'));
    blog.failNext.update = { error: new PublishError('conflict', 'updated_at mismatch'), afterWork: false };
    const error = (await pipeline.publish('hello', 'blog').catch((e: unknown) => e)) as PublishError;
    expect(error).toMatchObject({ kind: 'conflict' });
    expect(error.remote?.markdown).toContain('![A]');
  });

  it('writes the record without undoing an edit saved meanwhile', async () => {
    let once = true;
    store.beforeSave = (id) => {
      if (once) store.texts.set(id, store.texts.get(id)!.replace('![B]', 'Typed during the publish.\n\n![B]'));
      once = false;
    };
    await pipeline.publish('hello', 'blog');
    expect(store.texts.get('hello')).toContain('Typed during the publish.');
    expect(record().id).toBe('1');
  });

  it('refuses, with a plain message, an image that is missing or outside the post', async () => {
    store.write('broken', post('![Gone](gone.png)'), { 'a.png': PNG_A });
    await expect(pipeline.publish('broken', 'blog')).rejects.toThrow(/uses the file “gone\.png”, which is not in the post’s folder/);
    store.write('outside', post('![Up](../hello/a.png)'), { 'a.png': PNG_A });
    await expect(pipeline.publish('outside', 'blog')).rejects.toThrow(/outside the post’s folder/);
    expect(blog.calls).toEqual([]);
  });

  it('previews without uploading, sending or writing anything', async () => {
    const preview = await pipeline.preview('hello', 'blog');
    expect(preview).toMatchObject({ action: 'create', status: 'published', title: 'Hello' });
    expect(preview.assets.every((a) => a.willUpload && a.url === null)).toBe(true);
    expect(preview.html).toContain('src="a.png"');
    expect(blog.calls).toEqual([]);
    expect(existsSync(path.join(store.root, '.postwright'))).toBe(false);
    expect(store.saves).toEqual([]);
  });

  it('schedules a post dated in the future and honours a status override', async () => {
    store.write('later', post('Soon.', 'date: 2030-01-01T08:00:00+02:00\n'), { 'a.png': PNG_A });
    expect((await pipeline.preview('later', 'blog')).status).toBe('scheduled');
    expect((await pipeline.preview('later', 'blog')).date).toBe('2030-01-01T06:00:00.000Z');
    expect((await pipeline.publish('later', 'blog', { status: 'draft', dryRun: true })).kind).toBe('preview');
    expect(blog.posts.size).toBe(0);
  });

  it('refuses a copied post that claims another post’s remote post', async () => {
    await pipeline.publish('hello', 'blog');
    store.write('copy', store.texts.get('hello')!, { 'a.png': PNG_A, 'img/b.png': PNG_B });
    await expect(pipeline.publish('copy', 'blog')).rejects.toThrow(/as the post of “hello” \(it was probably copied from it\)/);
  });

  it('sends the images of a target without media to the one that stores them', async () => {
    const media = new FakeBlog();
    const noMedia = new FakeBlog('elsewhere');
    targets.blogger = { name: 'blogger', publisher: noMedia };
    await expect(pipeline.publish('hello', 'blogger')).rejects.toThrow(/cannot store images/);
    targets.blogger = { name: 'blogger', publisher: noMedia, media: { name: 'photos', publisher: media } };
    await pipeline.publish('hello', 'blogger');
    expect(media.calls).toEqual(['upload a.png', 'upload img/b.png']);
    expect(noMedia.posts.get('1')!.content).toContain('https://fake.test/media/');
    expect(existsSync(path.join(store.root, '.postwright/targets/photos/assets.json'))).toBe(true);
  });
});

describe('cross-posting', () => {
  let store: MemoryStore;
  let pipeline: PublishPipeline;
  const blogs = { main: new FakeBlog(), mirror: new FakeBlog() };

  beforeEach(() => {
    store = new MemoryStore();
    blogs.main = new FakeBlog();
    blogs.mirror = new FakeBlog();
    pipeline = new PublishPipeline({
      store,
      libraryRoot: store.root,
      target: async (name) => ({ name, publisher: blogs[name as keyof typeof blogs] }),
      now: () => Date.parse('2025-06-01T12:00:00Z'),
    });
  });
  afterEach(() => store.remove());

  it('records each target separately and points the others at the canonical copy', async () => {
    store.write('hello', '---\ntitle: Hello\nstatus: published\ncanonical_target: main\n---\nWords.\n', {});
    await pipeline.publish('hello', 'main');
    const preview = await pipeline.preview('hello', 'mirror');
    const mainUrl = (parsePostFile(store.texts.get('hello')!).data.publish as Record<string, { url: string }>).main!.url;
    expect(preview.canonicalUrl).toBe(mainUrl);
    expect((await pipeline.preview('hello', 'main')).canonicalUrl).toBeNull();
    await pipeline.publish('hello', 'mirror');
    const records = parsePostFile(store.texts.get('hello')!).data.publish as Record<string, { id: string }>;
    expect(Object.keys(records).sort()).toEqual(['main', 'mirror']);
    expect(blogs.main.posts.size).toBe(1);
    expect(blogs.mirror.posts.size).toBe(1);
  });

  it('an explicit canonical_url wins over the canonical target', async () => {
    store.write('hello', '---\ntitle: Hello\ncanonical_target: main\ncanonical_url: https://elsewhere.example/hello\n---\nWords.\n', {});
    expect((await pipeline.preview('hello', 'mirror')).canonicalUrl).toBe('https://elsewhere.example/hello');
  });
});
