// Image upload to an S3-compatible server, for `npm run bench` or on its own:
//   node scripts/bench/s3.mjs [--small=20]
// Starts the tests' local s3rver, then uploads prepared WebP images (about 400 KB each, plus
// one of about 5 MB) through Postwright's own S3 image host (signing with aws4fetch, the
// timeout and redirect guard of http.ts) and, in turns with it, the same bytes as a plain
// unsigned fetch PUT to the same server: the baseline. Prints one JSON object; nothing here
// asserts a time. Loopback and s3rver's disk writes are what is measured, not a network.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { importForBench } from '../bundle-node.mjs';


export async function measureS3Upload({ small = 20 } = {}) {
  const lib = await importForBench(EXPORTS, 's3');
  const images = [];
  for (let i = 0; i < small; i++) images.push(await makeWebp(850, 850, i + 1));
  images.push(await makeWebp(2800, 2800, 999));
  const s3 = await lib.startS3('bench-images');
  try {
    const host = new lib.S3ImageHost(
      { endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: 'host/', publicUrl: s3.publicUrl, accessKeyId: lib.S3_ACCESS_KEY },
      lib.S3_SECRET,
    );
    // One warm-up of each path (connection, s3rver's first write), not counted.
    const warm = images[0];
    await host.store(asset(warm, 'warm.webp'), 'warm.webp');
    await plainPut(`${s3.publicUrl}/plain/warm.webp`, warm);
    const timing = { host: [], plain: [] };
    let reports = 0;
    for (const [i, bytes] of images.entries()) {
      const name = `photo-${i}.webp`;
      // In turns, so a burst of other work on the machine falls on both sides alike.
      const pairs = [
        // As the pipeline calls it: streamed, with its byte count heard.
        ['host', () => host.store(asset(bytes, name), name, () => reports++)],
        ['plain', () => plainPut(`${s3.publicUrl}/plain/${name}`, bytes)],
      ];
      if (i % 2) pairs.reverse();
      for (const [side, run] of pairs) {
        const started = performance.now();
        await run();
        timing[side].push({ bytes: bytes.byteLength, ms: performance.now() - started });
      }
    }
    const stored = s3.keys();
    if (stored.length !== 2 * images.length + 2) throw new Error(`expected ${2 * images.length + 2} objects in the bucket, found ${stored.length}`);
    return {
      files: `${small} × ~${Math.round(images[0].byteLength / 1024)} KB WebP + 1 × ${round(images.at(-1).byteLength / 1e6)} MB WebP, one after another`,
      postwrightS3Host: summary(timing.host),
      plainFetchPut: summary(timing.plain),
      progressReports: reports,
      cpus: os.cpus().length,
      loadAverage: round(os.loadavg()[0]),
    };
  } finally {
    await s3.stop();
  }
}

function asset(bytes, file) {
  return { file, hash: createHash('sha256').update(bytes).digest('hex'), bytes, mimeType: 'image/webp' };
}

async function plainPut(url, bytes) {
  const response = await fetch(url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'image/webp' } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`plain PUT answered ${response.status}`);
}

function summary(rows) {
  const small = rows.slice(0, -1).map((r) => r.ms).sort((a, b) => a - b);
  const bytes = rows.reduce((n, r) => n + r.bytes, 0);
  const ms = rows.reduce((n, r) => n + r.ms, 0);
  return {
    totalMB: round(bytes / 1e6),
    totalMs: Math.round(ms),
    MBps: round(bytes / 1e6 / (ms / 1e3)),
    medianSmallMs: round(small[Math.floor(small.length / 2)]),
    largeMs: round(rows.at(-1).ms),
  };
}

/// Noise compresses badly, so a modest square gives the size of a prepared photo.
async function makeWebp(width, height, seed) {
  const raw = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < raw.length; i++) {
    const n = (s = (s * 1103515245 + 12345) & 0x7fffffff) >> 24;
    raw[i] = 90 + ((i / 3) % width) / 12 + n;
  }
  const out = await sharp(raw, { raw: { width, height, channels: 3 } }).webp({ quality: 80 }).toBuffer();
  return new Uint8Array(out);
}

function round(n) {
  return Math.round(n * 10) / 10;
}

// What this bench loads of the project, bundled (importForBench).
const EXPORTS = ["export { S3ImageHost } from './main/publish/image-hosts/s3';", "export { startS3, S3_ACCESS_KEY, S3_SECRET } from './tests/servers/s3/s3-server';"];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const small = Number(process.argv.find((a) => a.startsWith('--small='))?.split('=')[1] ?? 20);
  console.log(JSON.stringify(await measureS3Upload({ small }), null, 2));
}
