/// PublishService.status: per target, whether a post was never sent, is up to date, was edited
/// since, or waits (or gave up) in the outbox; worked out without asking any target.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../shared/publish';
import { createPublisher as createReal } from '../../../main/publish/backends';
import { PublishError } from '../../../main/publish/errors';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import { FakeBlog, MemoryStore } from './fakes';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452aaaa', 'hex');
const POST = '---\ntitle: Hello\nstatus: published\nnotes: remember to share it\n---\nFirst words.\n\n![A](a.png)\n';

describe('PublishService.status', () => {
  let store: MemoryStore;
  let blog: FakeBlog;
  let service: PublishService;
  let fetchCalls: number;
  const state = async () => (await service.status('hello')).find((s) => s.target === 'blog');
  const edit = (from: string, to: string) => store.texts.set('hello', store.texts.get('hello')!.replace(from, to));

  beforeEach(async () => {
    store = new MemoryStore();
    blog = new FakeBlog();
    fetchCalls = 0;
    const fetch = async () => {
      fetchCalls++;
      throw new Error('no requests expected');
    };
    service = new PublishService({
      libraryRoot: store.root, store, secrets: new MemorySecretStore(), backend: { fetch }, outbox: { baseDelayMs: 60_000 },
      publisher: (settings, secret, backend) => (settings.name === 'blog' ? blog : createReal(settings, secret, backend)),
    });
    await service.targets.add({ settings: { name: 'blog', kind: 'static-git', repoPath: '/unused', generator: 'hugo' } as never });
    store.write('hello', POST, { 'a.png': PNG });
  });
  afterEach(() => {
    service.close();
    store.remove();
  });

  it('is not published until it is, then published, then changed when the body is edited', async () => {
    expect(await service.status('hello')).toEqual([{ target: 'blog', kind: 'static-git', state: 'not-published', url: null, publishedAt: null, reason: null }]);
    const result = await service.publish('hello', 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true });
    blog.calls = [];
    const published = await state();
    expect(published).toMatchObject({ state: 'published', url: 'https://fake.test/1', reason: null });
    expect(published?.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    edit('First words.', 'First words, edited.');
    expect(await state()).toMatchObject({ state: 'changed', url: 'https://fake.test/1', publishedAt: published?.publishedAt });
    expect(blog.calls).toEqual([]); // status asks the blog nothing

    // Publishing again brings it up to date; the same question a publish asks says so too.
    await service.publish('hello', 'blog');
    expect(await state()).toMatchObject({ state: 'published' });
    blog.calls = [];
    expect(await service.publish('hello', 'blog')).toMatchObject({ unchanged: true });
  });

  it('stays published when only a front-matter key that is not sent changes', async () => {
    await service.publish('hello', 'blog');
    edit('notes: remember to share it', 'notes: shared on Monday\nmood: happy');
    expect(await state()).toMatchObject({ state: 'published' });
    edit('title: Hello', 'title: Hello again');
    expect(await state()).toMatchObject({ state: 'changed' });
  });

  it('is changed when an image changes or goes missing', async () => {
    await service.publish('hello', 'blog');
    store.write('hello', store.texts.get('hello')!, { 'a.png': Buffer.concat([PNG, Buffer.from('ff', 'hex')]) });
    expect(await state()).toMatchObject({ state: 'changed' });
    edit('![A](a.png)', '![A](gone.png)');
    expect(await state()).toMatchObject({ state: 'changed' });
  });

  it('shows a publish waiting in the outbox as queued, with why it waits', async () => {
    blog.failNext.create = { error: new PublishError('network', 'the connection was cut'), afterWork: false };
    expect(await service.publish('hello', 'blog')).toMatchObject({ kind: 'queued' });
    expect(await state()).toEqual({ target: 'blog', kind: 'static-git', state: 'queued', url: null, publishedAt: null, reason: 'the connection was cut' });

    // A queued republish of a published post keeps its record's URL.
    const [entry] = service.outbox.list();
    await service.outbox.cancel(entry!.id);
    await service.publish('hello', 'blog');
    edit('First words.', 'Edited.');
    blog.failNext.update = { error: new PublishError('server', 'the blog answered 503'), afterWork: false };
    expect(await service.publish('hello', 'blog')).toMatchObject({ kind: 'queued' });
    expect(await state()).toMatchObject({ state: 'queued', url: 'https://fake.test/1', reason: 'the blog answered 503' });
  });

  it('shows a publish the outbox gave up on as failed, with the reason', async () => {
    blog.failNext.create = { error: new PublishError('network', 'the connection was cut'), afterWork: false };
    const queued = await service.publish('hello', 'blog');
    if (queued.kind !== 'queued') throw new Error('expected it queued');
    blog.failNext.create = { error: new PublishError('auth', 'WordPress refused the password'), afterWork: false };
    const failed = new Promise<OutboxEntry>((resolve) => service.outbox.onChange((e) => e.status.state === 'failed' && resolve(e)));
    service.outbox.retry(queued.outboxId);
    await failed;
    expect(await state()).toEqual({ target: 'blog', kind: 'static-git', state: 'failed', url: null, publishedAt: null, reason: 'WordPress refused the password' });

    // Cancelling it (or publishing it another way) clears it.
    await service.outbox.cancel(queued.outboxId);
    expect(await state()).toMatchObject({ state: 'not-published' });
  });

  it('lists every target, and needs neither a password nor the network for it', async () => {
    await service.targets.add({ settings: { name: 'wp', kind: 'wordpress', siteUrl: 'https://blog.example.com', username: 'alice' } });
    const states = await service.status('hello');
    expect(states.map((s) => [s.target, s.kind, s.state])).toEqual([
      ['blog', 'static-git', 'not-published'],
      ['wp', 'wordpress', 'not-published'],
    ]);
    // A record for the WordPress target: its images' places are unknown here, so it would send again.
    edit('notes:', 'publish:\n  wp:\n    id: 7\n    url: https://blog.example.com/?p=7\n    published_at: 2025-01-01T00:00:00.000Z\n    hash: abc\n    remote_modified: null\nnotes:');
    expect((await service.status('hello'))[1]).toMatchObject({ target: 'wp', state: 'changed', url: 'https://blog.example.com/?p=7', publishedAt: '2025-01-01T00:00:00.000Z' });
    expect(fetchCalls).toBe(0);
  });
});
