/// Highlighted code published to a real Ghost is coloured on the public page in Casper, Ghost's
/// default theme, which loads no highlighter: the code goes in an HTML card with its colours inline.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { makeLibrary, type TestLibrary } from '../integration/publish-fixtures';
import { hasGhost, startGhost, type Ghost } from '../servers/ghost';
import { CODE_POST, KEYWORD_COLOUR, keywordColour } from './wp-native-code';

test.describe('code colours on Ghost', () => {
  test.skip(!hasGhost, 'Ghost is not installed here: run tests/servers/ghost/install.sh');
  let ghost: Ghost | undefined;
  let lib: TestLibrary | undefined;
  test.afterAll(async () => {
    lib?.remove();
    await ghost?.stop();
  });

  test('a keyword on the published Casper page has the palette’s colour', async ({ page }) => {
    test.setTimeout(240_000);
    [ghost, lib] = await Promise.all([startGhost(), makeLibrary()]);
    expect((await ghost.admin('/themes/casper/activate/', { method: 'PUT' })).status).toBe(200);
    lib.writePost(CODE_POST, 'code-post');
    const service = lib.service();
    let url = '';
    try {
      await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
      const result = await service.publish('code-post', 'blog');
      expect(result).toMatchObject({ kind: 'published' });
      if (result.kind === 'published') url = result.url;
    } finally {
      service.close();
    }
    await page.goto(url);
    await expect(page.locator('.gh-content .hljs-keyword').first()).toHaveText('def');
    expect(await keywordColour(page)).toBe(KEYWORD_COLOUR);
    // Not the theme's text colour: the colour is the palette's, not black or grey.
    const plain = await page.locator('.gh-content p, .gh-content pre').first().evaluate((el) => getComputedStyle(el).color);
    expect(plain).not.toBe(KEYWORD_COLOUR);
    // Casper draws code light-on-dark; the palette brings its own light ground, so the
    // keywords stay legible.
    expect(await page.locator('.gh-content pre').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(246, 248, 250)');
    mkdirSync('/work/notes/shot/wp-native', { recursive: true });
    await page.locator('.gh-content pre').first().screenshot({ path: '/work/notes/shot/wp-native/ghost-code.png' });
  });
});
