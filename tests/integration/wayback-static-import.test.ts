/// Importing from a Hugo or Jekyll site in git (a static-git target): posts written by hand come
/// in with their front matter and the images beside them under their own names, read from the
/// remote branch; a second run changes nothing.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceForTarget, runImport } from '../../main/import';
import { libraryImportTarget } from '../../main/import/target';
import { parsePostFile } from '../../shared/frontmatter';
import { hasHugo, hasJekyll, makeHugoSite, makeJekyllSite, type StaticSite } from '../servers/static-site';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';

const run = promisify(execFile);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Someone', GIT_AUTHOR_EMAIL: 'someone@example.test', GIT_COMMITTER_NAME: 'Someone', GIT_COMMITTER_EMAIL: 'someone@example.test' };
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd, env: gitEnv })).stdout.trim();
const VIEW = makePng(20, 10, [10, 120, 220]);

const sites = [
  {
    name: 'hugo' as const, has: hasHugo, make: makeHugoSite, image: 'img/view.png',
    files: { 'content/posts/trip/index.md': '---\ntitle: A trip\ndate: 2024-02-03\ntags: [travel]\ndescription: Where we went.\n---\nWe went *north*.\n\n![A view](img/view.png)\n', 'content/posts/trip/img/view.png': VIEW },
  },
  {
    name: 'jekyll' as const, has: hasJekyll, make: makeJekyllSite, image: 'view.png',
    files: { '_posts/2024-02-03-trip.md': '---\nlayout: post\ntitle: A trip\ntags: [travel]\nexcerpt: Where we went.\n---\nWe went *north*.\n\n![A view](/assets/posts/trip/view.png)\n', 'assets/posts/trip/view.png': VIEW },
  },
];

for (const s of sites) {
  describe.skipIf(!s.has)(`importing from a ${s.name} site${s.has ? '' : ' (skipped: install with tests/servers/static/install.sh)'}`, () => {
    let site: StaticSite;
    let lib: TestLibrary;
    const settings = () => ({ name: 'site', kind: 'static-git' as const, repoPath: site.clone, generator: s.name, branch: 'main', remote: 'origin' });
    const importAll = () => runImport(importSourceForTarget(settings(), null), libraryImportTarget(lib.library));

    beforeAll(async () => {
      [site, lib] = await Promise.all([s.make(), makeLibrary()]);
      // Written on another machine and pushed: the import must read the remote branch.
      const other = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-static-import-')), 'clone');
      await git(os.tmpdir(), 'clone', '--quiet', site.remote, other);
      for (const [file, data] of Object.entries(s.files)) {
        mkdirSync(path.dirname(path.join(other, file)), { recursive: true });
        writeFileSync(path.join(other, file), data);
      }
      await git(other, 'add', '-A');
      await git(other, 'commit', '--quiet', '-m', 'A trip');
      await git(other, 'push', '--quiet');
    }, 60_000);
    afterAll(async () => {
      lib?.remove();
      await site?.remove();
    });

    it('brings each post in with its front matter, and its images under their own names', async () => {
      const summary = await importAll();
      expect(summary).toMatchObject({ added: 2, updated: 0, conflicts: [], failedImages: [] });
      const hello = parsePostFile((await lib.library.get('hello')).text);
      expect(hello.data).toMatchObject({ title: 'Hello', status: 'published', tags: ['welcome'], categories: ['notes'] });
      expect(String(hello.data.date)).toMatch(/^2024-01-02T10:00:00/);
      expect(hello.body.trim()).toBe('The first post.');

      const trip = parsePostFile((await lib.library.get('trip')).text);
      expect(trip.data).toMatchObject({ title: 'A trip', tags: ['travel'], excerpt: 'Where we went.' });
      expect(trip.body.trim()).toBe(`We went *north*.\n\n![A view](${s.image})`);
      expect(readFileSync(path.join(lib.root, 'posts', 'trip', s.image)).equals(VIEW)).toBe(true);
    }, 60_000);

    it('changes nothing when run again', async () => {
      const before = (await lib.library.get('trip')).text;
      expect(await importAll()).toMatchObject({ added: 0, updated: 0, unchanged: 2, conflicts: [] });
      expect((await lib.library.get('trip')).text).toBe(before);
    }, 60_000);
  });
}
