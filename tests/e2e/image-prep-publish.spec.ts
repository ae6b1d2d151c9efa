/// The publish dialog before anything is sent: the images to upload with their size before and
/// after preparation and "location removed", the images without alt text with a field that writes
/// it into the post; then per-image progress, and the alt text on the real WordPress.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { withWordPress } from './wordpress';

const SHOTS = '/work/notes/shot/image-prep';

test.describe('image-prep: images in the publish dialog', () => {
  const server = withWordPress();

  test('lists the prepared images, takes the missing alt text into the post, and shows each upload', async ({ host, library, studio, page }) => {
    test.setTimeout(240_000);
    const blog = server.wp;
    const dir = path.join(library, 'posts', 'rock-pools');
    mkdirSync(dir, { recursive: true });
    const photo = await sharp(grainyPixels(4000, 3000), { raw: { width: 4000, height: 3000, channels: 3 } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1' } })
      .toBuffer();
    writeFileSync(path.join(dir, 'IMG_2041.jpg'), photo);
    writeFileSync(path.join(dir, 'chart.png'), await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 240, g: 240, b: 230 } } }).png().toBuffer());
    writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Rock pools\nstatus: published\n---\n\nWhat lives in a rock pool at low tide.\n\n![Starfish in a rock pool](IMG_2041.jpg)\n\n![](chart.png)\n');
    const added = await page.request.post(`${host.origin}/api/targets.add`, {
      data: [{ settings: { name: 'Class blog', kind: 'wordpress', siteUrl: blog.url, username: blog.username }, secret: blog.appPassword }],
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(added.ok()).toBe(true);

    await studio.open(host);
    await studio.openPost('Rock pools');
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish' });
    const images = dialog.getByRole('region', { name: 'Images' });
    const photoRow = images.getByTestId('publish-image').filter({ hasText: 'IMG_2041.jpg' });
    // The list is worked out by a dry run (a 4,000 px photo through sharp, and WordPress's block
    // library loaded on a first request, which takes up to a minute on a busy machine); the
    // dialog says "Preparing the list…" meanwhile.
    await expect(photoRow).toContainText(/\d+\.\d MB → \d+(\.\d)? (KB|MB), 2000 px WEBP/, { timeout: 100_000 });
    await expect(photoRow).toContainText('location removed');
    await expect(images.getByTestId('publish-image').filter({ hasText: 'chart.png' })).toContainText('1 KB, sent as it is');
    await expect(images).toContainText('2 to upload');
    const missing = dialog.getByRole('group', { name: 'Images without alt text' });
    await expect(missing).toContainText('One image has no alt text');
    await page.screenshot({ path: `${SHOTS}/publish-dialog-images.png` });

    // The alt text goes into the post, where the image is.
    await missing.getByLabel('Alt text for chart.png').fill('Tide heights for May');
    await missing.getByRole('button', { name: 'Add' }).click();
    await expect(missing).toHaveCount(0);
    await expect.poll(() => readFileSync(path.join(dir, 'index.md'), 'utf8')).toContain('![Tide heights for May](chart.png)');

    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(dialog.getByTestId('publish-result')).toContainText('Images: 2 uploaded', { timeout: 60_000 });
    await expect(images.getByRole('progressbar', { name: 'Uploading IMG_2041.jpg' })).toHaveText('uploaded');
    await page.screenshot({ path: `${SHOTS}/publish-dialog-uploaded.png` });
    // Afterwards the list says they are there.
    await expect(photoRow).toContainText('already on the blog');

    const media = (await (await fetch(`${blog.url}/wp-json/wp/v2/media?per_page=10`)).json()) as Array<{ alt_text: string; mime_type: string }>;
    expect(media.map((m) => [m.mime_type, m.alt_text]).sort()).toEqual([
      // A small diagram that needs nothing goes as it is.
      ['image/png', 'Tide heights for May'],
      ['image/webp', 'Starfish in a rock pool'],
    ]);
  });
});

/// Soft colour bands with grain, so the JPEG is the size of a real photo (a few MB).
function grainyPixels(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  const grain = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 40;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = grain();
      raw[i] = 100 + 60 * Math.sin(x / 170) + n;
      raw[i + 1] = 120 + 50 * Math.cos(y / 130) + n;
      raw[i + 2] = 150 + 40 * Math.sin((x + y) / 260) + n;
    }
  }
  return raw;
}
