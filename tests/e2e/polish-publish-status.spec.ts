/// Just after a publish lands, the toolbar says so: the record the publish wrote into the
/// front matter is what the status is worked out from, not the text from before the publish.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';
import { expect, test } from './fixtures';

test.skip(!hasHugo, 'Hugo and git are not installed here: run tests/servers/static/install.sh');

let site: StaticSite | undefined;
test.afterEach(async () => {
  await site?.remove();
});

test('the toolbar reads “Published” right after a publish to a git site, with the dialog open and after it closes', async ({ host, library, studio, page }) => {
  site = await makeHugoSite();
  const dir = path.join(library, 'posts', 'fern');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.md');
  writeFileSync(file, '---\ntitle: Ferns in the stairwell\nstatus: published\n---\n\nThey like the light from the skylight.\n');
  await studio.open(host);
  await studio.openPost('Ferns in the stairwell');

  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish' });
  const targets = await studio.addHugoTarget('Lab site', site.clone);
  await expect(targets.getByRole('listitem').filter({ hasText: 'Lab site' })).toBeVisible();
  await page.keyboard.press('Escape');

  const chip = page.getByTestId('publish-state');
  await expect(chip).toContainText('Lab site: Not published');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(dialog.getByTestId('publish-result')).toContainText('Published.');
  // The record is on disk…
  await expect.poll(() => readFileSync(file, 'utf8')).toMatch(/Lab site/);
  // …and the toolbar follows it, before and after the dialog closes.
  await expect(chip).toContainText('Lab site: Published');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(chip).toContainText('Lab site: Published');
  await expect(chip).not.toContainText('Not published');
  // And it stays so: nothing overwrote the record with the text from before the publish.
  expect(readFileSync(file, 'utf8')).toMatch(/Lab site/);
});
