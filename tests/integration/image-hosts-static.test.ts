/// A Hugo site whose images go to an S3-compatible image host instead of its repository: the
/// built page (Debian's Hugo, from what was pushed) shows the host's addresses, each answering
/// with the post's bytes, and no image is committed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Server } from '../servers/s3/s3-server';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';
import { makeLibrary, POST_ID, type TestLibrary } from './publish-fixtures';

describe.skipIf(!hasHugo)(hasHugo ? 'a Hugo site with its images on an image host' : 'a Hugo site with its images on an image host (skipped: run tests/servers/static/install.sh)', () => {
  let s3: S3Server;
  let site: StaticSite;
  let lib: TestLibrary;
  beforeAll(async () => {
    [s3, site, lib] = await Promise.all([startS3(), makeHugoSite(), makeLibrary()]);
    lib.writePost();
  }, 60_000);
  afterAll(async () => {
    lib?.remove();
    await Promise.all([s3?.stop(), site?.remove()]);
  });

  it('publishes the page with the image host’s addresses and commits no image', async () => {
    const service = lib.service();
    await service.targets.add({ settings: { name: 'pictures', kind: 'image-host', host: { type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: '', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY } }, secret: S3_SECRET });
    await service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: site.clone, generator: 'hugo', branch: 'main', remote: 'origin', imageHost: 'pictures' } });
    expect(await service.publish(POST_ID, 'site')).toMatchObject({ kind: 'published', created: true, uploaded: 3 });

    const html = await site.readPage('fermentation-notes');
    const images = [...html.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(images).toHaveLength(2);
    for (const [url, file] of [[images[0]!, 'jar.png'], [images[1]!, 'img/crock.png']] as const) {
      expect(url.startsWith(`${s3.publicUrl}/`), url).toBe(true);
      const reply = await fetch(url);
      expect(reply.status).toBe(200);
      expect(Buffer.from(await reply.arrayBuffer()).equals(readFileSync(path.join(lib.root, 'posts', POST_ID, file)))).toBe(true);
    }
    const committed = execFileSync('git', ['--git-dir', site.remote, 'ls-tree', '-r', '--name-only', 'main'], { encoding: 'utf8' }).split('\n');
    expect(committed.filter((f) => f.startsWith('content/posts/fermentation-notes/'))).toEqual(['content/posts/fermentation-notes/index.html']);
    expect(await service.publish(POST_ID, 'site')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    service.close();
  }, 60_000);
});
