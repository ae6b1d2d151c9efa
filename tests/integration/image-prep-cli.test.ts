/// `postwright publish` tells what happens to images, as the app's dialog does: the dry run lists
/// each image's size before and after preparation and the location removed, a missing alt text is
/// a warning (the publish goes ahead), and each upload's bytes are reported on stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPostwright } from './cli-runner';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';

describe.skipIf(!hasWordPress)(hasWordPress ? 'image-prep: postwright publish and images' : 'image-prep: postwright publish and images (skipped: no WordPress)', () => {
  let wp: WordPress;
  let base: string;
  let library: string;

  const postwright = (args: string[], input?: string) => runPostwright(library, path.join(base, 'state'), args, input);

  beforeAll(async () => {
    wp = await startWordPress();
    base = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-img-'));
    library = path.join(base, 'Blog');
    const dir = path.join(library, 'posts', 'dunes');
    mkdirSync(dir, { recursive: true });
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 220, g: 190, b: 140 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 3/1 0/1' } })
      .toBuffer();
    writeFileSync(path.join(dir, 'dune.jpg'), photo);
    writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Dunes\nstatus: published\n---\n\nSand moves.\n\n![](dune.jpg)\n');
    const added = await postwright(['targets', 'add', 'Dune blog', '--kind', 'wordpress', '--url', wp.url, '--username', wp.username, '--password-stdin'], `${wp.appPassword}\n`);
    expect(added.code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await wp?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('previews the prepared image and warns about its missing alt text', async () => {
    const dry = await postwright(['publish', 'dunes', '--target', 'Dune blog', '--dry-run']);
    expect(dry.stdout).toMatch(/image dune\.jpg: will be uploaded as dune\.webp: \d+ KB → \d+ KB, 2000 px, location removed/);
    expect(dry.stderr).toContain('warning: an image has no alt text (dune.jpg)');
  });

  it('publishes without the alt text, warning, and reports the upload in bytes on stderr', async () => {
    const sent = await postwright(['publish', 'dunes', '--target', 'Dune blog']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/Published: http/);
    expect(sent.stderr).toContain('warning: an image has no alt text (dune.jpg)');
    expect(sent.stderr).toMatch(/Uploading image 1 of 1: dune\.jpg \(0 KB of (\d+) KB\)\nUploaded image 1 of 1: dune\.jpg \(\1 KB of \1 KB\)/);
    expect(sent.stdout).not.toContain('Uploading');
  });
});
