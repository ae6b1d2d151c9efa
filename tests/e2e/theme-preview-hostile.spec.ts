/// A blog whose page carries a script, another site's @import and CSS that styles `body`: the
/// preview wears its look, and nothing of it runs, reaches the app's page, or needs the
/// network once read.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { HOSTILE_STYLE, startHostileBlog, type HostileBlog } from '../servers/hostile-blog';
import { expect, test } from './fixtures';

let blog: HostileBlog | undefined;
test.afterEach(async () => {
  await blog?.stop();
  blog = undefined;
});

const appLook = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { color: style.color, background: style.backgroundColor, font: style.fontFamily, outline: style.outlineStyle, fontSize: style.fontSize };
  });

test('a hostile blog’s look stays in the preview frame, runs nothing, and works offline', async ({ host, library, studio, page }) => {
  test.setTimeout(120_000);
  blog = await startHostileBlog();
  mkdirSync(path.join(library, '.postwright'), { recursive: true });
  writeFileSync(path.join(library, '.postwright', 'targets.json'), JSON.stringify({ version: 1, targets: [{ name: 'Hostile', kind: 'ghost', siteUrl: blog.url }] }));
  const dir = path.join(library, 'posts', 'quotes');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Quotes\n---\n\n## A heading\n\nShe said "hello" -- twice.\n');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));

  await studio.open(host);
  await studio.openPost('Quotes');
  const before = await appLook(page);
  const picker = page.getByRole('combobox', { name: 'Preview as on' });
  await picker.selectOption('Hostile');
  await expect(page.getByTestId('theme-status')).toContainText('No look read yet');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('theme-status')).toContainText('Look of 127.0.0.1');

  const frame = page.frameLocator('iframe[data-testid="preview-frame"]');
  const paragraph = frame.getByTestId('article-body').locator('p').first();
  await expect(paragraph).toHaveCSS('font-size', HOSTILE_STYLE.contentFontSize);
  await expect(frame.getByTestId('article-body').locator('h2')).toHaveCSS('color', HOSTILE_STYLE.headingColor);
  await expect(frame.locator('body')).toHaveCSS('color', HOSTILE_STYLE.bodyColor);
  await expect(frame.locator('body')).toHaveClass('hostile-body single-post');
  // Inside the blog's own wrappers, down to the element its posts' text sits in.
  await expect(frame.locator('.site .wrap.narrow .post .entry-content[data-testid="article-body"]')).toHaveCount(1);

  // Nothing of the blog's CSS reached the app's page, and none of its scripts ran.
  expect(await appLook(page)).toEqual(before);
  expect(await page.evaluate(() => [...document.querySelectorAll('style')].some((style) => style.textContent?.includes('Hostile Serif')))).toBe(false);
  expect(blog.requests.filter((url) => url.startsWith('/ran-') || url === '/theme.js')).toEqual([]);
  expect(blog.elsewhereRequests).toEqual([]);
  expect(dialogs).toEqual([]);

  // Dark mode is the app's: a blog's look shows as the blog's readers see it.
  await page.getByRole('button', { name: 'Appearance' }).click();
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await page.keyboard.press('Escape');
  await expect.poll(() => appLook(page)).not.toEqual(before);
  await expect(frame.locator('body')).toHaveCSS('background-color', 'rgb(250, 240, 230)');
  await expect(frame.locator('body')).toHaveCSS('color', HOSTILE_STYLE.bodyColor);
  const dark = await appLook(page);

  // Offline: the blog is gone, the app is reloaded, and the preview still wears its look,
  // asking no server for anything but the app itself.
  await blog.stop();
  const asked: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(host.origin) && !request.url().startsWith('data:')) asked.push(request.url());
  });
  await page.reload();
  await studio.openPost('Quotes');
  await expect(picker).toHaveValue('target:Hostile');
  await expect(paragraph).toHaveCSS('font-size', HOSTILE_STYLE.contentFontSize);
  await expect(frame.locator('body')).toHaveCSS('color', HOSTILE_STYLE.bodyColor);
  expect(asked).toEqual([]);
  expect(await appLook(page)).toEqual(dark);
  // Refreshing while the blog is unreachable says so and keeps the look already read.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('theme-status')).toContainText('could not be read');
  await expect(page.getByTestId('theme-status')).toContainText('previous snapshot');
  await expect(paragraph).toHaveCSS('font-size', HOSTILE_STYLE.contentFontSize);

  // Back to the generic article: the blog's CSS is gone from the frame too.
  await picker.selectOption('generic');
  await expect(paragraph).not.toHaveCSS('font-size', HOSTILE_STYLE.contentFontSize);
  await expect(frame.locator('style[data-testid="blog-css"]')).toHaveCount(0);
  // …which follows the app into the dark.
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
});
