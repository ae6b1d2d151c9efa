/// Tables typed as a writer does: insert one, Tab between cells, Enter for a row, and the
/// columns line up in the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

// Typed key by key on a machine shared with other builds: give each test room.
test.describe.configure({ timeout: 180_000 });

test('Tab, Shift+Tab and Enter move through a table that keeps its columns aligned', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Tide table');
  await studio.typeAtEnd('Counts:\n\n');
  await page.keyboard.press('ControlOrMeta+Alt+t');
  // The first heading is selected: typing replaces it.
  await page.keyboard.type('Species');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Count');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ochre star');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12');
  // Tab in the last cell adds a row.
  await page.keyboard.press('Tab');
  await page.keyboard.type('Sunflower star');
  await page.keyboard.press('Tab');
  await page.keyboard.type('9');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('Bat star');
  // Enter in a cell adds a row below.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Leather star');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');

  await expect(studio.articleBody.locator('table tbody tr')).toHaveCount(3);
  await expect(studio.articleBody.locator('table td')).toHaveText(['Ochre star', '12', 'Bat star', '9', 'Leather star', '3']);
  await studio.save();
  const saved = readFileSync(path.join(library, 'posts', 'tide-table', 'index.md'), 'utf8');
  expect(saved).toContain(
    ['| Species      | Count |', '| ------------ | ----- |', '| Ochre star   | 12    |', '| Bat star     | 9     |', '| Leather star | 3     |'].join('\n'),
  );
});

test('typing a table by hand, pipes and all, still works', async ({ host, library, studio }) => {
  await studio.open(host);
  await studio.createPost('Hand table');
  await studio.typeAtEnd('| Species | Months |\n|---|---:|\n| Ochre star | 12 |\n| Bat star | 9 |\n\nAfter.');
  await expect(studio.articleBody.locator('table td')).toHaveText(['Ochre star', '12', 'Bat star', '9']);
  await studio.save();
  const saved = readFileSync(path.join(library, 'posts', 'hand-table', 'index.md'), 'utf8');
  expect(saved).toMatch(/\| Ochre star +\| 12 +\|\n\| Bat star +\| 9 +\|\n\nAfter\./);
});
