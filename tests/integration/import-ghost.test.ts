/// Importing a real Ghost blog (posts made over the Admin API, with an image, a table, code, tags,
/// a feature image and a draft), importing again, and the round trip: import, edit here, publish
/// back with PublishService, and the same Ghost post is updated with nothing else changed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceForFile, importSourceForTarget } from '../../main/import';
import { GhostSource } from '../../main/import/ghost-source';
import { runImport } from '../../main/import/run';
import { libraryImportTarget, type ImportTarget } from '../../main/import/target';
import { adminToken } from '../../main/publish/ghost';
import type { PublishService } from '../../main/publish/service';
import { parsePostFile } from '../../shared/frontmatter';
import { ghostSkipReason as reason, hasGhost, startGhost, type Ghost, type GhostPost } from '../servers/ghost';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';

describe.skipIf(!hasGhost)(`importing from Ghost${reason}`, () => {
  let ghost: Ghost;
  let lib: TestLibrary;
  let target: ImportTarget;
  let service: PublishService;
  const ids: Record<string, string> = {};
  let imageUrl = '';

  const admin = async <T>(route: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const response = await ghost.admin(route, init);
    expect(response.ok, `${route}: ${response.status} ${response.ok ? '' : await response.clone().text()}`).toBe(true);
    return (await response.json()) as T;
  };
  const getPost = async (id: string) => (await admin<{ posts: GhostPost[] }>(`/posts/${id}/?formats=html&include=tags`)).posts[0]!;
  const source = () => new GhostSource({ target: 'blog', siteUrl: ghost.url }, ghost.adminKey);
  const postIdOf = async (remoteId: string) => {
    for (const summary of await lib.library.list()) {
      const record = (parsePostFile((await lib.library.get(summary.id)).text).data.publish as Record<string, { id: string }> | undefined)?.blog;
      if (record?.id === remoteId) return summary.id;
    }
    throw new Error(`no post for ${remoteId}`);
  };

  beforeAll(async () => {
    [ghost, lib] = await Promise.all([startGhost(), makeLibrary()]);
    target = libraryImportTarget(lib.library);
    service = lib.service();
    await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
    // Ghost's own sample post has a feature image on static.ghost.org: nothing may leave the machine.
    for (const { id } of (await admin<{ posts: Array<{ id: string }> }>('/posts/?limit=all&fields=id')).posts) {
      expect((await ghost.admin(`/posts/${id}/`, { method: 'DELETE' })).status).toBe(204);
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(makePng(20, 10, [10, 120, 200]))], { type: 'image/png' }), 'harbour.png');
    form.append('purpose', 'image');
    imageUrl = (await admin<{ images: Array<{ url: string }> }>('/images/upload/', { method: 'POST', body: form })).images[0]!.url;
    const make = async (fields: object) => (await admin<{ posts: GhostPost[] }>('/posts/?source=html', { method: 'POST', json: { posts: [fields] } })).posts[0]!.id;
    ids.harbour = await make({
      title: 'The harbour', status: 'published', slug: 'the-harbour', custom_excerpt: 'Boats and light.', published_at: '2023-06-01T08:00:00.000Z',
      html: `<p>Boats at <em>dawn</em>.</p><figure><img src="${imageUrl}" alt="The harbour"></figure><table><thead><tr><th>Boat</th><th>Length</th></tr></thead><tbody><tr><td>Skiff</td><td>4 m</td></tr></tbody></table><pre><code>ls -la</code></pre>`,
      tags: [{ name: 'Sea & Sky' }, { name: 'Travel' }], feature_image: imageUrl, canonical_url: 'https://elsewhere.example/harbour',
    });
    ids.draft = await make({ title: 'Unfinished', status: 'draft', html: '<p>Later.</p>' });
  }, 180_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await ghost?.stop();
  });

  it('imports every post with its markdown, front matter and images', async () => {
    const progress: string[] = [];
    const summary = await runImport(importSourceForTarget({ name: 'blog', kind: 'ghost', siteUrl: ghost.url }, ghost.adminKey), target, { onProgress: (e) => progress.push(`${e.done}/${e.total}`) });
    expect(summary).toMatchObject({ added: 2, updated: 0, conflicts: [], failedImages: [] });
    expect(progress).toEqual(['1/2', '2/2']);

    const id = await postIdOf(ids.harbour!);
    const { data, body } = parsePostFile((await lib.library.get(id)).text);
    expect(data).toMatchObject({ title: 'The harbour', slug: 'the-harbour', status: 'published', date: '2023-06-01T08:00:00Z', tags: ['Sea & Sky', 'Travel'], excerpt: 'Boats and light.', canonical_url: 'https://elsewhere.example/harbour' });
    const record = (data.publish as Record<string, Record<string, string>>).blog!;
    const remote = await getPost(ids.harbour!);
    expect(record).toMatchObject({ id: ids.harbour, hash: '' });
    expect(record.remote_modified).toMatch(new RegExp(`^${remote.updated_at.replace(/[.]/g, '\\.')} [0-9a-f]{16}$`));
    expect(body).toContain('Boats at *dawn*.');
    expect(body).toContain('| Boat | Length |');
    expect(body).toMatch(/```\w*\nls -la\n```/);
    const image = /!\[The harbour\]\(([0-9a-f]{16}\.png)\)/.exec(body)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(path.join(lib.root, 'posts', id, image!))).toBe(true);
    expect(data.cover).toBe(image); // the same bytes: one file

    const draft = parsePostFile((await lib.library.get(await postIdOf(ids.draft!))).text);
    expect(draft.data).toMatchObject({ status: 'draft', title: 'Unfinished' });
    expect(draft.data.date).toBeUndefined();
    expect(draft.body).toContain('Later.');
  });

  it('imports a JSON export made by this Ghost (Admin API /db/, which needs a staff session: an integration gets 403)', async () => {
    const [keyId, keySecret] = ghost.adminKey.split(':');
    const refused = await fetch(`${ghost.url}/ghost/api/admin/db/`, { headers: { Authorization: `Ghost ${adminToken(keyId!, keySecret!, Date.now())}`, 'Accept-Version': 'v5.0' } });
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    const response = await ghost.admin('/db/');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('__GHOST_URL__'); // Ghost's placeholder for its own address, made good by siteUrl
    const other = await makeLibrary();
    try {
      const fileTarget = libraryImportTarget(other.library);
      const exported = importSourceForFile(text, 'postwright-test-blog.ghost.2026-01-01.json', { siteUrl: ghost.url });
      expect(exported.label).toBe('the Ghost export postwright-test-blog.ghost.2026-01-01.json');
      const summary = await runImport(exported, fileTarget);
      expect(summary).toMatchObject({ added: 2, updated: 0, conflicts: [], failedImages: [] });
      const posts = await Promise.all((await other.library.list()).map(async (s) => ({ id: s.id, ...parsePostFile((await other.library.get(s.id)).text) })));
      const harbour = posts.find((p) => p.data.title === 'The harbour')!;
      expect(harbour.data).toMatchObject({ slug: 'the-harbour', status: 'published', date: '2023-06-01T08:00:00Z', tags: ['Sea & Sky', 'Travel'], excerpt: 'Boats and light.', canonical_url: 'https://elsewhere.example/harbour', imported_from: `${ghost.url}/the-harbour/` });
      expect(harbour.data.publish).toBeUndefined();
      expect(harbour.body).toContain('Boats at *dawn*.');
      expect(harbour.body).toContain('| Boat | Length |');
      const image = /!\[The harbour\]\(([0-9a-f]{16}\.png)\)/.exec(harbour.body)?.[1];
      expect(image).toBeDefined();
      expect(existsSync(path.join(other.root, 'posts', harbour.id, image!))).toBe(true);
      expect(harbour.data.cover).toBe(image);
      expect(posts.find((p) => p.data.title === 'Unfinished')?.data).toMatchObject({ status: 'draft' });
      // Again: nothing new.
      expect(await runImport(importSourceForFile(text, 'again.json', { siteUrl: ghost.url }), fileTarget)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    } finally {
      other.remove();
    }
  });

  it('adds nothing when run again', async () => {
    const count = (await lib.library.list()).length;
    const summary = await runImport(source(), target);
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 2, conflicts: [] });
    expect(await lib.library.list()).toHaveLength(count);
  });

  it('round trip: an imported post edited here is published back over the same Ghost post, nothing else changed', async () => {
    const before = await getPost(ids.harbour!);
    const id = await postIdOf(ids.harbour!);
    const post = await lib.library.get(id);
    await lib.library.save(id, post.text.replace('Boats at *dawn*.', 'Boats at *dawn*, and gulls.'), post.hash);

    const result = await service.publish(id, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: false, remoteId: ids.harbour, uploaded: 0 });

    const after = await getPost(ids.harbour!);
    expect(after.html).toContain('gulls');
    expect(after.html).toContain(imageUrl); // the same image, not a copy
    const { id: remoteId, title, status, slug, custom_excerpt, feature_image, canonical_url, published_at } = before;
    expect(after).toMatchObject({ id: remoteId, title, status, slug, custom_excerpt, feature_image, canonical_url, published_at });
    expect(after.tags.map((t) => t.name)).toEqual(before.tags.map((t) => t.name));
    expect((await admin<{ posts: GhostPost[] }>(`/posts/?limit=all&fields=id&filter=${encodeURIComponent("title:'The harbour'")}`)).posts).toHaveLength(1);

    // And importing afterwards sees our own publish, not a remote edit.
    const summary = await runImport(source(), target);
    expect(summary.conflicts.map((c) => c.postId)).not.toContain(id);
    expect(summary.updated).toBe(0);
    expect(summary.added).toBe(0);
  });
});
