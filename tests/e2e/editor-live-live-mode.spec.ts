/// Live mode, used as a writer would: turned on in the Aa menu, marks vanish on lines away
/// from the cursor, and images, math and tables are drawn in the text; clicking a line shows
/// its markdown again. Screenshots of live mode, light and dark, at three window sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Studio } from './fixtures';

// Typed key by key on a machine shared with other builds: give each test room.
test.describe.configure({ timeout: 180_000 });

// A 2×2 PNG, beside the post as the paste command would store it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4/5/h/38GBgYGBgYGAAk+Af8bfhkhAAAAAElFTkSuQmCC', 'base64');

const POST = `---
title: Tide pool notes
status: draft
---

## What the **tide** leaves

Sea stars are **echinoderms** and *slow* grazers; see [the aquarium notes](https://example.org/notes).

![an ochre star](ochre.png)

![from a local server](http://127.0.0.1:9/admin.png)

The area of a pool is roughly $A = \\pi r^2$ at low tide.

$$
L(t) = L_0 e^{kt}
$$

| Species | Months to regrow |
| --- | ---: |
| Ochre star | 12 |
| Sunflower star | 9 |

Written on the shore.
`;

function writePost(library: string): void {
  const dir = path.join(library, 'posts', 'tide-pool-notes');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), POST);
  writeFileSync(path.join(dir, 'ochre.png'), PNG);
}

async function turnOnLiveMode(studio: Studio): Promise<void> {
  await studio.page.getByRole('button', { name: 'Appearance' }).click();
  await studio.page.getByLabel(/Live mode/).check();
  await studio.page.keyboard.press('Escape');
}

const line = (studio: Studio, text: string) => studio.editorContent.locator('.cm-line', { hasText: text });

test('live mode hides marks away from the cursor and draws images, math and tables', async ({ host, library, studio, page }) => {
  writePost(library);
  await studio.open(host);
  await studio.openPost('Tide pool notes');
  await turnOnLiveMode(studio);
  // The cursor is on the last line; every other line shows its words without the marks.
  await line(studio, 'Written on the shore').click();
  await expect(line(studio, 'What the')).toHaveText('What the tide leaves');
  await expect(line(studio, 'Sea stars')).toHaveText('Sea stars are echinoderms and slow grazers; see the aquarium notes.');
  const image = studio.editorContent.locator('img.cm-live-image');
  await expect(image).toHaveCount(1);
  await expect(image).toHaveAttribute('alt', 'an ochre star');
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
  // An http address the preview would not load stays text.
  await expect(studio.editorContent).toContainText('![from a local server](http://127.0.0.1:9/admin.png)');
  await expect(studio.editorContent.locator('.cm-live-math .katex')).toHaveCount(2);
  await expect(line(studio, 'The area of a pool')).not.toContainText('$');
  await expect(studio.editorContent.locator('.cm-live-table td')).toHaveText(['Ochre star', '12', 'Sunflower star', '9']);
  await expect(studio.editorContent.locator('.cm-live-table th').nth(1)).toHaveCSS('text-align', 'right');

  // The line being written shows its markdown as typed.
  await line(studio, 'Sea stars').click();
  await expect(line(studio, 'Sea stars')).toContainText('**echinoderms**');
  await expect(line(studio, 'Sea stars')).toContainText('(https://example.org/notes)');
  await expect(line(studio, 'What the')).toHaveText('What the tide leaves');
  // Typing in live mode, then moving away: the new marks go too.
  await line(studio, 'Written on the shore').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' They **move** at night.');
  await expect(line(studio, 'Written on the shore')).toHaveText('Written on the shore. They **move** at night.');
  await line(studio, 'Sea stars').click();
  await expect(line(studio, 'Written on the shore')).toHaveText('Written on the shore. They move at night.');
  // Clicking the drawn table puts the cursor into its markdown.
  await studio.editorContent.locator('.cm-live-table').click();
  await expect(studio.editorContent.locator('.cm-live-table')).toHaveCount(0);
  await expect(studio.editorContent).toContainText('| Ochre star | 12 |');

  // Remembered: after a reload the post opens in live mode.
  await page.reload();
  await studio.openPost('Tide pool notes');
  await expect(studio.editorContent.locator('.cm-live-math .katex').first()).toBeVisible();
});

for (const [width, height] of [
  [800, 600],
  [1440, 900],
  [2560, 1440],
] as const) {
  test(`live mode screenshots at ${width}x${height}, light and dark`, async ({ host, library, studio, page }) => {
    writePost(library);
    await studio.open(host);
    // Narrow windows fold the post list into a rail: open the post first, then resize.
    await studio.openPost('Tide pool notes');
    await page.setViewportSize({ width, height });
    await turnOnLiveMode(studio);
    await line(studio, 'Written on the shore').click();
    await expect(studio.editorContent.locator('.cm-live-table')).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.screenshot({ path: `test-results/screens/editor-live-${width}x${height}-${scheme}.png` });
    }
  });
}
