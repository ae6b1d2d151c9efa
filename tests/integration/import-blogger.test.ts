/// Importing a Blogger blog over the API from the local contract server (tests/servers/blogger-contract.ts,
/// not Google): posts with labels, a draft and an image, importing again, posts an Atom export of
/// the same blog brought in before taken over instead of duplicated, and the round trip: import,
/// edit here, publish back with PublishService (images on a real WordPress), and the same
/// Blogger post is updated in place with nothing else changed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BloggerAtomSource } from '../../main/import/blogger-atom-source';
import { BloggerSource } from '../../main/import/blogger-source';
import { importSourceForTarget } from '../../main/import/index';
import { runImport } from '../../main/import/run';
import { libraryImportTarget, type ImportTarget } from '../../main/import/target';
import { BloggerApi, bloggerSecret, parseBloggerSecret, type Json } from '../../main/publish/blogger-api';
import { BloggerPublisher } from '../../main/publish/blogger';
import { MemorySecretStore } from '../../main/publish/secrets';
import type { PublishService } from '../../main/publish/service';
import { parsePostFile } from '../../shared/frontmatter';
import { startBloggerContract, type BloggerContract, type ContractPost } from '../servers/blogger-contract';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const BLOG = '3141592653589793238';
const BLOG_URL = 'http://gut-feelings.blogspot.test';

describe('importing from Blogger (API, contract server)', () => {
  let google: BloggerContract;
  let lib: TestLibrary;
  let target: ImportTarget;
  let secret: string;
  let wp: WordPress | null = null;
  let service: PublishService | null = null;
  let count = 0;
  const ids: Record<'harbour' | 'notes' | 'draft', string> = { harbour: '', notes: '', draft: '' };
  const settings = () => ({ target: 'science', blogId: BLOG, blogUrl: BLOG_URL, clientId: CLIENT_ID });
  const source = (pageSize = 2) => new BloggerSource(settings(), secret, { pageSize, timeoutMs: 5_000 });
  const seed = (post: Omit<ContractPost, 'blogId' | 'version' | 'authorId' | 'updated'> & { updated?: string }) => {
    google.posts.set(post.id, { blogId: BLOG, version: 1, authorId: 'u1', updated: post.published ?? '2024-01-01T00:00:00+00:00', ...post });
    return post.id;
  };
  /// The library's post that records Blogger post `remoteId` under `publish.science`.
  const postIdOf = async (remoteId: string) => {
    for (const summary of await lib.library.list()) {
      const record = (parsePostFile((await lib.library.get(summary.id)).text).data.publish as Record<string, { id: string }> | undefined)?.science;
      if (record?.id === remoteId) return summary.id;
    }
    throw new Error(`no post for ${remoteId}`);
  };
  const read = async (id: string) => parsePostFile((await lib.library.get(id)).text);

  beforeAll(async () => {
    [google, lib] = await Promise.all([startBloggerContract(), makeLibrary()]);
    Object.assign(process.env, google.env);
    target = libraryImportTarget(lib.library);
    secret = bloggerSecret({ refreshToken: google.grant('u1', CLIENT_ID), clientSecret: 'GOCSPX-desktop-secret' });
    google.images.set('/images/harbour.png', new Uint8Array(makePng(20, 10, [10, 120, 200])));
    const img = `${google.url}/images/harbour.png`;
    ids.harbour = seed({
      id: '7100000000000000001', title: 'The harbour', slug: 'the-harbour', status: 'LIVE', labels: ['Sea & Sky', 'Travel'],
      published: '2023-06-01T08:00:00+00:00',
      // Blogger's editor wraps an image in a link to the full-size copy.
      content: `<p>Boats at <i>dawn</i>.</p>\n<div class="separator"><a href="${img}" style="margin-left: 1em;"><img border="0" src="${img}" alt="The harbour" width="320" /></a></div>\n<h2>Boats</h2><ul><li>Skiff</li><li>Dinghy</li></ul>`,
    });
    ids.notes = seed({ id: '7100000000000000002', title: 'Notes', slug: 'notes', status: 'LIVE', labels: ['Travel'], published: '2023-06-02T08:00:00+00:00', content: '<p>Plain notes.</p><pre>ls -la</pre>' });
    ids.draft = seed({ id: '7100000000000000003', title: 'Unfinished', slug: 'unfinished', status: 'DRAFT', labels: [], published: '2023-06-03T08:00:00+00:00', content: '<p>Later.</p>' });
  }, 60_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await Promise.all([google?.stop(), wp?.stop()]);
  });

  it('takes over the posts an Atom export of the same blog brought in before', async () => {
    // The export, written from what the API says about the notes and the draft.
    const api = new BloggerApi({ clientId: CLIENT_ID }, parseBloggerSecret(secret));
    const list = (await api.call('GET', `/blogs/${BLOG}/posts`, { query: [['status', 'live'], ['status', 'draft'], ['view', 'ADMIN'], ['fetchBodies', 'true']], what: 'list' })) as { items: Json[] };
    const atom = atomExport(list.items.filter((p) => p.id === ids.notes || p.id === ids.draft));
    count = (await lib.library.list()).length; // the library's welcome post
    const first = await runImport(new BloggerAtomSource(atom, 'blog-11-25-2026.xml'), target);
    expect(first).toMatchObject({ added: 2, conflicts: [] });
    // The draft is edited here after that import; the notes are not.
    const draftId = (await lib.library.list()).find((s) => s.title === 'Unfinished')!.id;
    const draft = await lib.library.get(draftId);
    await lib.library.save(draftId, draft.text.replace('Later.', 'Later, says me.'), draft.hash);

    const summary = await runImport(source(), target);
    expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 1, conflicts: [], skipped: [], failedImages: [] });
    expect(await lib.library.list()).toHaveLength(count + 3);
    // The untouched one was rewritten from the API; the edited one kept its text and is linked.
    expect(await postIdOf(ids.draft)).toBe(draftId);
    const drafted = await read(draftId);
    expect(drafted.body).toContain('Later, says me.');
    expect(drafted.data).toMatchObject({ title: 'Unfinished', status: 'draft' });
    const notes = await read(await postIdOf(ids.notes));
    expect(notes.data.imported_from).toBeUndefined();
    expect(notes.body).toContain('Plain notes.');
    expect(notes.body).toContain('ls -la');
  });

  it('imports the posts with their markdown, front matter, labels and images, and the publisher’s own stamp', async () => {
    const id = await postIdOf(ids.harbour);
    const { data, body } = await read(id);
    expect(data).toMatchObject({ title: 'The harbour', slug: 'the-harbour', status: 'published', date: '2023-06-01T08:00:00Z', tags: ['Sea & Sky', 'Travel'] });
    const record = (data.publish as Record<string, Record<string, string>>).science!;
    expect(record).toMatchObject({ id: ids.harbour, url: `${BLOG_URL}/2023/06/the-harbour.html`, hash: '' });
    // Exactly what the Blogger publisher records, so the first publish updates in place.
    const publisher = new BloggerPublisher({ ...settings(), blogUrl: BLOG_URL }, secret);
    expect(record.remote_modified).toBe((await publisher.get(ids.harbour))!.modified);
    expect(body).toContain('Boats at *dawn*.');
    expect(body).toContain('## Boats');
    const image = /!\[The harbour\]\(([0-9a-f]{16}\.png)\)/.exec(body)?.[1];
    expect(image, body).toBeDefined();
    expect(existsSync(path.join(lib.root, 'posts', id, image!))).toBe(true);
    expect(body).not.toContain('/images/harbour.png'); // the link to the full-size copy went too
    // The draft's record points at its editor page: drafts have no public address.
    const draftRecord = ((await read(await postIdOf(ids.draft))).data.publish as Record<string, Record<string, string>>).science!;
    expect(draftRecord.url).toBe(`https://www.blogger.com/blog/post/edit/${BLOG}/${ids.draft}`);
    // Pages were asked for with the statuses and bodies.
    const lists = google.log.filter((l) => l.method === 'GET' && l.path === `/blogger/v3/blogs/${BLOG}/posts` && l.query.includes('maxResults=2'));
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(lists[1]!.query).toContain('pageToken=');
    expect(lists[0]!.query).toMatch(/fetchBodies=true.*status=live.*status=draft.*status=scheduled.*view=ADMIN/);
  });

  it('adds nothing when run again, through importSourceForTarget too', async () => {
    const summary = await runImport(importSourceForTarget({ name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: BLOG_URL, clientId: CLIENT_ID, mediaTarget: 'photos' }, secret), target);
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 3, conflicts: [] });
    expect(await lib.library.list()).toHaveLength(count + 3);
  });

  it('brings in a remote edit of an untouched post', async () => {
    google.editRemotely(ids.notes, { content: '<p>Notes, rewritten on Blogger.</p>' });
    const summary = await runImport(source(), target);
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 2, conflicts: [] });
    expect((await read(await postIdOf(ids.notes))).body).toContain('Notes, rewritten on Blogger.');
  });

  describe.skipIf(!hasWordPress)(hasWordPress ? 'round trip' : 'round trip (skipped: images need the media target, a real WordPress: install with tests/servers/wordpress/install.sh)', () => {
    beforeAll(async () => {
      wp = await startWordPress();
      service = lib.service({ secrets: new MemorySecretStore() });
      await service.targets.add({ settings: { name: 'photos', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
      await service.targets.add({
        settings: { name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: BLOG_URL, clientId: CLIENT_ID, mediaTarget: 'photos' },
        secret,
      });
    }, 120_000);

    it('an imported post edited here is published back over the same Blogger post, nothing else changed', async () => {
      const before = { ...google.posts.get(ids.harbour)! };
      const id = await postIdOf(ids.harbour);
      const post = await lib.library.get(id);
      await lib.library.save(id, post.text.replace('Boats at *dawn*.', 'Boats at *dawn*, and gulls.'), post.hash);

      const result = await service!.publish(id, 'science');
      // The image already on Blogger is reused, not copied to the media target.
      expect(result).toMatchObject({ kind: 'published', created: false, remoteId: ids.harbour, uploaded: 0 });
      expect(google.posts.size).toBe(3);
      const after = google.posts.get(ids.harbour)!;
      expect(after.content).toContain('gulls');
      const { title, labels, status, published, slug } = before;
      expect(after).toMatchObject({ title, labels, status, published, slug });
      const srcs = [...after.content.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
      expect(srcs).toEqual([`${google.url}/images/harbour.png`]);
      const media = await fetch(`${wp!.url}/wp-json/wp/v2/media?context=edit`, { headers: { Authorization: `Basic ${Buffer.from(`${wp!.username}:${wp!.appPassword}`).toString('base64')}` } });
      expect(media.status).toBe(200);
      expect(await media.json()).toEqual([]);
      expect(result).not.toHaveProperty('brokenImages');

      // The draft taken over from the Atom import: its edit made here goes out, still a draft.
      const draftId = await postIdOf(ids.draft);
      expect(await service!.publish(draftId, 'science')).toMatchObject({ kind: 'published', created: false, remoteId: ids.draft });
      expect(google.posts.get(ids.draft)).toMatchObject({ status: 'DRAFT', title: 'Unfinished', labels: [] });
      expect(google.posts.get(ids.draft)!.content).toContain('Later, says me.');
      expect(google.posts.size).toBe(3);

      // And importing afterwards sees our own publishes, not remote edits.
      const summary = await runImport(source(), target);
      expect(summary).toMatchObject({ added: 0, updated: 0, conflicts: [] });
      expect(await lib.library.list()).toHaveLength(count + 3);
    });
  });
});

/// A classic Blogger "Back up content" file for these posts, as Blogger writes it.
function atomExport(posts: Json[]): string {
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
  const entries = posts.map((p) => {
    const labels = ((p.labels ?? []) as string[]).map((l) => `<category scheme='http://www.blogger.com/atom/ns#' term='${esc(l)}'/>`).join('');
    const link = typeof p.url === 'string' ? `<link rel='alternate' type='text/html' href='${esc(p.url)}' title='${esc(String(p.title))}'/>` : '';
    const draft = p.status === 'DRAFT' ? `<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>` : '';
    return `<entry><id>tag:blogger.com,1999:blog-${BLOG}.post-${String(p.id)}</id><published>${String(p.published ?? '')}</published><updated>${String(p.updated)}</updated>` +
      `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>${labels}` +
      `<title type='text'>${esc(String(p.title))}</title><content type='html'>${esc(String(p.content))}</content>${link}` +
      `<author><name>Ada Student</name></author>${draft}</entry>`;
  });
  return `<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href="http://www.blogger.com/styles/atom.css" type="text/css"?>` +
    `<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'>` +
    `<id>tag:blogger.com,1999:blog-${BLOG}.archive</id><updated>2026-11-25T00:00:00.000+00:00</updated><title type='text'>Gut Feelings</title>` +
    `<link rel='alternate' type='text/html' href='${BLOG_URL}/'/>` +
    `<entry><id>tag:blogger.com,1999:blog-${BLOG}.settings.BLOG_NAME</id><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/><title type='text'>Gut Feelings</title><content type='text'>Gut Feelings</content></entry>` +
    `${entries.join('')}</feed>`;
}
