// Image preparation before upload, for `npm run bench` or on its own:
//   node scripts/bench/images.mjs [--runs=5]
// A 4,000 × 3,000 px photo-like JPEG (with GPS EXIF) prepared the way a WordPress target
// prepares it: turned upright, scaled to 2,000 px, WebP, metadata stripped. Prints one JSON
// object with the median time per image and the sizes; nothing here asserts a time.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { importForBench } from '../bundle-node.mjs';


export async function measureImages({ runs = 5 } = {}) {
  const prep = await importForBench(EXPORTS, 'images');
  const photo = await makePhoto(4000, 3000);
  const asset = { file: 'IMG_2041.jpg', hash: createHash('sha256').update(photo).digest('hex'), bytes: new Uint8Array(photo), mimeType: 'image/jpeg' };
  const settings = prep.imageSettingsFor('wordpress', undefined);
  const times = [];
  let out;
  let planMs = 0;
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const plan = await prep.planImage(asset, settings);
    const planned = performance.now();
    out = await prep.prepareImage(asset, settings, plan);
    // The first run loads libvips and warms it up; it is not counted.
    if (i > 0) {
      times.push(performance.now() - started);
      planMs += planned - started;
    }
  }
  times.sort((a, b) => a - b);
  return {
    image: '4000×3000 JPEG with GPS → 2000 px WebP',
    runs,
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    maxMs: Math.round(times.at(-1)),
    readHeaderMs: Math.round((planMs / runs) * 10) / 10,
    beforeKB: Math.round(out.before / 1024),
    afterKB: Math.round(out.after / 1024),
    locationRemoved: out.locationRemoved,
    cpus: os.cpus().length,
    // Other work on the machine slows this down as much as anything here: say how busy it was.
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

/// Soft colour bands with grain: compresses like a photo, unlike a flat test card.
async function makePhoto(width, height) {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 40;
      raw[i] = 100 + 60 * Math.sin(x / 170) + n;
      raw[i + 1] = 120 + 50 * Math.cos(y / 130) + n;
      raw[i + 2] = 150 + 40 * Math.sin((x + y) / 260) + n;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1' } })
    .toBuffer();
}

// What this bench loads of the project, bundled (importForBench).
const EXPORTS = ["export { planImage, prepareImage } from './main/publish/image-prep';", "export { imageSettingsFor } from './shared/image-settings';"];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 5);
  console.log(JSON.stringify(await measureImages({ runs }), null, 2));
}
