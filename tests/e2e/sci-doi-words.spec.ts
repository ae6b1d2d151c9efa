/// The library's words for figures and tables, chosen in the palette's dialog: the preview writes
/// "Figura 1" and the setting is kept with the library (where `postwright render` reads it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

test('choosing Spanish makes the preview write "Figura 1" and "Tabla 1"', async ({ host, library, studio, page }) => {
  const dir = path.join(library, 'posts', 'brotes');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Brotes\n---\n\n![Brotes el día 3](d3.png){#fig:brotes}\n\nVer @fig:brotes y @tbl:peso.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Peso {#tbl:peso}\n');
  await studio.open(host);
  await studio.openPost('Brotes');
  await expect(studio.articleBody.locator('a[href="#fig:brotes"]')).toHaveText('Figure 1');

  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('words for figures');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Words for figures and tables' });
  await dialog.getByLabel('Language').selectOption({ label: 'Spanish' });
  await expect(dialog.getByLabel('Figure', { exact: true })).toHaveValue('Figura');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(studio.articleBody.locator('a[href="#fig:brotes"]')).toHaveText('Figura 1');
  await expect(studio.articleBody.locator('a[href="#tbl:peso"]')).toHaveText('Tabla 1');
  await expect(studio.articleBody.locator('figcaption')).toContainText('Figura 1: Brotes el día 3');
  expect(JSON.parse(readFileSync(path.join(library, '.postwright', 'settings.json'), 'utf8'))).toMatchObject({ words: { fig: 'Figura', tbl: 'Tabla', eq: 'Ecuación', references: 'Referencias' } });
});
