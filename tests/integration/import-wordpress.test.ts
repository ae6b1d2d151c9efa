/// Importing a real WordPress blog (posts made over REST, with an image and a featured image),
/// importing again, remote and local edits, and the round trip: import, edit here, publish back
/// with PublishService, and the same remote post is updated with nothing else changed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../main/import/run';
import { libraryImportTarget, type ImportTarget } from '../../main/import/target';
import { WordPressSource } from '../../main/import/wordpress-source';
import type { PublishService } from '../../main/publish/service';
import { parsePostFile } from '../../shared/frontmatter';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
type WpPost = { id: number; link: string; status: string; tags: number[]; categories: number[]; featured_media: number; title: { raw: string }; content: { raw: string }; excerpt: { raw: string }; slug: string; date_gmt: string };

describe.skipIf(!hasWordPress)(hasWordPress ? 'importing from WordPress' : 'importing from WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let target: ImportTarget;
  let service: PublishService;
  const ids: Record<string, number> = {};
  const rest = async <T>(route: string, init: RequestInit = {}, extra: Record<string, string> = {}): Promise<T> => {
    const response = await fetch(`${wp.url}/wp-json${route}`, { ...init, headers: { Authorization: basic(wp.username, wp.appPassword), 'Content-Type': 'application/json', ...extra }, signal: AbortSignal.timeout(15_000) });
    expect(response.ok, `${route}: ${response.status} ${response.ok ? '' : await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  const source = () => new WordPressSource({ target: 'blog', siteUrl: wp.url, username: wp.username }, wp.appPassword);
  const postIdOf = async (remoteId: number) => {
    for (const summary of await lib.library.list()) {
      const record = (parsePostFile((await lib.library.get(summary.id)).text).data.publish as Record<string, { id: string }> | undefined)?.blog;
      if (record?.id === String(remoteId)) return summary.id;
    }
    throw new Error(`no post for ${remoteId}`);
  };

  beforeAll(async () => {
    // WordPress's block library loads once, before the tests: it can take a minute on a busy machine.
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
    target = libraryImportTarget(lib.library);
    service = lib.service();
    await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
    const media = await rest<{ id: number; source_url: string }>('/wp/v2/media', { method: 'POST', body: new Blob([new Uint8Array(makePng(20, 10, [10, 120, 200]))]) }, { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="harbour.png"' });
    const tag = await rest<{ id: number }>('/wp/v2/tags', { method: 'POST', body: JSON.stringify({ name: 'Sea & Sky' }) });
    const category = await rest<{ id: number }>('/wp/v2/categories', { method: 'POST', body: JSON.stringify({ name: 'Travel' }) });
    const make = (fields: object) => rest<WpPost>('/wp/v2/posts', { method: 'POST', body: JSON.stringify(fields) });
    ids.harbour = (await make({
      title: 'The harbour', status: 'publish', slug: 'the-harbour', excerpt: 'Boats and light.', date_gmt: '2023-06-01T08:00:00',
      content: `<!-- wp:paragraph --><p>Boats at <em>dawn</em>.</p><!-- /wp:paragraph -->\n<!-- wp:image --><figure class="wp-block-image"><img src="${media.source_url}" alt="The harbour"/></figure><!-- /wp:image -->\n<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Boat</th><th>Length</th></tr></thead><tbody><tr><td>Skiff</td><td>4 m</td></tr></tbody></table></figure><!-- /wp:table -->`,
      tags: [tag.id], categories: [category.id], featured_media: media.id,
    })).id;
    ids.notes = (await make({ title: 'Notes', status: 'publish', content: '<!-- wp:code --><pre class="wp-block-code"><code>ls -la</code></pre><!-- /wp:code -->', tags: [tag.id], date_gmt: '2023-06-02T08:00:00' })).id;
    ids.draft = (await make({ title: 'Unfinished', status: 'draft', content: '<p>Later.</p>' })).id;
  }, 300_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await wp?.stop();
  });

  it('imports every post with its markdown, front matter and images', async () => {
    const progress: string[] = [];
    const summary = await runImport(source(), target, { onProgress: (e) => progress.push(`${e.done}/${e.total}`) });
    // WordPress's own "Hello world!" is there too.
    expect(summary).toMatchObject({ added: 4, updated: 0, conflicts: [], failedImages: [] });
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);

    const id = await postIdOf(ids.harbour!);
    const { data, body } = parsePostFile((await lib.library.get(id)).text);
    expect(data).toMatchObject({ title: 'The harbour', slug: 'the-harbour', status: 'published', date: '2023-06-01T08:00:00Z', tags: ['Sea & Sky'], categories: ['Travel'], excerpt: 'Boats and light.' });
    const record = (data.publish as Record<string, Record<string, string>>).blog!;
    expect(record).toMatchObject({ id: String(ids.harbour), hash: '' });
    const remote = await rest<WpPost & { modified_gmt: string }>(`/wp/v2/posts/${ids.harbour}?context=edit`);
    expect(record.remote_modified).toMatch(new RegExp(`^${remote.modified_gmt}Z [0-9a-f]{16}$`));
    expect(body).toContain('Boats at *dawn*.');
    expect(body).toContain('| Boat | Length |');
    const image = /!\[The harbour\]\(([0-9a-f]{16}\.png)\)/.exec(body)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(path.join(lib.root, 'posts', id, image!))).toBe(true);
    expect(data.cover).toBe(image); // the same bytes: one file

    expect(parsePostFile((await lib.library.get(await postIdOf(ids.draft!))).text).data).toMatchObject({ status: 'draft', title: 'Unfinished' });
    expect(parsePostFile((await lib.library.get(await postIdOf(ids.notes!))).text).body).toContain('```\nls -la\n```');
  });

  it('adds nothing when run again', async () => {
    const count = (await lib.library.list()).length;
    const summary = await runImport(source(), target);
    expect(summary).toMatchObject({ added: 0, updated: 0, conflicts: [] });
    expect(summary.unchanged).toBe(4);
    expect(await lib.library.list()).toHaveLength(count);
  });

  it('brings a remote edit into an untouched post, and reports one edited on both sides', async () => {
    await rest(`/wp/v2/posts/${ids.notes}`, { method: 'POST', body: JSON.stringify({ content: '<p>Notes, rewritten on the site.</p>' }) });
    await rest(`/wp/v2/posts/${ids.draft}`, { method: 'POST', body: JSON.stringify({ content: '<p>Later, says the site.</p>' }) });
    const draftId = await postIdOf(ids.draft!);
    const local = await lib.library.get(draftId);
    const edited = local.text.replace('Later.', 'Later, says me.');
    await lib.library.save(draftId, edited, local.hash);

    const summary = await runImport(source(), target);
    expect(summary).toMatchObject({ added: 0, updated: 1 });
    expect(summary.conflicts.map((c) => c.postId)).toEqual([draftId]);
    expect((await lib.library.get(await postIdOf(ids.notes!))).text).toContain('Notes, rewritten on the site.');
    expect((await lib.library.get(draftId)).text).toBe(edited);
  });

  it('round trip: an imported post edited here is published back over the same remote post, nothing else changed', async () => {
    const before = await rest<WpPost>(`/wp/v2/posts/${ids.harbour}?context=edit`);
    const id = await postIdOf(ids.harbour!);
    const post = await lib.library.get(id);
    await lib.library.save(id, post.text.replace('Boats at *dawn*.', 'Boats at *dawn*, and gulls.'), post.hash);

    const result = await service.publish(id, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: false, remoteId: String(ids.harbour), uploaded: 0 });

    const after = await rest<WpPost>(`/wp/v2/posts/${ids.harbour}?context=edit`);
    expect(after.content.raw).toContain('gulls');
    expect(after.content.raw).toContain(before.content.raw.match(/src="([^"]+)"/)![1]); // the same image, not a copy
    const { title, status, tags, categories, featured_media, slug, excerpt, date_gmt } = before;
    expect(after).toMatchObject({ title, status, tags, categories, featured_media, slug, excerpt, date_gmt });
    expect(await rest<unknown[]>('/wp/v2/posts?status=any&per_page=100&search=harbour')).toHaveLength(1);
    expect(await rest<unknown[]>('/wp/v2/media?per_page=100')).toHaveLength(1);

    // And importing afterwards sees our own publish, not a remote edit.
    const summary = await runImport(source(), target);
    expect(summary.conflicts.map((c) => c.postId)).not.toContain(id);
    expect(summary.updated).toBe(0);
  });
});
