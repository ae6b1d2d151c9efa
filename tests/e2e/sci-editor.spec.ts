/// Citations while writing: `@` completes the post's bibliography keys with their titles, and a
/// cited key that is not in the bibliography is underlined and explained on hover.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openReview } from './science';

// @codemirror/autocomplete's default `interactionDelay`.
const COMPLETION_INTERACTION_DELAY_MS = 75;

test.beforeEach(async ({ host, library, studio }) => {
  await openReview(host, library, studio);
});

test('typing [@ok offers okafor2024 with its title, and Enter inserts it', async ({ page, studio }) => {
  await studio.typeAtEnd('\nWatering matters [@ok');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'okafor2024' });
  await expect(option).toBeVisible();
  await expect(option).toContainText('Okafor & Lindqvist, 2024');
  await expect(page.locator('.cm-completionInfo')).toHaveText('Soil moisture and the growth of radish seedlings');
  // CodeMirror ignores Enter for a list updated in the last 75 ms (its interactionDelay), so a
  // key that lands as the list refreshes is a line break, as for a writer; on a busy CI machine
  // the list can refresh just then. A writer reading the list waits longer than that.
  await page.waitForTimeout(COMPLETION_INTERACTION_DELAY_MS * 2);
  await page.keyboard.press('Enter');
  await expect.poll(() => studio.editorText()).toContain('Watering matters [@okafor2024');
  await expect(page.locator('.cm-tooltip-autocomplete')).toHaveCount(0);
});

test('a figure label defined in the post is offered after @fig:', async ({ page, studio }) => {
  await studio.typeAtEnd('\nCompare @fig:');
  await expect(page.locator('.cm-tooltip-autocomplete li', { hasText: 'fig:growth' })).toBeVisible();
  await expect(page.locator('.cm-tooltip-autocomplete li', { hasText: 'fig:leaning' })).toBeVisible();
});

test('an unknown key is underlined and says why on hover', async ({ page, studio }) => {
  await studio.typeAtEnd('\nAs argued before [@nobody1999');
  await page.keyboard.press('Escape');
  const missing = page.locator('.cm-content .cm-cite-missing');
  await expect(missing).toHaveText('@nobody1999');
  await missing.hover();
  await expect(page.locator('.cm-tooltip .cm-cite-problem')).toHaveText('Not in the bibliography: nobody1999');
  // Keys that are in the bibliography are not marked.
  await expect(page.locator('.cm-content .cm-cite-missing')).toHaveCount(1);
});

test('an unknown figure label is underlined', async ({ page, studio }) => {
  await studio.typeAtEnd('\nSee @fig:nowhere for more');
  await page.keyboard.press('Escape');
  await expect(page.locator('.cm-content .cm-cite-missing')).toHaveText('@fig:nowhere');
});

test('hovering a key shows its full reference', async ({ page, studio }) => {
  await studio.typeAtEnd('\nSee also [@okafor2024');
  await page.keyboard.press('Escape');
  const box = await page.evaluate(() => {
    const line = [...document.querySelectorAll('.cm-content .cm-line')].find((el) => el.textContent?.includes('See also [@okafor2024'))!;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('okafor2024');
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 4);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  });
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x, box!.y);
  const tip = page.locator('.cm-tooltip .cm-cite-reference');
  await expect(tip).toContainText('Okafor & Lindqvist (2024).');
  await expect(tip).toContainText('Soil moisture and the growth of radish seedlings.');
  await expect(tip).toContainText('Journal of Small Experiments.');
  await expect(tip).toContainText('https://doi.org/10.5555/jse.2024.045');
});

test('a key added to the .bib on disk stops being marked', async ({ library, page, studio }) => {
  await studio.typeAtEnd('\nAs argued before [@nobody1999');
  await page.keyboard.press('Escape');
  await expect(page.locator('.cm-content .cm-cite-missing')).toHaveText('@nobody1999');
  appendFileSync(path.join(library, 'posts', 'radish-review', 'refs.bib'), '\n@book{nobody1999,\n  author = {Nobody, Ann},\n  title = {Radishes Everywhere},\n  year = {1999}\n}\n');
  await expect(page.locator('.cm-content .cm-cite-missing')).toHaveCount(0);
});
