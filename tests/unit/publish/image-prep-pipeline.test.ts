/// Images are prepared before they leave: a 4,000 px phone photo with its GPS position goes out
/// as a 2,000 px WebP without the position, the local file stays as it was, a republish uploads
/// nothing, other settings prepare it again, and a remembered upload the blog lost is sent again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imageSettingsFor } from '../../../shared/image-settings';
import { AssetMap } from '../../../main/publish/assets';
import type { MediaState } from '../../../main/publish/media-check';
import { PublishPipeline, type ResolvedTarget } from '../../../main/publish/pipeline';
import type { LocalAsset, RemoteAsset } from '../../../main/publish/publisher';
import { FakeBlog, MemoryStore } from './fakes';

class RecordingBlog extends FakeBlog {
  sent: LocalAsset[] = [];
  attached: Array<{ ids: string[]; post: string }> = [];
  override async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    this.sent.push(asset);
    return super.uploadAsset(asset);
  }
  async attachAssets(assets: RemoteAsset[], post: string): Promise<void> {
    this.attached.push({ ids: assets.map((a) => a.id!), post });
  }
}

let photo: Buffer;
beforeAll(async () => {
  // A phone photo: 4,000 px wide, with the camera's make and the place it was taken.
  photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 39/1' } })
    .toBuffer();
}, 30_000);

describe('image-prep: preparing images in the publish pipeline', () => {
  let store: MemoryStore;
  let blog: RecordingBlog;
  let target: ResolvedTarget;
  let media: Record<string, MediaState>;
  let pipeline: PublishPipeline;

  beforeEach(() => {
    store = new MemoryStore();
    blog = new RecordingBlog();
    media = {};
    target = { name: 'blog', publisher: blog, images: imageSettingsFor('wordpress', undefined) };
    pipeline = new PublishPipeline({ store, libraryRoot: store.root, target: async () => target, checkMedia: async (url) => media[url] ?? 'there' });
    store.write('tide', '---\ntitle: Tide pools\nstatus: published\nsummary: What lives between the tides.\n---\n![Anemones at low tide](photos/IMG_2041.jpg)\n\nAgain: ![](photos/IMG_2041.jpg)\n', { 'photos/IMG_2041.jpg': photo });
  });
  afterEach(() => store.remove());

  it('uploads a 2,000 px WebP without the GPS position or camera data, and leaves the local file alone', async () => {
    const result = await pipeline.publish('tide', 'blog');
    expect(result).toMatchObject({ kind: 'published', uploaded: 1 });
    expect(blog.sent).toHaveLength(1);
    const sent = blog.sent[0]!;
    const meta = await sharp(sent.bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 2000, height: 1500 });
    expect(meta.exif).toBeUndefined();
    expect(sent).toMatchObject({ mimeType: 'image/webp', file: 'photos/IMG_2041.webp', alt: 'Anemones at low tide', title: 'Anemones at low tide' });
    expect(sent.bytes.byteLength).toBeLessThan(photo.byteLength);
    // The post's own photo is untouched: still the 4,000 px JPEG with its position.
    const local = readFileSync(path.join(store.postDir('tide'), 'photos/IMG_2041.jpg'));
    expect(local.equals(photo)).toBe(true);
    expect((await sharp(local).metadata()).exif).toBeDefined();
    // The excerpt comes from `summary`, and the upload belongs to the post.
    expect(blog.attached).toEqual([{ ids: ['1'], post: result.kind === 'published' ? result.remoteId : '' }]);
  });

  it('uploads nothing on a republish, and prepares the photo again when the settings change', async () => {
    await pipeline.publish('tide', 'blog');
    await store.write('tide', store.texts.get('tide')!.replace('Again:', 'Once more:'));
    expect(await pipeline.publish('tide', 'blog')).toMatchObject({ kind: 'published', uploaded: 0, unchanged: false });
    expect(blog.sent).toHaveLength(1);

    target = { ...target, images: imageSettingsFor('wordpress', { maxWidth: 1200, format: 'avif' }) };
    expect(await pipeline.publish('tide', 'blog')).toMatchObject({ kind: 'published', uploaded: 1 });
    expect(await sharp(blog.sent[1]!.bytes).metadata()).toMatchObject({ format: 'heif', width: 1200 });
  });

  it('keeps the camera data and position for a target that asks to', async () => {
    target = { ...target, images: imageSettingsFor('wordpress', { keepMetadata: true }) };
    await pipeline.publish('tide', 'blog');
    const meta = await sharp(blog.sent[0]!.bytes).metadata();
    expect(meta.width).toBe(2000);
    expect(meta.exif?.includes(Buffer.from('PhoneCo'))).toBe(true);
  });

  it('uploads again an image the blog no longer has, and links the new copy', async () => {
    const first = await pipeline.publish('tide', 'blog');
    const url = blog.media.get('1')!.url;
    media[url] = 'gone';
    const second = await pipeline.publish('tide', 'blog');
    expect(second).toMatchObject({ kind: 'published', uploaded: 1, unchanged: false });
    expect(first.kind === 'published' && second.kind === 'published' && second.remoteId === first.remoteId).toBe(true);
    const newUrl = blog.media.get('2')!.url;
    expect([...blog.posts.values()][0]!.content).toContain(newUrl);
  });

  it('shows in the dry run what preparation does: sizes before and after, location removed, alt text', async () => {
    const preview = await pipeline.preview('tide', 'blog');
    expect(preview.excerpt).toBe('What lives between the tides.');
    expect(preview.assets).toHaveLength(1);
    const [asset] = preview.assets;
    expect(asset).toMatchObject({ file: 'photos/IMG_2041.jpg', willUpload: true, alt: 'Anemones at low tide', prepared: { file: 'photos/IMG_2041.webp', before: photo.byteLength, width: 2000, locationRemoved: true, metadataRemoved: true } });
    expect(asset!.prepared!.after).toBeLessThan(asset!.prepared!.before);
    expect(blog.sent).toHaveLength(0);
  });

  it('leaves an image imported from the blog where it is, rather than uploading a prepared copy', async () => {
    // What an import records: the blog's copy of the file as it is, keyed by the file's hash.
    const hash = createHash('sha256').update(photo).digest('hex');
    const imported = { file: 'photos/IMG_2041.jpg', hash, bytes: new Uint8Array(), mimeType: '' };
    await AssetMap.forTarget(store.root, 'blog').uploaded(imported, { url: 'https://fake.test/wp-content/uploads/IMG_2041.jpg', id: '77' }, '2025-01-01T00:00:00Z');
    const result = await pipeline.publish('tide', 'blog');
    expect(result).toMatchObject({ kind: 'published', uploaded: 0 });
    expect(blog.sent).toEqual([]);
    expect([...blog.posts.values()][0]!.content).toContain('https://fake.test/wp-content/uploads/IMG_2041.jpg');
  });

  it('sends a small image that needs nothing as it is, byte for byte', async () => {
    const small = await sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 200, g: 60, b: 40 } } }).png().toBuffer();
    store.write('small', '---\ntitle: Small\nstatus: published\n---\n![Red](red.png)\n', { 'red.png': small });
    await pipeline.publish('small', 'blog');
    expect(Buffer.from(blog.sent[0]!.bytes).equals(small)).toBe(true);
    expect(blog.sent[0]!.mimeType).toBe('image/png');
  });
});
