/// Publishing a real post to a real Ghost: the page has everything and its images load,
/// republishing updates the one post without uploading an image twice, an edit on the server is
/// caught (before sending, and by Ghost's own 409 when it lands mid-publish), a lost answer is
/// found instead of done twice, a wrong key says what to do, and the key is nowhere in the library.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../main/publish/errors';
import type { FetchLike } from '../../main/publish/http';
import type { PublishService } from '../../main/publish/service';
import type { OutboxEntry } from '../../shared/publish';
import { startFaultProxy, type FaultProxy } from '../servers/fault-proxy';
import { ghostSkipReason as reason, hasGhost, startGhost, type Ghost, type GhostPost } from '../servers/ghost';
import { makeLibrary, makePng, POST_ID, postText, type TestLibrary } from './publish-fixtures';

describe.skipIf(!hasGhost)(`publishing to Ghost${reason}`, () => {
  let ghost: Ghost;
  let proxy: FaultProxy;
  let lib: TestLibrary;
  let service: PublishService;
  const events: OutboxEntry[] = [];
  /// Runs just before Postwright's next request whose method and path match, once.
  let beforeNext: { method: string; path: RegExp; run: () => Promise<void> } | null = null;
  const hooked: FetchLike = async (url, init) => {
    const hook = beforeNext;
    if (hook && init.method === hook.method && hook.path.test(new URL(url).pathname)) {
      beforeNext = null;
      await hook.run();
    }
    return fetch(url, init);
  };

  const admin = async <T>(route: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const response = await ghost.admin(route, init);
    expect(response.ok, `${route}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  const postsTitled = async (title: string) => (await admin<{ posts: GhostPost[] }>(`/posts/?limit=all&formats=html&include=tags&filter=${encodeURIComponent(`title:'${title}'`)}`)).posts;
  const getPost = async (id: string) => (await admin<{ posts: GhostPost[] }>(`/posts/${id}/?formats=html&include=tags`)).posts[0]!;
  /// Edits a post on the server as the Ghost editor would.
  const editOnServer = async (id: string, fields: Partial<GhostPost>) => {
    const { updated_at } = await getPost(id);
    await admin(`/posts/${id}/?source=html`, { method: 'PUT', json: { posts: [{ ...fields, updated_at }] } });
  };
  /// Uploaded images in the instance's content folder: not Ghost's resized copies (size/) nor
  /// the untouched original it keeps beside each (`_o`).
  const uploads = () => walk(path.join(ghost.dir, 'content', 'images')).filter((file) => !file.includes(`${path.sep}size${path.sep}`) && !/_o\.\w+$/.test(file) && !file.endsWith('README.md'));

  beforeAll(async () => {
    [ghost, lib] = await Promise.all([startGhost(), makeLibrary()]);
    proxy = await startFaultProxy(ghost.url);
    lib.writePost();
    service = lib.service({ backend: { fetch: hooked, timeoutMs: 10_000, uploadTimeoutMs: 10_000 } });
    service.outbox.onChange((entry) => events.push(entry));
    await service.start();
    await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
  }, 120_000);
  afterAll(async () => {
    service?.close();
    await proxy?.close();
    lib?.remove();
    await ghost?.stop();
  });

  it('signs in with the Admin API key to test the target', async () => {
    expect((await service.targets.test('blog')).account).toContain(ghost.url.replace('http://', ''));
    const [info] = await service.targets.list();
    expect(info).toMatchObject({ hasSecret: true, needsSecret: true });
  });

  it('publishes the post with everything in it, and its images load', async () => {
    const result = await service.publish(POST_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 3 });
    if (result.kind !== 'published') return;

    const page = await (await fetch(result.url)).text();
    for (const piece of ['Why ferment?', '<strong>slow cooking</strong>', '<li>patience</li>', '<td>Sauerkraut</td>', '<th style="text-align:right">pH</th>', '<code class="hljs language-python">', 'style="color:#7c3aed">def</span>', '{{ not a template }} {{% nor this %}} {% if x %}', '<math', '<mfrac>', 'My grandmother', 'What a jar of cabbage taught me about acids.']) {
      expect(page, piece).toContain(piece);
    }
    const images = [...page.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!).filter((src) => src.includes('/content/images/'));
    expect(images.length).toBeGreaterThanOrEqual(3); // two in the body, the cover
    for (const src of images) {
      const image = await fetch(new URL(src, ghost.url));
      expect(image.status, src).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
    }

    const post = await getPost(result.remoteId);
    expect(post).toMatchObject({ status: 'published', slug: 'fermentation-notes', custom_excerpt: 'What a jar of cabbage taught me about acids.', published_at: '2024-03-04T00:00:00.000Z' });
    expect(post.tags.map((t) => t.name)).toEqual(['food', 'science']);
    expect(post.feature_image).toMatch(/\/content\/images\/.*-cover\.png$/);
    expect(uploads()).toHaveLength(3);
    expect((await lib.library.get(POST_ID)).text).toMatch(new RegExp(`publish:\\n  blog:\\n    id: "?${result.remoteId}"?\\n    url: ${result.url}`));
  });

  it('republishes an edit as an update of the same post, uploading no image twice', async () => {
    const before = (await lib.library.get(POST_ID)).text;
    await lib.library.save(POST_ID, before.replace('- patience', '- patience\n- a clean jar').replace('excerpt: What', 'canonical_url: https://example.com/original\nexcerpt: What'), null);
    const result = await service.publish(POST_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: false, uploaded: 0, unchanged: false });
    const posts = await postsTitled('Fermentation notes');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.canonical_url).toBe('https://example.com/original');
    expect(uploads()).toHaveLength(3);
    expect(await (await fetch((result as { url: string }).url)).text()).toContain('<li>a clean jar</li>');

    expect(await service.publish(POST_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true });
  });

  it('stops at an edit made on the server, shows it, and overwrites it only when told to', async () => {
    const [{ id }] = (await postsTitled('Fermentation notes')) as [GhostPost];
    await editOnServer(id, { html: '<p>Edited on the server, in the Ghost editor.</p>' });
    const conflict = (await service.publish(POST_ID, 'blog').catch((e: unknown) => e)) as PublishError;
    expect(conflict).toBeInstanceOf(PublishError);
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toMatch(/changed on Ghost at .* since you last published it/);
    expect(conflict.remote?.markdown).toBe('Edited on the server, in the Ghost editor.');

    expect(await service.publish(POST_ID, 'blog', { overwrite: true })).toMatchObject({ kind: 'published', created: false, uploaded: 0 });
    expect((await getPost(id)).html).toContain('<li>a clean jar</li>');
  });

  it('catches an edit that lands while it publishes: Ghost’s 409 becomes the conflict screen', async () => {
    const [{ id }] = (await postsTitled('Fermentation notes')) as [GhostPost];
    await lib.rewrite(postText('\nA last line.\n'));
    // Between Postwright's check and its update, someone saves the post in Ghost.
    // Ghost compares updated_at in whole seconds: the edit must land in a later second than the
    // version Postwright read, or Ghost itself cannot tell.
    const read = (await getPost(id)).updated_at;
    const run = async () => {
      await expect.poll(() => new Date().toISOString().slice(0, 19) > read.slice(0, 19), { interval: 20 }).toBe(true);
      await editOnServer(id, { title: 'Retitled in Ghost' });
    };
    beforeNext = { method: 'PUT', path: /\/ghost\/api\/admin\/posts\/[0-9a-f]+\/$/, run };
    const conflict = (await service.publish(POST_ID, 'blog').catch((e: unknown) => e)) as PublishError;
    expect(beforeNext).toBeNull();
    expect(conflict).toBeInstanceOf(PublishError);
    expect(conflict.kind).toBe('conflict');
    expect(conflict.remote?.title).toBe('Retitled in Ghost');
    expect((await getPost(id)).title).toBe('Retitled in Ghost');
    expect((await getPost(id)).html).not.toContain('A last line.');
  });

  it('creates drafts and scheduled posts as such', async () => {
    lib.writePost(postText().replace('slug: fermentation-notes', 'slug: a-draft').replace('title: Fermentation notes', 'title: Fermentation draft'), 'a-draft');
    const draft = await service.publish('a-draft', 'blog', { status: 'draft' });
    expect((await getPost((draft as { remoteId: string }).remoteId)).status).toBe('draft');

    const later = postText().replace('slug: fermentation-notes', 'slug: later').replace('title: Fermentation notes', 'title: Fermentation later').replace('date: 2024-03-04', 'date: 2099-01-02T09:30:00Z');
    lib.writePost(later, 'later');
    const scheduled = await service.publish('later', 'blog');
    expect(await getPost((scheduled as { remoteId: string }).remoteId)).toMatchObject({ status: 'scheduled', published_at: '2099-01-02T09:30:00.000Z' });
    // The same images again: still only the three uploads.
    expect(uploads()).toHaveLength(3);
  });

  it('finds an image and a post whose answers were lost instead of sending them twice', async () => {
    await service.targets.add({ settings: { name: 'flaky', kind: 'ghost', siteUrl: proxy.url }, secret: ghost.adminKey });
    const dir = path.join(lib.root, 'posts', 'lost-answers');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'photo.png'), makePng(40, 40, [0, 0, 0], true));
    writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Lost answers\nstatus: published\n---\n\nA paragraph.\n\n![A photo](photo.png)\n');
    const before = uploads().length;
    proxy.add({ method: 'POST', path: /\/images\/upload\/$/, fault: { kind: 'drop-answer' } });
    proxy.add({ method: 'POST', path: /\/admin\/posts\/(\?|$)/, fault: { kind: 'drop-answer' } });
    const result = await service.publish('lost-answers', 'flaky');
    expect(result).toMatchObject({ kind: 'queued', reason: { kind: 'network' } });
    await expect.poll(() => events.find((e) => e.id === (result as { outboxId: string }).outboxId && e.status.state === 'done'), { timeout: 30_000 }).toBeTruthy();
    const sent = (route: RegExp) => proxy.log.filter((l) => l.request.startsWith('POST ') && route.test(l.request.split('?')[0]!)).length;
    expect(proxy.log.filter((l) => l.fault === 'drop-answer').map((l) => l.request.split(' ')[0])).toEqual(['POST', 'POST']);
    expect(sent(/\/images\/upload\/$/)).toBe(1);
    expect(sent(/\/admin\/posts\/$/)).toBe(1);
    expect(uploads()).toHaveLength(before + 1);
    expect(await postsTitled('Lost answers')).toHaveLength(1);

    // An update whose answer was lost: next time the post on Ghost is recognised as this one.
    await lib.rewrite('---\ntitle: Lost answers\nstatus: published\n---\n\nA paragraph, longer now.\n\n![A photo](photo.png)\n', 'lost-answers');
    proxy.add({ method: 'PUT', path: /\/admin\/posts\/[0-9a-f]+\/(\?|$)/, fault: { kind: 'drop-answer' } });
    const again = await service.publish('lost-answers', 'flaky');
    expect(again).toMatchObject({ kind: 'queued', reason: { kind: 'network' } });
    await expect.poll(() => events.find((e) => e.id === (again as { outboxId: string }).outboxId && ['done', 'failed'].includes(e.status.state))?.status.state, { timeout: 30_000 }).toBe('done');
    expect(proxy.log.filter((l) => l.request.startsWith('PUT ')).map((l) => l.fault)).toEqual(['drop-answer']);
    expect(await service.publish('lost-answers', 'flaky')).toMatchObject({ kind: 'published', unchanged: true });
  });

  it('says plainly when the Admin API key is wrong', async () => {
    const wrongKey = `${'a'.repeat(24)}:${'b'.repeat(64)}`;
    await service.targets.add({ settings: { name: 'wrong', kind: 'ghost', siteUrl: ghost.url }, secret: wrongKey });
    const error = (await service.publish(POST_ID, 'wrong').catch((e: unknown) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Ghost refused the Admin API key.*Settings → Integrations.*Admin API key/);
    await expect(service.targets.test('wrong')).rejects.toMatchObject({ kind: 'auth' });

    // A key of the right integration with a wrong secret: the signature does not match.
    const [id] = ghost.adminKey.split(':');
    await service.targets.add({ settings: { name: 'wrong-secret', kind: 'ghost', siteUrl: ghost.url }, secret: `${id}:${'c'.repeat(64)}` });
    await expect(service.targets.test('wrong-secret')).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/Ghost refused the Admin API key/) });
  });

  it('keeps the Admin API key out of the library and the targets file', async () => {
    expect(lib.filesContaining(ghost.adminKey).map((file) => path.relative(lib.stateDir, file))).toEqual(['secrets.json']);
    expect(readFileSync(path.join(lib.root, '.postwright', 'targets.json'), 'utf8')).not.toContain(ghost.adminKey.split(':')[1]!);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
  });
}
