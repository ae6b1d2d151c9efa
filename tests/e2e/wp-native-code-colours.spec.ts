/// Highlighted code published to a Hugo and a Jekyll site is coloured on the built page, whose
/// theme has no stylesheet for highlight.js: the colours travel inline with the post.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeLibrary, type TestLibrary } from '../integration/publish-fixtures';
import { hasHugo, hasJekyll, makeHugoSite, makeJekyllSite, type StaticSite } from '../servers/static-site';
import { CODE_POST, KEYWORD_COLOUR, keywordColour } from './wp-native-code';

const generators = [
  { name: 'hugo' as const, has: hasHugo, make: makeHugoSite, page: 'posts/code-post/index.html' },
  { name: 'jekyll' as const, has: hasJekyll, make: makeJekyllSite, page: 'code-post.html' },
];

for (const g of generators) {
  test.describe(`code colours on a ${g.name} site`, () => {
    test.skip(!g.has, `${g.name} is not installed here: run tests/servers/static/install.sh`);
    let site: StaticSite;
    let lib: TestLibrary;
    const savedEnv = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
    test.beforeAll(async () => {
      // No git identity, as on a fresh CI machine.
      const empty = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-gitcfg-')), 'config');
      writeFileSync(empty, '');
      Object.assign(process.env, { GIT_CONFIG_GLOBAL: empty, GIT_CONFIG_NOSYSTEM: '1' });
      [site, lib] = await Promise.all([g.make(), makeLibrary()]);
    });
    test.afterAll(async () => {
      for (const [name, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      lib?.remove();
      await site?.remove();
    });

    test('a keyword in the built page has the palette’s colour', async ({ page }) => {
      lib.writePost(CODE_POST, 'code-post');
      const service = lib.service();
      try {
        await service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: site.clone, generator: g.name, branch: 'main', remote: 'origin' } });
        expect(await service.publish('code-post', 'site')).toMatchObject({ kind: 'published' });
      } finally {
        service.close();
      }
      const out = await site.build();
      const file = (readdirSync(out, { recursive: true }) as string[]).find((f) => f.endsWith(g.page));
      expect(file, `built page ${g.page}`).toBeTruthy();
      await page.goto(`file://${path.join(out, file!)}`);
      await expect(page.locator('.hljs-keyword').first()).toHaveText('def');
      expect(await keywordColour(page)).toBe(KEYWORD_COLOUR);
      mkdirSync('/work/notes/shot/wp-native', { recursive: true });
      await page.locator('pre').first().screenshot({ path: `/work/notes/shot/wp-native/${g.name}-code.png` });
    });
  });
}
