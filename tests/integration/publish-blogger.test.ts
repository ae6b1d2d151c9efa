/// Publishing to Blogger with the images on a real WordPress: Blogger itself is the local
/// contract server (tests/servers/blogger-contract.ts), not Google. The images go to WordPress
/// once, the Blogger post carries their WordPress URLs, and an image that goes missing there is
/// reported after the next publish. The sign-in is nowhere in the library.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bloggerSecret } from '../../main/publish/blogger-api';
import type { PublishService } from '../../main/publish/service';
import { startBloggerContract, type BloggerContract } from '../servers/blogger-contract';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const BLOG = '3141592653589793238';

describe.skipIf(!hasWordPress)(hasWordPress ? 'publishing to Blogger with images on WordPress' : 'publishing to Blogger with images on WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let google: BloggerContract;
  let lib: TestLibrary;
  let service: PublishService;
  let refreshToken: string;

  beforeAll(async () => {
    [wp, google, lib] = await Promise.all([startWordPress(), startBloggerContract(), makeLibrary()]);
    Object.assign(process.env, google.env);
    lib.writePost();
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'photos', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
    refreshToken = google.grant('u1', CLIENT_ID);
    await service.targets.add({
      settings: { name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID, mediaTarget: 'photos' },
      secret: bloggerSecret({ refreshToken, clientSecret: 'GOCSPX-desktop-secret' }),
    });
  }, 90_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await Promise.all([wp?.stop(), google?.stop()]);
  });

  it('signs in to test the target', async () => {
    expect(await service.targets.test('science')).toEqual({ account: 'Ada Student on Gut Feelings' });
  });

  it('puts the images on WordPress and the post on Blogger, and uploads again an image deleted there', async () => {
    const first = await service.publish(POST_ID, 'science');
    expect(first).toMatchObject({ kind: 'published', created: true, uploaded: 3 });
    expect(first).not.toHaveProperty('brokenImages');
    const [post] = [...google.posts.values()];
    expect(post).toMatchObject({ status: 'LIVE', title: 'Fermentation notes', labels: ['food', 'science', 'Kitchen Notes'] });
    const images = [...post!.content.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(images).toHaveLength(2);
    for (const url of images) expect(url.startsWith(`${wp.url}/wp-content/uploads/`)).toBe(true);

    // Someone deletes one of the files on WordPress: remembered uploads are checked before
    // they are reused, so the next publish uploads it again and links a copy that answers.
    const gone = images[0]!;
    const file = path.join(wp.dir, new URL(gone).pathname);
    expect(existsSync(file), file).toBe(true);
    rmSync(file);
    await lib.rewrite(postText('\nOne more line.\n'));
    const again = await service.publish(POST_ID, 'science');
    expect(again).toMatchObject({ kind: 'published', created: false, uploaded: 1 });
    expect(again).not.toHaveProperty('brokenImages');
    expect(google.posts.size).toBe(1);
    const [updated] = [...google.posts.values()];
    for (const [, url] of updated!.content.matchAll(/<img[^>]*src="([^"]+)"/g)) expect((await fetch(url!)).status, url).toBe(200);
    expect(lib.filesContaining(refreshToken).map((f) => path.relative(lib.root, f)).filter((f) => !f.startsWith('..'))).toEqual([]);
  });
});
