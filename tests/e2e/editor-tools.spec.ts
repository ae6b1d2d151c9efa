/// The writing surface's tools, used as a writer uses them: spelling checked offline with
/// suggestions and a library word list, a word goal and the day's words, and export.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const SHOTS = '/work/notes/shot/editor-tools';

test('misspelled prose is underlined (not code or links), corrected from the menu, and a word can join the library’s dictionary', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Rock pools');
  await page.keyboard.type('The anemmone waits for the tide. Keep `codde` and https://example.org/misspeled as they are. Zostrawort grows here.');
  const underlined = page.locator('.cm-content .cm-misspelled');
  await expect(underlined.filter({ hasText: 'anemmone' })).toHaveCount(1);
  await expect(underlined.filter({ hasText: 'Zostrawort' })).toHaveCount(1);
  await expect(underlined.filter({ hasText: /codde|misspeled|example/ })).toHaveCount(0);
  // Chromium's own checker is off, so each misspelling is underlined once.
  await expect(studio.editorContent).toHaveAttribute('spellcheck', 'false');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'spelling-browser.png') });

  await underlined.filter({ hasText: 'anemmone' }).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: /Spelling of “anemmone”/ });
  await menu.getByRole('menuitem', { name: 'anemone', exact: true }).click();
  await expect.poll(() => studio.editorText()).toContain('The anemone waits');
  await expect(underlined.filter({ hasText: /anem/ })).toHaveCount(0);

  await underlined.filter({ hasText: 'Zostrawort' }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Add “Zostrawort” to dictionary' }).click();
  await expect(underlined).toHaveCount(0);
  await expect.poll(() => readFileSync(path.join(library, '.postwright', 'dictionary.txt'), 'utf8')).toBe('Zostrawort\n');
});

test('a post with its own lang: is checked in that language (British English here)', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Sea colours');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('The colour of the sea is not the color of the sky.');
  const underlined = page.locator('.cm-content .cm-misspelled');
  // The library's default is American English: "colour" is the misspelling.
  await expect(underlined).toHaveText(['colour']);
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('textbox', { name: 'Language' }).fill('en-GB');
  await page.getByRole('textbox', { name: 'Language' }).press('Enter');
  await expect(underlined).toHaveText(['color']);
  await expect(page.getByLabel('Spelling language')).toHaveValue('en-gb');
});

test('a word goal set in Details shows its progress, and the day’s words survive a reload', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Goal post');
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByLabel('Word goal').fill('20');
  await page.getByLabel('Word goal').press('Enter');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('The sea comes in twice a day. We watch it rise over the rocks and the weed.');
  await expect(page.getByTestId('goal-progress')).toHaveText('85% of 20');
  await expect(page.getByTestId('readability')).toContainText(/Readability \d+ \((easy|plain)\)/);
  await expect(page.getByTestId('words-today')).toHaveText('17 today');
  await studio.save();
  expect(readFileSync(path.join(library, 'posts', 'goal-post', 'index.md'), 'utf8')).toMatch(/\ngoal: 20\n/);

  // Selecting a sentence scores it on its own.
  await page.keyboard.press('Shift+Home');
  await expect(page.getByTestId('selection-readability')).toContainText(/selection readability \d+/);

  await page.reload();
  await studio.openPost('Goal post');
  await expect(page.getByTestId('words-today')).toHaveText('17 today');
});

test('words typed at once into a new post count towards the day’s words', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Straight in');
  await page.keyboard.type('Eight words typed as soon as it opened.');
  await expect(page.getByTestId('words-today')).toHaveText('8 today');
});

test('a post exports as one HTML file that the browser downloads', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Export me');
  await page.keyboard.type('Energy is $E = mc^2$ in **bold** words.');
  await page.getByRole('button', { name: 'More actions' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export as HTML…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('export-me.html');
  const html = readFileSync(await download.path(), 'utf8');
  expect(html).toContain('<title>Export me</title>');
  expect(html).toContain('<strong>bold</strong>');
  expect(html).toMatch(/url\(data:font\/woff2;base64,/);
  await expect(page.getByText('export-me.html is in your browser’s downloads.')).toBeVisible();
});

test('the Import dialog’s file picker looks like the app’s buttons', async ({ host, studio, page }) => {
  await studio.open(host);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const picker = page.locator('input[type="file"]');
  await expect(picker).toBeVisible();
  const looks = await picker.evaluate((input) => {
    const button = getComputedStyle(input, '::file-selector-button');
    const reference = getComputedStyle(document.querySelector('.dialog-actions .button:not(.primary)') as Element);
    return {
      radius: button.borderTopLeftRadius,
      background: button.backgroundColor === reference.backgroundColor,
      border: button.borderTopColor === reference.borderTopColor,
      font: button.fontSize === reference.fontSize,
    };
  });
  expect(looks).toEqual({ radius: '7px', background: true, border: true, font: true });
  await page.screenshot({ path: path.join(SHOTS, 'import-file-picker.png') });
});
