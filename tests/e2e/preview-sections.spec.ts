/// A long post's preview is drawn in sections (renderer/src/preview/sections.ts), which the
/// writer must never see: blocks are spaced the same where a section begins as anywhere else,
/// when the post opens and after an edit changes the block a section begins with.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

// Four blocks a topic, so that sections of 48 blocks begin with a heading.
const body = Array.from({ length: 80 }, (_, i) => `## Topic ${i}\n\nFirst paragraph ${i}.\n\nSecond paragraph ${i}.\n\nThird paragraph ${i}.`).join('\n\n');

/// The space above each block, in pixels, grouped by the block's tag: one value per tag when
/// the spacing is even. Also whether the article is in sections at all.
function spacing(article: Element): { sectioned: boolean; gaps: Record<string, number[]> } {
  // Sections off screen are skipped, their blocks not laid out where they will be: measured
  // drawn, with the layout containment that skipping brings (which is what parts margins).
  const sections = [...article.querySelectorAll<HTMLElement>('pw-section')];
  for (const section of sections) Object.assign(section.style, { contentVisibility: 'visible', contain: 'layout' });
  const blocks = [...article.querySelectorAll('[data-line]')];
  const gaps: Record<string, number[]> = {};
  for (let i = 1; i < blocks.length; i++) {
    const block = blocks[i]!;
    const prev = blocks[i - 1]!;
    // The same pair of neighbours (a heading after a paragraph, or a paragraph after one).
    const kind = `${prev.tagName}>${block.tagName}`;
    const gap = Math.round((block.getBoundingClientRect().top - prev.getBoundingClientRect().bottom) * 2) / 2;
    const seen = (gaps[kind] ??= []);
    if (!seen.includes(gap)) seen.push(gap);
  }
  for (const section of sections) Object.assign(section.style, { contentVisibility: '', contain: '' });
  return { sectioned: sections.length > 0, gaps };
}

test('blocks are spaced the same where the preview’s sections begin as anywhere else, before and after an edit', async ({ host, library, studio, page }) => {
  const dir = path.join(library, 'posts', 'survey');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\ntitle: A survey in eighty topics\n---\n\n${body}\n`);
  await studio.open(host);
  await studio.openPost('A survey in eighty topics');
  await expect(studio.articleBody.getByRole('heading', { name: 'Topic 79' })).toBeAttached();
  const opened = await studio.articleBody.evaluate(spacing);
  expect(opened.sectioned).toBe(true);
  for (const [kind, gaps] of Object.entries(opened.gaps)) expect(gaps, kind).toHaveLength(1);

  // The heading a section begins with becomes a paragraph, then a heading again.
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+f');
  await page.getByRole('search', { name: 'Find and replace' }).getByRole('textbox', { name: 'Find' }).fill('## Topic 12');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Delete');
  await expect(studio.articleBody.getByRole('heading', { name: 'Topic 12' })).toHaveCount(0);
  const edited = await studio.articleBody.evaluate(spacing);
  for (const [kind, gaps] of Object.entries(edited.gaps)) expect(gaps, kind).toHaveLength(1);
  expect(edited.gaps['P>P']).toEqual(opened.gaps['P>P']);
  await page.keyboard.type('## ');
  await expect(studio.articleBody.getByRole('heading', { name: 'Topic 12' })).toHaveCount(1);
  const again = await studio.articleBody.evaluate(spacing);
  expect(again.gaps).toEqual(opened.gaps);
});

test('a post long enough to be in sections begins where a short one does', async ({ host, library, studio }) => {
  // Both open with a heading, whose top margin meets the space above the article.
  const post = (slug: string, title: string, topics: number) => {
    const dir = path.join(library, 'posts', slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.md'), `---\ntitle: ${title}\n---\n\n${body.split('\n\n').slice(0, topics * 4).join('\n\n')}\n`);
  };
  post('short-survey', 'Survey, short', 3);
  post('long-survey', 'Survey, long', 80);
  await studio.open(host);
  const firstHeading = async (title: string) => {
    await studio.openPost(title);
    await expect(studio.articleBody.getByRole('heading', { name: 'Topic 2', exact: true })).toBeAttached();
    return studio.articleBody.evaluate((article) => ({
      top: article.querySelector('h2')!.getBoundingClientRect().top + article.ownerDocument.defaultView!.scrollY,
      sectioned: article.querySelector('pw-section') !== null,
    }));
  };
  const short = await firstHeading('Survey, short');
  const long = await firstHeading('Survey, long');
  expect(short.sectioned).toBe(false);
  expect(long.sectioned).toBe(true);
  expect(long.top).toBeCloseTo(short.top, 0);
});
