/// Byte progress of an upload to an S3-compatible host (the tests' s3rver): the publish dialog
/// and the CLI show "1.2 MB of 3 MB" from these counts, so they must climb while the file goes
/// up, end at its size, and the stored object must still be the very bytes, whole.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ImageHost } from '../../main/publish/image-hosts/s3';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Server } from '../servers/s3/s3-server';

describe('S3 image host upload progress', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3();
  }, 60_000);
  afterAll(async () => {
    await s3?.stop();
  });

  it('reports the bytes sent as a 3 MB image goes up, and stores it whole', async () => {
    const host = new S3ImageHost({ type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: 'p/', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY }, S3_SECRET);
    const bytes = new Uint8Array(randomBytes(3 * 1024 * 1024 + 123));
    const asset = { file: 'figure-1.webp', hash: createHash('sha256').update(bytes).digest('hex'), bytes, mimeType: 'image/webp' };
    const counts: number[] = [];
    const remote = await host.store(asset, 'figure-1.webp', (sent) => counts.push(sent));

    expect(counts.length).toBeGreaterThan(2);
    expect(counts.at(-1)).toBe(bytes.byteLength);
    expect(counts.every((n, i) => n > 0 && n <= bytes.byteLength && (i === 0 || n > counts[i - 1]!))).toBe(true);
    const reply = await fetch(remote.url);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await reply.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  }, 30_000);

  it('uploads the same without anyone listening', async () => {
    const host = new S3ImageHost({ type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: 'q/', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY }, S3_SECRET);
    const bytes = new Uint8Array(randomBytes(300_000));
    const remote = await host.store({ file: 'a.png', hash: createHash('sha256').update(bytes).digest('hex'), bytes, mimeType: 'image/png' }, 'a.png');
    expect(Buffer.from(await (await fetch(remote.url)).arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  }, 30_000);
});
