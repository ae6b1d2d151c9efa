/// Adding a source by DOI from the command palette, doi.org played by the stand-in on 127.0.0.1:
/// the reference is shown, `[@key]` lands at the cursor, and the preview cites the new entry.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDoiResolver, type DoiResolver } from '../servers/doi-resolver/server';
import { expect, test as base } from './fixtures';
import { startHost, type RunningHost } from './host';

const test = base.extend<{ resolver: DoiResolver; host: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern
  resolver: async ({}, use) => {
    const resolver = await startDoiResolver();
    await use(resolver);
    await resolver.stop();
  },
  host: async ({ library, resolver }, use) => {
    const host = await startHost(library, { POSTWRIGHT_TEST_DOI_BASE: resolver.url });
    await use(host);
    await host.stop();
  },
});

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ library }) => {
  const dir = path.join(library, 'posts', 'radish-notes');
  mkdirSync(dir, { recursive: true });
  // IEEE: citeproc reads it at once, where APA takes seconds on a busy machine.
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Radish notes\ncsl: ieee\n---\n\nDrought thins the roots.\n');
});

async function openDialog(studio: import('./fixtures').Studio) {
  const page = studio.page;
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('source by doi');
  await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option', { selected: true })).toContainText('Add a source by DOI…');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a source by DOI' });
  await expect(dialog.getByLabel('DOI')).toBeFocused();
  return dialog;
}

test('palette → paste a DOI → the preview cites the new source and lists it', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.openPost('Radish notes');
  await studio.typeAtEnd(' As shown before ');
  const dialog = await openDialog(studio);
  await page.keyboard.insertText('https://doi.org/10.5555/jse.2023.017');
  await dialog.getByRole('button', { name: 'Add' }).click();

  const added = dialog.getByRole('region', { name: 'Added source' });
  await expect(added).toContainText('Made references.bib in the library, now the bibliography of every post that names none, and added okafor2023radish to it.');
  await expect(added).toContainText('Okafor A, Weiß J. Radish roots under drought: a windowsill trial.');
  await expect(added).toContainText('Cited at the cursor as [@okafor2023radish]');
  expect(readFileSync(path.join(library, 'references.bib'), 'utf8')).toMatch(/^@article\{okafor2023radish,/);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => studio.editorText()).toContain('As shown before [@okafor2023radish]');
  await expect(studio.articleBody.locator('a[href="#ref-okafor2023radish"]')).toHaveText('[1]');
  await expect(studio.articleBody.locator('#ref-okafor2023radish')).toContainText('Radish roots under drought: a windowsill trial');
});

test('a DOI nobody registered is explained and nothing is added', async ({ host, studio }) => {
  await studio.open(host);
  await studio.openPost('Radish notes');
  await studio.editorContent.click();
  const dialog = await openDialog(studio);
  await dialog.getByLabel('DOI').fill('10.5555/no.such.thing');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/No source is registered under the DOI 10\.5555\/no\.such\.thing\. Check it for a typo/);
  await expect(dialog.getByLabel('DOI')).toHaveValue('10.5555/no.such.thing');
  expect(await studio.editorText()).not.toContain('[@');
});

test('DOI dialog screenshots at 1440 px, light and dark', async ({ host, studio, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studio.open(host);
  await studio.openPost('Radish notes');
  await studio.typeAtEnd(' See ');
  const dialog = await openDialog(studio);
  await dialog.getByLabel('DOI').fill('10.5555/zenodo.778899');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('region', { name: 'Added source' })).toContainText('nunez2022windowsill');
  const dir = process.env.SCI_DOI_SHOTS ?? 'test-results/screens';
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.screenshot({ path: path.join(dir, `sci-doi-dialog-1440-${scheme}.png`) });
  }
});
