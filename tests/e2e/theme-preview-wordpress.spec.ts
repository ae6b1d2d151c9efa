/// WordPress with its Twenty Twenty-Three theme: publish the rich post, read the blog's look,
/// and the preview shows the post as the published page does: same computed font, size, line
/// height and colour for body text, a heading, a quote and a table cell, and the same curly
/// quotes and dashes (wptexturize).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { expect, test } from './fixtures';
import { boxesOf, PARTS, partsIn, previewAs, richPost, sideBySide, stylesOf } from './theme-preview-compare';

test.skip(!hasWordPress, 'WordPress is not installed here: run tests/servers/wordpress/install.sh');

let wp: WordPress | undefined;
test.afterEach(async () => {
  await wp?.stop();
  wp = undefined;
});

test('the preview in Twenty Twenty-Three matches the published post', async ({ host, library, studio, page, context }) => {
  test.setTimeout(300_000);
  wp = await startWordPress();
  expect(await wp.php("switch_theme('twentytwentythree'); echo get_stylesheet();")).toBe('twentytwentythree');
  mkdirSync(path.join(library, 'posts', 'rock-pools'), { recursive: true });
  writeFileSync(path.join(library, 'posts', 'rock-pools', 'index.md'), richPost('Rock pools', 'status: published\n'));
  await studio.open(host);
  await studio.openPost('Rock pools');

  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish' });
  await dialog.getByRole('button', { name: 'Add a target' }).click();
  const targets = page.getByRole('dialog', { name: 'Publishing targets' });
  await targets.getByRole('button', { name: 'Add a target' }).click();
  await targets.getByLabel('Name', { exact: true }).fill('Class blog');
  await targets.getByLabel('Site address').fill(wp.url);
  await targets.getByLabel('User name').fill(wp.username);
  await targets.getByLabel('Application password').fill(wp.appPassword);
  await targets.getByRole('button', { name: 'Add target' }).click();
  await expect(targets.getByRole('listitem').filter({ hasText: 'Class blog' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('combobox', { name: 'Target', exact: true })).toHaveValue('Class blog');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = dialog.getByTestId('publish-result');
  // The block library loads once per process: slow on a busy machine.
  await expect(result).toContainText('Published.', { timeout: 150_000 });
  const url = await result.getByRole('link', { name: 'Open the post' }).getAttribute('href');
  await page.keyboard.press('Escape');

  const frame = await previewAs(page, 'Class blog');
  const content = frame.getByTestId('article-body');
  await expect(content).toHaveClass(/wp-block-post-content/);

  // Twenty Twenty-Three's type is fluid (sizes in vw): the real page is read at the width
  // of the preview, as a reader's window of that width shows it.
  const box = await page.locator('iframe[data-testid="preview-frame"]').boundingBox();
  const real = await context.newPage();
  await real.setViewportSize({ width: Math.round(box!.width), height: Math.round(box!.height) });
  await real.goto(url!);
  const realContent = real.locator('.wp-block-post-content');
  const published = await stylesOf(partsIn(realContent));
  await expect.poll(() => stylesOf(partsIn(content))).toEqual(published);
  // WordPress curls the quotes and turns " -- " into a dash; so does the preview.
  const realText = await partsIn(realContent)['body text'].textContent();
  expect(realText).toContain('“making do” —');
  await expect(partsIn(content)['body text']).toHaveText(realText!);
  for (const part of PARTS) expect(published[part]!['font-family'], part).not.toBe('');

  // The blocks wear the classes the native blocks have on the page, so the theme draws the
  // table's borders and the quote's edge the same.
  await expect(content.locator(':scope > figure.wp-block-table > table')).toHaveCount(1);
  await expect(content.locator(':scope > blockquote.wp-block-quote')).toHaveCount(1);
  await expect(content.locator(':scope > ul.wp-block-list')).toHaveCount(1);
  await expect(content.locator(':scope > h2.wp-block-heading')).toHaveCount(1);
  const realBoxes = await boxesOf(realContent);
  expect(realBoxes['table cell']!['border-top-style']).toBe('solid');
  // Twenty Twenty-Three indents a quote by padding, not a border.
  expect(realBoxes.blockquote!['padding-left']).not.toBe('0px');
  await expect.poll(() => boxesOf(content)).toEqual(realBoxes);

  await realContent.locator('h2').first().scrollIntoViewIfNeeded();
  await sideBySide('wordpress-twentytwentythree', page.locator('iframe[data-testid="preview-frame"]'), real);
  await partsIn(content)['table cell'].scrollIntoViewIfNeeded();
  await realContent.locator('td').first().scrollIntoViewIfNeeded();
  await sideBySide('wordpress-twentytwentythree-blocks', page.locator('iframe[data-testid="preview-frame"]'), real);

  // The generic article stays as `postwright render` prints it: no block classes.
  await page.getByRole('combobox', { name: 'Preview as on' }).selectOption('generic');
  await expect(content.locator('table')).toHaveCount(1);
  await expect(content.locator('figure, [class*="wp-block"]')).toHaveCount(0);
});
