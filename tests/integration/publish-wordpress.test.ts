/// Publishing a real post to a real WordPress: the page has everything and its images load,
/// republishing updates the one post without uploading an image twice, a remote edit is caught,
/// a bad password says so, and the password is nowhere in the library.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../main/publish/errors';
import type { PublishService } from '../../main/publish/service';
import { hasWordPress, type WordPress } from '../servers/wordpress';
import { POST_ID, postText, type TestLibrary } from './publish-fixtures';
import { startWordPressBlog, type WordPressBlog } from './wordpress-blog';

describe.skipIf(!hasWordPress)(hasWordPress ? 'publishing to WordPress' : 'publishing to WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let service: PublishService;
  let blog: WordPressBlog;
  const rest = <T,>(route: string, init?: RequestInit) => blog.rest<T>(route, init);
  const ourPosts = () => rest<Array<{ id: number }>>('/wp/v2/posts?status=any&per_page=100&search=Fermentation');
  const media = () => rest<Array<{ id: number; source_url: string }>>('/wp/v2/media?per_page=100');

  beforeAll(async () => {
    blog = await startWordPressBlog((lib) => lib.writePost());
    ({ wp, lib, service } = blog);
  }, 300_000);
  afterAll(() => blog?.stop());

  it('signs in to test the target', async () => {
    expect((await service.targets.test('blog')).account).toContain(wp.url.replace('http://', ''));
    const [info] = await service.targets.list();
    expect(info).toMatchObject({ hasSecret: true, needsSecret: true, storage: { kind: 'file', encrypted: false } });
    expect(info!.storage.warning).toMatch(/unencrypted/);
  });

  it('previews exactly what it would send, without sending it', async () => {
    const preview = await service.preview(POST_ID, 'blog');
    expect(preview).toMatchObject({ action: 'create', status: 'published', slug: 'fermentation-notes', tags: ['food', 'science'] });
    expect(preview.assets.map((a) => [a.file, a.willUpload])).toEqual([['jar.png', true], ['img/crock.png', true], ['cover.png', true]]);
    // Blocks made by WordPress's own block library, the post's key in the first one's comment.
    expect(preview.payload.fields.content).toMatch(/^<!-- wp:heading \{"postwright":"pw-[0-9a-f]+","anchor":"why-ferment"\} -->\n<h2 id="why-ferment" class="wp-block-heading">Why ferment\?<\/h2>/);
    expect(preview.payload.fields.content).toContain('<!-- wp:table {"hasFixedLayout":false} -->');
    expect(await media()).toHaveLength(0);
    expect(await ourPosts()).toHaveLength(0);
  });

  it('publishes the post with everything in it, and its images load', async () => {
    const progress: string[] = [];
    const result = await service.publish(POST_ID, 'blog', {}, (event) => progress.push(event.phase === 'asset' ? `asset ${event.index}/${event.total}` : event.phase === 'uploading' ? `${event.sent === event.bytes ? 'sent' : 'sending'} ${event.file}` : event.phase));
    expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 3 });
    if (result.kind !== 'published') return;
    expect(progress).toEqual(['rendering', 'checking', 'sending jar.png', 'sent jar.png', 'asset 1/3', 'sending img/crock.png', 'sent img/crock.png', 'asset 2/3', 'sending cover.png', 'sent cover.png', 'asset 3/3', 'creating', 'recording', 'done']);

    const page = await (await fetch(result.url)).text();
    for (const piece of ['Why ferment?', '<strong>slow cooking</strong>', '<li>patience</li>', '<td>Sauerkraut</td>', '<th class="has-text-align-right" data-align="right">pH</th>', 'hljs-keyword', '{{ not a template }} {{% nor this %}} {% if x %}', '<math', '<mfrac>', 'My grandmother']) {
      expect(page, piece).toContain(piece);
    }
    const images = [...page.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!).filter((src) => src.includes('/uploads/'));
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const src of images) {
      const image = await fetch(src);
      expect(image.status, src).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
    }

    const post = await rest<{ status: string; tags: number[]; categories: number[]; featured_media: number; excerpt: { raw: string }; date_gmt: string }>(`/wp/v2/posts/${result.remoteId}?context=edit`);
    expect(post).toMatchObject({ status: 'publish', excerpt: { raw: 'What a jar of cabbage taught me about acids.' }, date_gmt: '2024-03-04T00:00:00' });
    expect(post.tags).toHaveLength(2);
    const [category] = await rest<Array<{ name: string }>>(`/wp/v2/categories?include=${post.categories.join(',')}`);
    expect(category!.name).toBe('Kitchen Notes');
    expect(post.featured_media).toBeGreaterThan(0);
    expect(await media()).toHaveLength(3);

    const text = (await lib.library.get(POST_ID)).text;
    expect(text).toMatch(new RegExp(`publish:\\n  blog:\\n    id: "?${result.remoteId}"?\\n    url: ${result.url}`));
    expect((await lib.library.revisions.list(POST_ID)).some((r) => r.reason === 'publish')).toBe(true);
  });

  it('republishes an edit as an update of the same post, uploading no image twice', async () => {
    const before = (await lib.library.get(POST_ID)).text;
    await lib.library.save(POST_ID, before.replace('- patience', '- patience\n- a clean jar'), null);
    const result = await service.publish(POST_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: false, uploaded: 0, unchanged: false });
    expect(await ourPosts()).toHaveLength(1);
    expect(await media()).toHaveLength(3);
    expect(await (await fetch((result as { url: string }).url)).text()).toContain('<li>a clean jar</li>');

    expect(await service.publish(POST_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true });
  });

  it('stops at a remote edit, shows it, and lets the blogger bring it in or overwrite it', async () => {
    const { id } = (await ourPosts())[0]!;
    await wp.php(`wp_update_post(['ID' => ${id}, 'post_content' => '<p>Edited on the server, in the WordPress editor.</p>']);`);
    const conflict = await service.publish(POST_ID, 'blog').catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(PublishError);
    expect((conflict as PublishError).kind).toBe('conflict');
    expect((conflict as PublishError).message).toMatch(/changed on WordPress at .* since you last published it/);
    expect((conflict as PublishError).remote?.markdown).toBe('Edited on the server, in the WordPress editor.');

    expect(await service.publish(POST_ID, 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    const taken = (await lib.library.get(POST_ID)).text;
    expect(taken).toContain('Edited on the server, in the WordPress editor.');
    expect(taken).toContain('title: Fermentation notes');
    // Now the post is the remote version, so publishing it again is not a conflict.
    expect(await service.publish(POST_ID, 'blog')).toMatchObject({ kind: 'published', created: false });

    await wp.php(`wp_update_post(['ID' => ${id}, 'post_title' => 'Retitled on the server']);`);
    await expect(service.publish(POST_ID, 'blog')).rejects.toMatchObject({ kind: 'conflict' });
    await lib.rewrite(postText('\nBack to my version.\n'));
    expect(await service.publish(POST_ID, 'blog', { overwrite: true })).toMatchObject({ kind: 'published', created: false, uploaded: 0 });
    const post = await rest<{ title: { raw: string }; content: { raw: string } }>(`/wp/v2/posts/${id}?context=edit`);
    expect(post.title.raw).toBe('Fermentation notes');
    expect(post.content.raw).toContain('Back to my version.');
    expect(await ourPosts()).toHaveLength(1);
    expect(await media()).toHaveLength(3);
  });

  it('creates drafts and scheduled posts as such', async () => {
    lib.writePost(postText().replace('slug: fermentation-notes', 'slug: a-draft').replace('title: Fermentation notes', 'title: Fermentation draft'), 'a-draft');
    const draft = await service.publish('a-draft', 'blog', { status: 'draft' });
    expect(await wp.php(`echo get_post_status(${(draft as { remoteId: string }).remoteId});`)).toBe('draft');

    const later = postText().replace('slug: fermentation-notes', 'slug: later').replace('title: Fermentation notes', 'title: Fermentation later').replace('date: 2024-03-04', 'date: 2099-01-02T09:30:00Z');
    lib.writePost(later, 'later');
    const scheduled = await service.publish('later', 'blog');
    const id = (scheduled as { remoteId: string }).remoteId;
    expect(await wp.php(`echo get_post_status(${id}), ' ', get_post(${id})->post_date_gmt;`)).toBe('future 2099-01-02 09:30:00');
    // The same images again: still only the three uploads.
    expect(await media()).toHaveLength(3);
  });

  it('says plainly when the application password is wrong', async () => {
    await service.targets.add({ settings: { name: 'wrong', kind: 'wordpress', siteUrl: wp.url, username: 'nobody' }, secret: 'abcd efgh ijkl mnop qrst uvwx' });
    const error = (await service.publish(POST_ID, 'wrong').catch((e: unknown) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/refused the application password for nobody.*Users → Profile → Application Passwords/);
    await expect(service.targets.test('wrong')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('keeps the password out of the library and the targets file', async () => {
    expect(lib.filesContaining(wp.appPassword).map((file) => path.relative(lib.stateDir, file))).toEqual(['secrets.json']);
    expect(readFileSync(path.join(lib.root, '.postwright', 'targets.json'), 'utf8')).not.toContain(wp.appPassword);
  });
});
