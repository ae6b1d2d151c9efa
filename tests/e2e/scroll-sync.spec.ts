import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TOPICS = ['Low tide', 'Anemones', 'Hermit crabs', 'Sea stars', 'Barnacles', 'Mussels', 'Limpets', 'Kelp'];

/// A long post: `count` sections of prose, lists, code and math, with two headings to find
/// three quarters and seven eighths of the way down.
function longPost(count = 60): string {
  const sections = Array.from({ length: count }, (_, i) => {
    const title = i === Math.round(count * 0.74) ? 'Tide tables' : i === Math.round(count * 0.87) ? 'Seaweed harvest' : `${TOPICS[i % TOPICS.length]} ${i + 1}`;
    const prose = `On visit ${i + 1} the pools held more life than the guidebook promised, and the *light* was low and gold across the rocks. `;
    const extra = i % 3 === 0 ? '\n\n- a bucket\n- a hand lens\n- patience' : i % 3 === 1 ? '\n\n```js\nconst count = pools.filter((pool) => pool.alive).length;\n```' : '\n\n$$\nA = \\pi r^2\n$$';
    return `## ${title}\n\n${prose.repeat(4)}\n\n${prose.repeat(2)}${extra}\n`;
  });
  return `---\ntitle: A season of tide pools\ndate: 2026-06-01\n---\n\n${sections.join('\n')}`;
}

function writePost(library: string, id: string, text: string): void {
  const dir = path.join(library, 'posts', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), text);
}

/// Waits until a pane stops scrolling (smooth wheel scrolling animates over several frames).
/// The frames are counted in the app's window: the preview's frame runs no script, so
/// nothing can wait inside it.
async function settled(scroller: Locator): Promise<void> {
  let last = Number.NaN;
  for (;;) {
    const top = await scroller.evaluate((element) => element.scrollTop);
    if (top === last) return;
    last = top;
    await scroller.page().evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

/// Distance from the pane's top edge to `target`, or null while the target is not drawn.
async function offsetFromTop(scroller: Locator, target: Locator): Promise<number | null> {
  if ((await target.count()) === 0) return null;
  const [pane, box] = await Promise.all([scroller.boundingBox(), target.first().boundingBox()]);
  return pane && box ? box.y - pane.y : null;
}

/// Scrolls a pane with the mouse wheel, as a writer would, until `target` is at its top.
async function wheelToTop(page: Page, scroller: Locator, target: Locator): Promise<void> {
  await scroller.hover();
  // Until the target is drawn, a screenful at a time: a longer step could pass over it.
  const screen = await scroller.evaluate((element) => element.clientHeight);
  for (let attempt = 0; attempt < 400; attempt++) {
    const offset = await offsetFromTop(scroller, target);
    if (offset !== null && Math.abs(offset) < 6) return;
    await page.mouse.wheel(0, offset ?? screen);
    await settled(scroller);
  }
  throw new Error('could not scroll the target to the top of the pane');
}

// The second post is long enough for the preview to group its blocks into sections, which the
// browser draws only near the screen (renderer/src/preview/sections.ts).
for (const [name, count] of [
  ['scroll sync', 60],
  ['scroll sync in a post the preview draws in sections', 320],
] as const) {
  test.describe(name, () => {
    test.beforeEach(async ({ host, library, studio }) => {
      writePost(library, 'tide-season', longPost(count));
      await studio.open(host);
      await studio.openPost('A season of tide pools');
      await expect(studio.articleBody.getByRole('heading', { name: 'Seaweed harvest' })).toBeAttached();
    });

    test('scrolling the editor to a heading brings that heading to the top of the preview', async ({ page, studio }) => {
      const editorScroller = studio.editor.locator('.cm-scroller');
      await wheelToTop(page, editorScroller, studio.editor.locator('.cm-line', { hasText: /^## Tide tables$/ }));

      const heading = studio.articleBody.getByRole('heading', { name: 'Tide tables' });
      await expect.poll(() => offsetFromTop(studio.preview, heading)).toBeGreaterThan(-40);
      await expect.poll(() => offsetFromTop(studio.preview, heading)).toBeLessThan(80);
    });

    test('scrolling the preview to a heading brings its line to the top of the editor', async ({ page, studio }) => {
      await wheelToTop(page, studio.preview, studio.articleBody.getByRole('heading', { name: 'Seaweed harvest' }));

      const line = studio.editor.locator('.cm-line', { hasText: /^## Seaweed harvest$/ });
      await expect(line).toBeAttached();
      await expect.poll(() => offsetFromTop(studio.editor.locator('.cm-scroller'), line)).toBeGreaterThan(-40);
      await expect.poll(() => offsetFromTop(studio.editor.locator('.cm-scroller'), line)).toBeLessThan(80);
      // The preview stays where the writer put it: the editor following does not pull it back.
      const heading = studio.articleBody.getByRole('heading', { name: 'Seaweed harvest' });
      await settled(studio.preview);
      expect(Math.abs((await offsetFromTop(studio.preview, heading)) ?? Infinity)).toBeLessThan(6);
    });
  });
}
