/// Images against a real WordPress: a phone photo goes up as a 2,000 px WebP without its GPS
/// position, described by its alt text (alt and title) and attached to the post; an image without
/// alt text is titled by its file name, not a hash; the excerpt comes from `summary`; and media
/// deleted on the blog are uploaded again on the next publish instead of being linked as 404s.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishService } from '../../main/publish/service';
import { hasWordPress } from '../servers/wordpress';
import { makePng } from './publish-fixtures';
import { startWordPressBlog, type WordPressBlog } from './wordpress-blog';

const POST = 'rock-pools';

interface Media {
  id: number;
  source_url: string;
  mime_type: string;
  alt_text: string;
  post: number | null;
  title: { raw: string };
}

describe.skipIf(!hasWordPress)(hasWordPress ? 'image-prep: images on a real WordPress' : 'image-prep: images on WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let service: PublishService;
  let blog: WordPressBlog;
  const rest = <T,>(route: string, init?: RequestInit) => blog.rest<T>(route, init);
  const media = () => rest<Media[]>('/wp/v2/media?per_page=100&context=edit');

  beforeAll(async () => {
    blog = await startWordPressBlog(async (lib) => {
      const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 60, g: 120, b: 170 } } })
        .jpeg({ quality: 90 })
        .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 39/1' } })
        .toBuffer();
      const dir = path.join(lib.root, 'posts', POST);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'IMG_2041.jpg'), photo);
      writeFileSync(path.join(dir, 'tide-chart-3f9a2c1d7e.png'), makePng(24, 16, [10, 200, 90]));
      writeFileSync(path.join(dir, 'index.md'), `---\ntitle: Rock pools\nstatus: published\nsummary: What lives in a rock pool at low tide.\n---\n\n![Starfish in a rock pool](IMG_2041.jpg)\n\n![](tide-chart-3f9a2c1d7e.png)\n`);
    });
    ({ service } = blog);
  }, 300_000);
  afterAll(() => blog?.stop());

  it('uploads the photo prepared and described, attached to the post, with the summary as excerpt', async () => {
    const result = await service.publish(POST, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 2 });
    if (result.kind !== 'published') return;
    const all = await media();
    expect(all).toHaveLength(2);
    const photo = all.find((m) => m.mime_type === 'image/webp')!;
    expect(photo).toMatchObject({ alt_text: 'Starfish in a rock pool', title: { raw: 'Starfish in a rock pool' }, post: Number(result.remoteId) });
    const bytes = Buffer.from(await (await fetch(photo.source_url)).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 2000 });
    expect(meta.exif).toBeUndefined();
    const chart = all.find((m) => m.mime_type === 'image/png')!;
    expect(chart).toMatchObject({ alt_text: '', title: { raw: 'Tide chart' }, post: Number(result.remoteId) });

    const post = await rest<{ excerpt: { raw: string }; content: { raw: string } }>(`/wp/v2/posts/${result.remoteId}?context=edit`);
    expect(post.excerpt.raw).toBe('What lives in a rock pool at low tide.');
    expect(post.content.raw).toContain(photo.source_url);
  }, 120_000);

  it('uploads again an image deleted from the media library, and the post links a copy that answers', async () => {
    const [photo] = (await media()).filter((m) => m.mime_type === 'image/webp');
    await rest(`/wp/v2/media/${photo!.id}?force=true`, { method: 'DELETE' });
    expect((await fetch(photo!.source_url)).status).toBe(404);

    const result = await service.publish(POST, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: false, unchanged: false, uploaded: 1, reused: 1 });
    if (result.kind !== 'published') return;
    const page = await (await fetch(result.url)).text();
    const images = [...page.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!).filter((src) => src.includes('/uploads/'));
    expect(images).toHaveLength(2);
    // A new media item (WordPress may give it the freed file name again), and every image answers.
    const again = (await media()).find((m) => m.mime_type === 'image/webp')!;
    expect(again.id).not.toBe(photo!.id);
    expect(again.post).toBe(Number(result.remoteId));
    expect(images).toContain(again.source_url);
    for (const src of images) expect((await fetch(src)).status, src).toBe(200);

    // And a republish after that sends nothing at all.
    expect(await service.publish(POST, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
  }, 120_000);
});
