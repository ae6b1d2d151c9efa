/// The rich post published to a real WordPress opens in its block editor as ordinary, valid
/// blocks of the expected kinds (no "This block contains unexpected or invalid content"), and a
/// second publish of the unchanged post sends nothing.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { stopBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { makeLibrary, POST_ID, postText, type TestLibrary } from '../integration/publish-fixtures';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { logInToWordPress } from './wordpress';
import { CODE_POST, KEYWORD_COLOUR, keywordColour } from './wp-native-code';

const SHOTS = '/work/notes/shot/wp-native';

/// Everything the rich post has, plus a quote, a rule, a video, the author's own HTML and a footnote.
export const EXTRA = `
> Salt draws the water *out*.

---

1. shred
2. pack
   - press hard

<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>

<div class="aside">My own <b>HTML</b></div>

Lactobacillus does the work.[^lab]

[^lab]: Lactic acid bacteria.
`;

interface EditorBlock {
  name: string;
  isValid: boolean;
  innerBlocks: EditorBlock[];
}

test.describe('WordPress native blocks', () => {
  test.skip(!hasWordPress, 'WordPress is not installed here: run tests/servers/wordpress/install.sh');
  // Loading WordPress's block library in Node and its editor in Chromium takes a while on a busy machine.
  test.setTimeout(300_000);
  let wp: WordPress;
  let lib: TestLibrary;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary()]);
  });
  test.afterAll(async () => {
    lib?.remove();
    await wp?.stop();
    await stopBlockSerializer();
  });

  test('the block editor opens the published post as valid core blocks', async ({ page }) => {
    lib.writePost(postText(EXTRA));
    const service = lib.service();
    await service.start();
    try {
      await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
      const result = await service.publish(POST_ID, 'blog');
      expect(result).toMatchObject({ kind: 'published', created: true });
      if (result.kind !== 'published') return;
      // Nothing changed: the same blocks, so nothing is sent.
      expect(await service.publish(POST_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true });

      await page.goto(`${wp.url}/wp-login.php`);
      await logInToWordPress(page, wp);
      await page.waitForURL(/wp-admin/);
      await page.goto(`${wp.url}/wp-admin/post.php?post=${result.remoteId}&action=edit`);
      await expect.poll(() => page.evaluate(() => {
        const w = window as unknown as { wp?: { data?: { select(store: string): { getBlocks(): unknown[] } } } };
        return w.wp?.data?.select('core/block-editor').getBlocks().length ?? 0;
      }), { timeout: 120_000 }).toBeGreaterThan(5);
      // The first-run welcome guide covers the post; close it as a blogger would.
      await page.evaluate(() => {
        const data = (window as unknown as { wp: { data: { select(s: string): { isFeatureActive(f: string): boolean }; dispatch(s: string): { toggleFeature(f: string): void } } } }).wp.data;
        if (data.select('core/edit-post').isFeatureActive('welcomeGuide')) data.dispatch('core/edit-post').toggleFeature('welcomeGuide');
      });

      const blocks = await page.evaluate(() => {
        const data = (window as unknown as { wp: { data: { select(s: string): { getBlocks(): EditorBlock[] } } } }).wp.data;
        const plain = (b: EditorBlock): EditorBlock => ({ name: b.name, isValid: b.isValid, innerBlocks: b.innerBlocks.map(plain) });
        return data.select('core/block-editor').getBlocks().map(plain);
      });
      const invalid: string[] = [];
      const walk = (list: EditorBlock[]): unknown[] => list.map((b) => {
        if (!b.isValid) invalid.push(b.name);
        return b.innerBlocks.length ? [b.name, walk(b.innerBlocks)] : b.name;
      });
      const shape = walk(blocks);
      expect(invalid, 'blocks the editor calls invalid').toEqual([]);
      expect(shape).toEqual([
        'core/heading', 'core/paragraph', ['core/list', ['core/list-item', 'core/list-item', 'core/list-item']],
        'core/heading', 'core/table', 'core/code',
        'core/html', 'core/html', // a paragraph with inline math, and display math
        'core/image', 'core/image',
        ['core/quote', ['core/paragraph']], 'core/separator',
        ['core/list', ['core/list-item', ['core/list-item', [['core/list', ['core/list-item']]]]]],
        'core/embed', 'core/html', 'core/paragraph',
        'core/html', 'core/html', // the footnotes' rule and the footnotes
      ]);
      // Images carry WordPress's media ids, so the editor knows them as library images.
      const imageIds = await page.evaluate(() => {
        const data = (window as unknown as { wp: { data: { select(s: string): { getBlocks(): Array<{ name: string; attributes: { id?: number } }> } } } }).wp.data;
        return data.select('core/block-editor').getBlocks().filter((b) => b.name === 'core/image').map((b) => b.attributes.id ?? null);
      });
      expect(imageIds.every((id) => typeof id === 'number' && id > 0), String(imageIds)).toBe(true);
      await expect(page.locator('.block-editor-warning')).toHaveCount(0);

      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/block-editor.png` });
    } finally {
      service.close();
    }
  });

  test('highlighted code is coloured on the published page, though the theme has no highlight stylesheet', async ({ page }) => {
    lib.writePost(CODE_POST, 'code-post');
    const service = lib.service();
    await service.start();
    try {
      await service.targets.add({ settings: { name: 'colours', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
      const result = await service.publish('code-post', 'colours');
      if (result.kind !== 'published') throw new Error(`not published: ${result.kind}`);
      await page.goto(result.url);
      await expect(page.locator('.hljs-keyword').first()).toHaveText('def');
      expect(await keywordColour(page)).toBe(KEYWORD_COLOUR);
      // The theme's own text colour is something else: the colour came with the post.
      expect(await page.locator('.hljs-keyword').first().evaluate((el) => getComputedStyle(el.closest('pre')!).color)).not.toBe(KEYWORD_COLOUR);
      mkdirSync(SHOTS, { recursive: true });
      await page.locator('pre').first().screenshot({ path: `${SHOTS}/wordpress-code.png` });
    } finally {
      service.close();
    }
  });
});
