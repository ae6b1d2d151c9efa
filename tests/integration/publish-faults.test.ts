/// A fault proxy between Postwright and a real WordPress: a 500, a 429 with Retry-After, a
/// create that never answers, an upload cut in the middle, an upload whose answer is lost, a
/// restart while a publish waits. Every time: a clear message, the publish waits in the outbox,
/// the outbox finishes it once the fault clears, and there is exactly one post and one copy of
/// each image on the blog.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry, PublishResult } from '../../shared/publish';
import type { PublishService } from '../../main/publish/service';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const POSTS = /\/wp\/v2\/posts$/;
// An upload carries its title and alt text in the query.
const MEDIA = /\/wp\/v2\/media(?:\?|$)/;

describe.skipIf(!hasWordPress)(hasWordPress ? 'publishing through network faults' : 'publishing through network faults (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let proxy: FaultProxy;
  let lib: TestLibrary;
  let service: PublishService;
  let events: OutboxEntry[] = [];

  const rest = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${wp.url}/wp-json${route}`, { headers: { Authorization: basic(wp.username, wp.appPassword) } });
    return (await response.json()) as T;
  };
  const postsNamed = async (word: string) => (await rest<unknown[]>(`/wp/v2/posts?status=any&per_page=100&search=${word}`)).length;
  const mediaCount = async () => (await rest<unknown[]>('/wp/v2/media?per_page=100')).length;
  const requests = (method: string, route: RegExp) => proxy.log.filter((l) => l.request.startsWith(`${method} `) && route.test(l.request.slice(method.length + 1))).length;
  const open = async () => {
    service = lib.service({ backend: { timeoutMs: 3_000, uploadTimeoutMs: 3_000 } });
    service.outbox.onChange((entry) => events.push(entry));
    await service.start();
  };
  /// A post of its own, with an image no other post has (so it must be uploaded).
  const writePost = (word: string, imageBytes = 2_000) => {
    const dir = path.join(lib.root, 'posts', word.toLowerCase());
    mkdirSync(dir, { recursive: true });
    const side = Math.ceil(Math.sqrt(imageBytes / 3));
    writeFileSync(path.join(dir, 'photo.png'), makePng(side, side, [0, 0, 0], true));
    writeFileSync(path.join(dir, 'index.md'), `---\ntitle: ${word} post\nstatus: published\n---\n\nA paragraph about ${word}.\n\n![A photo](photo.png)\n`);
    return word.toLowerCase();
  };
  /// Publishes, expects it queued with a message that says it will be tried again, and waits for the outbox.
  const publishThroughFault = async (id: string, kind: string): Promise<Extract<PublishResult, { kind: 'queued' }>> => {
    const result = await service.publish(id, 'blog');
    expect(result.kind).toBe('queued');
    if (result.kind !== 'queued') throw new Error('not queued');
    expect(result.reason.kind).toBe(kind);
    expect(result.reason.message).toMatch(/Postwright will try again; nothing is lost\./);
    await expect.poll(() => events.find((e) => e.id === result.outboxId && e.status.state === 'done'), { timeout: 20_000 }).toBeTruthy();
    return result;
  };

  beforeAll(async () => {
    // WordPress's block library loads once per process; on a busy machine that takes a while.
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
    proxy = await startFaultProxy(wp.url);
    await open();
    await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: proxy.url, username: wp.username }, secret: wp.appPassword });
  }, 300_000);
  afterAll(async () => {
    service?.close();
    await proxy?.close();
    lib?.remove();
    await wp?.stop();
  });

  it('queues a publish the server answers with 500, and finishes it', async () => {
    const id = writePost('Fivehundred');
    proxy.add({ method: 'POST', path: POSTS, fault: { kind: 'status', status: 500 } });
    await publishThroughFault(id, 'server');
    expect(await postsNamed('Fivehundred')).toBe(1);
    expect((await lib.library.get(id)).text).toMatch(/publish:\n {2}blog:\n {4}id:/);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    const id = writePost('Slowdown');
    proxy.add({ method: 'POST', path: POSTS, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } });
    const queuedAt = Date.now();
    const result = await publishThroughFault(id, 'rate-limited');
    expect(result.reason.retryAfterMs).toBe(1_000);
    expect(Date.parse(result.nextAt) - queuedAt).toBeGreaterThanOrEqual(900);
    expect(result.reason.message).toMatch(/asked Postwright to slow down/);
    expect(await postsNamed('Slowdown')).toBe(1);
  });

  it('finds the post a create made when its answer never came, instead of creating it twice', async () => {
    const id = writePost('Hanging');
    const creates = requests('POST', POSTS);
    proxy.add({ method: 'POST', path: POSTS, fault: { kind: 'hang', forward: true } });
    const result = await publishThroughFault(id, 'network');
    expect(result.reason.message).toMatch(/did not answer within 3 seconds/);
    expect(await postsNamed('Hanging')).toBe(1);
    // The retry found the post by its key; it sent no second create.
    expect(requests('POST', POSTS)).toBe(creates + 1);
  });

  it('uploads an image again when the upload was cut in the middle, once', async () => {
    const id = writePost('Cutupload', 300_000);
    const before = await mediaCount();
    proxy.add({ method: 'POST', path: MEDIA, fault: { kind: 'cut-upload', afterBytes: 100_000 } });
    const result = await publishThroughFault(id, 'network');
    expect(result.reason.message).toMatch(/connection .* was cut|could not be reached/);
    expect(await mediaCount()).toBe(before + 1);
    expect(await postsNamed('Cutupload')).toBe(1);
  });

  it('does not upload an image twice when the upload arrived but its answer was lost', async () => {
    const id = writePost('Lostanswer', 50_000);
    const before = await mediaCount();
    const uploads = requests('POST', MEDIA);
    proxy.add({ method: 'POST', path: MEDIA, fault: { kind: 'drop-answer' } });
    await publishThroughFault(id, 'network');
    expect(await mediaCount()).toBe(before + 1);
    expect(requests('POST', MEDIA)).toBe(uploads + 1);
    expect(await postsNamed('Lostanswer')).toBe(1);
  });

  it('keeps a waiting publish across a restart, and finishes it after', async () => {
    const id = writePost('Restart');
    proxy.add({ method: 'POST', path: POSTS, fault: { kind: 'status', status: 503 }, times: 1_000 });
    const result = await service.publish(id, 'blog');
    expect(result).toMatchObject({ kind: 'queued', reason: { kind: 'server' } });
    service.close();
    expect(readdirSync(path.join(lib.root, '.postwright', 'outbox'))).toEqual([`${(result as { outboxId: string }).outboxId}.json`]);
    proxy.clear();

    events = [];
    await open();
    expect(service.outbox.list().map((e) => e.postId)).toEqual([id]);
    await expect.poll(() => events.some((e) => e.postId === id && e.status.state === 'done'), { timeout: 20_000 }).toBe(true);
    expect(await postsNamed('Restart')).toBe(1);
    expect(readdirSync(path.join(lib.root, '.postwright', 'outbox'))).toEqual([]);
  });

  it('can cancel a waiting publish', async () => {
    const id = writePost('Cancelled');
    proxy.add({ method: 'POST', path: POSTS, fault: { kind: 'status', status: 502 }, times: 1_000 });
    const result = await service.publish(id, 'blog');
    if (result.kind !== 'queued') throw new Error('not queued');
    expect(await service.outbox.cancel(result.outboxId)).toBe(true);
    expect(service.outbox.list()).toEqual([]);
    expect(events.at(-1)).toMatchObject({ id: result.outboxId, status: { state: 'cancelled' } });
    proxy.clear();
    expect(await postsNamed('Cancelled')).toBe(0);
  });
});
