/// The preview as a writer uses it beside the editor: the layouts, the outline, the theme,
/// code blocks and the text size.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

function writePost(library: string, id: string, text: string): void {
  const dir = path.join(library, 'posts', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), text);
}

const sections = Array.from({ length: 30 }, (_, i) => {
  const title = i === 24 ? 'Seaweed harvest' : `Rock pool ${i + 1}`;
  return `## ${title}\n\n${'The pools held more life than the guidebook promised, and the light was low and gold. '.repeat(6)}\n`;
});
const LONG_POST = `---\ntitle: Rock pools\n---\n\n${sections.join('\n')}\n\`\`\`js\nconst a = 1;\nconst b = 2;\nconst c = 3;\n\`\`\`\n`;

/// Distance from the top of the preview's scroller to `target`.
async function offsetFromTop(scroller: Locator, target: Locator): Promise<number | null> {
  const [pane, box] = await Promise.all([scroller.boundingBox(), target.boundingBox()]);
  return pane && box ? box.y - pane.y : null;
}

/// Relative luminance (0 black to 1 white) of a CSS rgb() colour.
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
}

test.beforeEach(async ({ host, library, studio }) => {
  writePost(library, 'rock-pools', LONG_POST);
  await studio.open(host);
  await studio.openPost('Rock pools');
  await expect(studio.articleBody.getByRole('heading', { name: 'Seaweed harvest' })).toBeAttached();
});

test('the Preview layout shows the preview across the workspace', async ({ page, studio }) => {
  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Preview' }).click();
  await expect(studio.editor).toBeHidden();
  const frame = page.getByTestId('preview-frame');
  await expect.poll(async () => (await frame.boundingBox())?.width ?? 0).toBeGreaterThan(600);
  await expect(studio.articleBody.getByRole('heading', { name: 'Rock pool 1', exact: true })).toBeVisible();
  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Split' }).click();
  await expect(studio.editor).toBeVisible();
  await expect(studio.articleBody.getByRole('heading', { name: 'Rock pool 1', exact: true })).toBeVisible();
});

test('a click in the outline brings the heading to the top of the preview too', async ({ page, studio }) => {
  await page.getByRole('tab', { name: 'Outline' }).click();
  await page.getByRole('list', { name: 'Outline' }).getByRole('button', { name: 'Seaweed harvest' }).click();
  await expect(page.locator('.cm-line', { hasText: /^## Seaweed harvest$/ })).toBeInViewport();
  const heading = studio.articleBody.getByRole('heading', { name: 'Seaweed harvest' });
  await expect.poll(() => offsetFromTop(studio.preview, heading)).toBeGreaterThan(-40);
  await expect.poll(() => offsetFromTop(studio.preview, heading)).toBeLessThan(80);
});

test('in the dark theme the preview is dark too, unless the writer keeps it as readers see it', async ({ page, studio }) => {
  const body = studio.preview.locator('xpath=ancestor::body');
  expect(luminance(await body.evaluate((element) => getComputedStyle(element).backgroundColor))).toBeGreaterThan(0.9);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => luminance(await body.evaluate((element) => getComputedStyle(element).backgroundColor))).toBeLessThan(0.2);
  const text = studio.articleBody.locator('p').first();
  await expect.poll(async () => luminance(await text.evaluate((element) => getComputedStyle(element).color))).toBeGreaterThan(0.6);

  await page.getByRole('button', { name: 'Appearance' }).click();
  await page.getByRole('checkbox', { name: /light preview/i }).check();
  await expect.poll(async () => luminance(await body.evaluate((element) => getComputedStyle(element).backgroundColor))).toBeGreaterThan(0.9);
  await expect.poll(async () => luminance(await text.evaluate((element) => getComputedStyle(element).color))).toBeLessThan(0.3);
});

test('code blocks in the preview are set solid, not double-spaced', async ({ studio }) => {
  const code = studio.articleBody.locator('pre code').last();
  await code.scrollIntoViewIfNeeded();
  const { pitch, size } = await code.evaluate((element) => {
    const range = element.ownerDocument.createRange();
    range.selectNodeContents(element);
    const tops = [...new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))].sort((a, b) => a - b);
    return { pitch: (tops[tops.length - 1]! - tops[0]!) / (tops.length - 1), size: parseFloat(getComputedStyle(element).fontSize) };
  });
  expect(pitch).toBeGreaterThanOrEqual(size);
  expect(pitch).toBeLessThanOrEqual(size * 1.65);
});

test('the text size setting sizes the preview as well as the editor', async ({ page, studio }) => {
  const paragraph = studio.articleBody.locator('p').first();
  const sizeOf = async () => parseFloat(await paragraph.evaluate((element) => getComputedStyle(element).fontSize));
  const before = await sizeOf();
  await page.getByRole('button', { name: 'Appearance' }).click();
  await page.getByRole('slider', { name: /Text size/ }).fill('22');
  await expect(page.getByText('Text size 22px')).toBeVisible();
  await expect.poll(sizeOf).toBeGreaterThan(before * 1.25);
  await page.getByRole('slider', { name: /Text size/ }).fill('12');
  await expect.poll(sizeOf).toBeLessThan(before);
});
