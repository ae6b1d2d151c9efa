/// Opening the Publish dialog again on a post that has not changed shows its image list at once:
/// the images are not prepared again ("Preparing the list…" never shows). After an edit, the
/// list is worked out afresh.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';
import { expect, test } from './fixtures';

test.skip(!hasHugo, 'Hugo and git are not installed here: run tests/servers/static/install.sh');

let site: StaticSite | undefined;
test.afterEach(async () => {
  await site?.remove();
});

test('the image list is there at once when the dialog opens again on the unchanged post', async ({ host, library, studio, page }) => {
  test.setTimeout(120_000);
  site = await makeHugoSite();
  const dir = path.join(library, 'posts', 'lichen');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'photo.png'), await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 90, g: 140, b: 80 } } }).png().toBuffer());
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Lichen on the gate\nstatus: published\n---\n\nSlow and patient.\n\n![Lichen, close up](photo.png)\n');
  const added = await page.request.post(`${host.origin}/api/targets.add`, {
    data: [{ settings: { name: 'Lab site', kind: 'static-git', repoPath: site.clone, generator: 'hugo' } }],
    headers: { Authorization: `Bearer ${host.token}` },
  });
  expect(added.ok()).toBe(true);
  await studio.open(host);
  await studio.openPost('Lichen on the gate');

  const dialog = page.getByRole('dialog', { name: 'Publish' });
  const images = dialog.getByRole('region', { name: 'Images' });
  const row = images.getByTestId('publish-image').filter({ hasText: 'photo.png' });
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(row).toBeVisible({ timeout: 60_000 });
  const listed = await images.textContent();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Everything the dialog shows from now on is watched: was the list ever being prepared?
  const watch = () =>
    page.evaluate(() => {
      const seen = window as unknown as { preparingSeen: boolean };
      seen.preparingSeen = false;
      const check = () => {
        if (document.body.innerText.includes('Preparing the list…')) seen.preparingSeen = true;
      };
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  const preparingSeen = () => page.evaluate(() => (window as unknown as { preparingSeen: boolean }).preparingSeen);

  await watch();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(row).toBeVisible();
  await expect(images).toHaveText(listed!);
  expect(await preparingSeen()).toBe(false);
  await page.keyboard.press('Escape');

  // An edit: the list is worked out again for the new text.
  await studio.typeAtEnd('\nMore to say.');
  await studio.save();
  await watch();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(row).toBeVisible({ timeout: 60_000 });
  expect(await preparingSeen()).toBe(true);
});
