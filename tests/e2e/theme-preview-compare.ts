/// Shared by the theme-preview specs: the rich post, choosing and reading a target's look in
/// the picker, the computed styles compared, and the side-by-side screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';

export const RICH_BODY = `## What the tide leaves

Rock pools are small worlds. Each one is a lesson in "making do" -- salt, sun and waiting.

> A pool is a sea that forgot to leave.

| Pool | Salinity | Creatures |
|------|---------:|-----------|
| North | 36 ‰ | anemones |
| South | 41 ‰ | barnacles |

- limpets hold on
- crabs hide

The last paragraph says it's all about patience...
`;

export const richPost = (title: string, extra = '') => `---\ntitle: ${title}\ndate: 2024-05-06T10:00:00Z\n${extra}---\n\n${RICH_BODY}`;

export type Part = 'body text' | 'heading' | 'blockquote' | 'table cell';
export const PARTS: Part[] = ['body text', 'heading', 'blockquote', 'table cell'];
const PROPS = ['font-family', 'font-size', 'line-height', 'color'] as const;

/// The four elements, inside the element that holds a post's text.
export function partsIn(content: Locator): Record<Part, Locator> {
  return {
    'body text': content.locator(':scope > p').first(),
    heading: content.locator('h2').first(),
    blockquote: content.locator('blockquote').first(),
    'table cell': content.locator('td').first(),
  };
}

export async function stylesOf(parts: Record<Part, Locator>): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const part of PARTS) {
    out[part] = await parts[part].evaluate((el, props) => {
      const style = getComputedStyle(el);
      return Object.fromEntries(props.map((prop) => [prop, style.getPropertyValue(prop)]));
    }, PROPS as unknown as string[]);
  }
  return out;
}

/// Chooses the target in "Preview as on…" and reads its look from the blog.
export async function previewAs(page: Page, target: string, siteUrl?: string): Promise<FrameLocator> {
  await page.getByRole('combobox', { name: 'Preview as on' }).selectOption(target);
  if (siteUrl) await page.getByLabel('Published site address').fill(siteUrl);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('theme-status')).toContainText('Look of', { timeout: 60_000 });
  const frame = page.frameLocator('iframe[data-testid="preview-frame"]');
  await expect(frame.locator('style[data-testid="blog-css"]')).toHaveCount(1);
  return frame;
}

const SHOTS = '/work/notes/shot/theme-preview';

/// The preview and the real page, each alone and side by side, for a person to look at.
export async function sideBySide(name: string, preview: Locator, real: Page): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const left = path.join(SHOTS, `${name}-preview.png`);
  const right = path.join(SHOTS, `${name}-real.png`);
  await preview.screenshot({ path: left });
  await real.screenshot({ path: right });
  const [a, b] = await Promise.all([sharp(left).metadata(), sharp(right).metadata()]);
  const height = Math.max(a.height ?? 0, b.height ?? 0);
  const both = path.join(SHOTS, `${name}-side-by-side.png`);
  await sharp({ create: { width: (a.width ?? 0) + (b.width ?? 0) + 16, height, channels: 3, background: '#888888' } })
    .composite([
      { input: left, left: 0, top: 0 },
      { input: right, left: (a.width ?? 0) + 16, top: 0 },
    ])
    .png()
    .toFile(both);
  return both;
}

/// What a theme does to a table's cells and a quote's edge: borders, padding and indent,
/// which a theme gives to its platform's block classes (wp-block-table, wp-block-quote).
export const BOX_PROPS = {
  'table cell': ['border-top-width', 'border-top-style', 'border-left-width', 'border-left-style', 'padding-left', 'padding-top'],
  blockquote: ['margin-left', 'padding-left', 'border-left-width', 'border-left-style', 'border-left-color'],
  table: ['border-collapse', 'width'],
} as const;

export async function boxesOf(content: Locator): Promise<Record<string, Record<string, string>>> {
  const parts = { 'table cell': content.locator('td').first(), blockquote: content.locator('blockquote').first(), table: content.locator('table').first() };
  const out: Record<string, Record<string, string>> = {};
  for (const [part, props] of Object.entries(BOX_PROPS)) {
    out[part] = await parts[part as keyof typeof parts].evaluate((el, names) => {
      const style = getComputedStyle(el);
      // The table's width only as a share of the text column, which the two pages share.
      const share = (value: string, name: string) => (name === 'width' ? String(Math.round((el.getBoundingClientRect().width / el.parentElement!.closest('.wp-block-post-content, [data-testid="article-body"]')!.getBoundingClientRect().width) * 100)) : value);
      return Object.fromEntries(names.map((name) => [name, share(style.getPropertyValue(name), name)]));
    }, props as unknown as string[]);
  }
  return out;
}
