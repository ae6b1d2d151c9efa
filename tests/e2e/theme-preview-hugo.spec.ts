/// A Hugo blog with a theme of its own: the preview, in the look read from the published site,
/// shows body text, headings, quotes and table cells as the real page does.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasHugo } from '../servers/static-site';
import { startThemedHugoSite, type ThemedSite } from '../servers/hugo-themed-site';
import { expect, test } from './fixtures';
import { partsIn, previewAs, richPost, sideBySide, stylesOf } from './theme-preview-compare';

test.skip(!hasHugo, 'Hugo is not installed here: run tests/servers/static/install.sh');

let site: ThemedSite | undefined;
test.afterEach(async () => {
  await site?.stop();
  site = undefined;
});

test('the preview in a Hugo theme matches the published page', async ({ host, library, studio, page, context }) => {
  test.setTimeout(120_000);
  const text = richPost('Rock pools');
  site = await startThemedHugoSite({ 'rock-pools': text });
  mkdirSync(path.join(library, '.postwright'), { recursive: true });
  writeFileSync(
    path.join(library, '.postwright', 'targets.json'),
    JSON.stringify({ version: 1, targets: [{ name: 'Notebook', kind: 'static-git', repoPath: library, generator: 'hugo', branch: 'main', remote: 'origin' }] }),
  );
  mkdirSync(path.join(library, 'posts', 'rock-pools'), { recursive: true });
  writeFileSync(path.join(library, 'posts', 'rock-pools', 'index.md'), text);

  await studio.open(host);
  await studio.openPost('Rock pools');
  const frame = await previewAs(page, 'Notebook', site.url);
  const content = frame.getByTestId('article-body');
  // The snapshot found the theme's own content element, and the wrappers around it.
  await expect(frame.locator('main.page article.post div.post-content[data-testid="article-body"]')).toHaveCount(1);

  const box = await page.locator('iframe[data-testid="preview-frame"]').boundingBox();
  const real = await context.newPage();
  await real.setViewportSize({ width: Math.round(box!.width), height: Math.round(box!.height) });
  await real.goto(site.postUrl('rock-pools'));
  const published = await stylesOf(partsIn(real.locator('.post-content')));
  // The theme's web font is in use on the real page, and loaded from the snapshot in the preview.
  expect(published['body text']!['font-family']).toContain('Notebook Serif');
  await expect.poll(() => stylesOf(partsIn(content))).toEqual(published);
  // Hugo's typographer curls the quotes and turns " -- " into an en dash; so does the preview.
  const realText = await partsIn(real.locator('.post-content'))['body text'].textContent();
  expect(realText).toContain('“making do” –');
  await expect(partsIn(content)['body text']).toHaveText(realText!);
  await expect.poll(() => frame.locator('body').evaluate(async (body) => [...body.ownerDocument.fonts].filter((font) => font.status === 'loaded').map((font) => font.family))).toContain('Notebook Serif');

  await sideBySide('hugo-notebook', page.locator('iframe[data-testid="preview-frame"]'), real);
});
