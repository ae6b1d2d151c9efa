/// A Blogger post whose images go to an S3-compatible host (s3rver): while a large image goes up
/// the publish progress counts its bytes (the dialog's and the CLI's "1.2 MB of 3 MB"), climbing
/// to the prepared size, and the image the readers get is the one that was counted.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bloggerSecret } from '../../main/publish/blogger-api';
import type { PublishProgress } from '../../shared/publish';
import { startBloggerContract, type BloggerContract } from '../servers/blogger-contract';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Server } from '../servers/s3/s3-server';
import { makeLibrary, makePng, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const BLOG = '3141592653589793238';

describe('upload progress in bytes, Blogger with an S3 image host', () => {
  let google: BloggerContract;
  let s3: S3Server;
  let lib: TestLibrary;
  beforeAll(async () => {
    [google, s3, lib] = await Promise.all([startBloggerContract(), startS3(), makeLibrary()]);
    Object.assign(process.env, google.env);
  }, 60_000);
  afterAll(async () => {
    lib?.remove();
    await Promise.all([s3?.stop(), google?.stop()]);
  });

  it('counts the bytes of a large image as they are sent', async () => {
    lib.writePost(postText('\n![Grain under the microscope](grain.png)\n'));
    // Noise does not compress: prepared, it stays well over a megabyte.
    writeFileSync(path.join(lib.root, 'posts', POST_ID, 'grain.png'), makePng(1200, 900, [0, 0, 0], true));
    const service = lib.service();
    try {
      await service.targets.add({ settings: { name: 'pictures', kind: 'image-host', host: { type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: '', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY } }, secret: S3_SECRET });
      await service.targets.add({
        settings: { name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID, mediaTarget: 'pictures' },
        secret: bloggerSecret({ refreshToken: google.grant('u1', CLIENT_ID), clientSecret: 'GOCSPX-desktop-secret' }),
      });
      const steps: PublishProgress[] = [];
      expect(await service.publish(POST_ID, 'science', {}, (step) => steps.push(step))).toMatchObject({ kind: 'published' });

      const grain = steps.flatMap((s) => (s.phase === 'uploading' && s.file === 'grain.png' ? [s] : []));
      const bytes = grain[0]!.bytes;
      expect(bytes).toBeGreaterThan(1_000_000);
      const sent = grain.map((s) => s.sent);
      expect(sent[0]).toBe(0);
      expect(sent.at(-1)).toBe(bytes);
      const between = sent.filter((n) => n > 0 && n < bytes);
      expect(between.length).toBeGreaterThan(1);
      expect(sent.every((n, i) => i === 0 || n > sent[i - 1]!)).toBe(true);

      const [post] = [...google.posts.values()];
      const url = [...post!.content.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]!).find((u) => u.startsWith(s3.publicUrl) && u.includes('grain'))!;
      const reply = await fetch(url.replace(/&amp;/g, '&'));
      expect(reply.status).toBe(200);
      expect((await reply.arrayBuffer()).byteLength).toBe(bytes);
    } finally {
      service.close();
    }
  }, 60_000);
});
