/// An image over the size the blog accepts is made smaller until it fits, whether the limit is
/// the target's setting or one the blog names when it refuses the file (WordPress Multisite);
/// a file that cannot be made smaller is refused with the reason before anything is sent.
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imageSettingsFor } from '../../../shared/image-settings';
import { PublishError } from '../../../main/publish/errors';
import { PublishPipeline, type ResolvedTarget } from '../../../main/publish/pipeline';
import type { LocalAsset, RemoteAsset } from '../../../main/publish/publisher';
import { FakeBlog, MemoryStore } from './fakes';

/// Refuses files over `limit` bytes the way WordPress Multisite does.
class LimitedBlog extends FakeBlog {
  tried: number[] = [];
  constructor(private readonly limit: number) {
    super();
  }
  override async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    this.tried.push(asset.bytes.byteLength);
    if (asset.bytes.byteLength > this.limit) {
      const message = `This file is too big. Files must be less than ${this.limit / 1024} KB in size.`;
      throw new PublishError('rejected', `WordPress refused it (WordPress said: “${message}”)`, { cause: { code: 'rest_upload_file_too_big', message } });
    }
    return super.uploadAsset(asset);
  }
}

let photo: Buffer;
beforeAll(async () => {
  // Stripes compress less than a flat colour, so sizes move with width and quality.
  const width = 1600;
  const height = 1000;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
  photo = await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}, 30_000);

describe('image-prep: images over the blog’s size limit', () => {
  let store: MemoryStore;
  afterEach(() => store.remove());
  beforeEach(() => {
    store = new MemoryStore();
    store.write('p', '---\ntitle: Stripes\nstatus: published\n---\n![Stripes](stripes.jpg)\n', { 'stripes.jpg': photo });
  });
  const pipelineFor = (target: ResolvedTarget) => new PublishPipeline({ store, libraryRoot: store.root, target: async () => target });

  it('shrinks an image to fit the limit the blog names when it refuses it, and uploads that', async () => {
    const first = (await sharp(photo).resize({ width: 1200 }).webp({ quality: 82, effort: 4 }).toBuffer()).byteLength;
    const limit = Math.floor(first / 2 / 1024) * 1024;
    const blog = new LimitedBlog(limit);
    const result = await pipelineFor({ name: 'blog', publisher: blog, images: imageSettingsFor('wordpress', { maxWidth: 1200 }) }).publish('p', 'blog');
    expect(result).toMatchObject({ kind: 'published', uploaded: 1 });
    expect(blog.tried[0]).toBeGreaterThan(limit);
    expect(blog.tried.at(-1)).toBeLessThanOrEqual(limit);
    expect(blog.tried).toHaveLength(2);
  });

  it('shrinks to the target’s own limit before sending anything too big', async () => {
    const blog = new LimitedBlog(Number.MAX_SAFE_INTEGER);
    const images = imageSettingsFor('wordpress', { maxWidth: 1200, maxUploadMB: 40 / 1024 });
    await pipelineFor({ name: 'blog', publisher: blog, images }).publish('p', 'blog');
    expect(blog.tried).toHaveLength(1);
    expect(blog.tried[0]).toBeLessThanOrEqual(40 * 1024);
  });

  it('refuses a GIF over the limit with the reason, before any image is sent', async () => {
    const gif = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#336699' } }).gif().toBuffer();
    store.write('p', '---\ntitle: Stripes\nstatus: published\n---\n![Stripes](stripes.jpg)\n\n![Loop](loop.gif)\n', { 'loop.gif': Buffer.concat([gif, Buffer.alloc(8 * 1024)]) });
    const blog = new LimitedBlog(Number.MAX_SAFE_INTEGER);
    const images = imageSettingsFor('wordpress', { maxUploadMB: 4 / 1024 });
    await expect(pipelineFor({ name: 'blog', publisher: blog, images }).publish('p', 'blog')).rejects.toThrow(/“loop\.gif” is \d+ KB, more than the 4 KB the blog accepts.*Nothing was sent/);
    expect(blog.tried).toEqual([]);
    expect(blog.calls.filter((c) => c.startsWith('upload') || c.startsWith('create'))).toEqual([]);
  });
});
