/// Publishing to a Hugo and a Jekyll site in git: the generator builds the page with everything
/// in it and the images beside it, a draft is not built, republishing changes the same file in
/// one more commit, and a change pushed by someone else is not overwritten.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../main/publish/errors';
import type { PublishService } from '../../main/publish/service';
import { hasHugo, hasJekyll, makeHugoSite, makeJekyllSite, type StaticSite } from '../servers/static-site';
import { makeLibrary, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const run = promisify(execFile);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Someone', GIT_AUTHOR_EMAIL: 'someone@example.test', GIT_COMMITTER_NAME: 'Someone', GIT_COMMITTER_EMAIL: 'someone@example.test' };
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd, env: gitEnv })).stdout.trim();
const commits = (site: StaticSite) => git(site.remote, 'rev-list', '--count', 'main').then(Number);

const generators = [
  { name: 'hugo' as const, has: hasHugo, make: makeHugoSite, postFile: 'content/posts/fermentation-notes/index.html', image: 'posts/fermentation-notes/jar.png' },
  { name: 'jekyll' as const, has: hasJekyll, make: makeJekyllSite, postFile: '_posts/2024-03-04-fermentation-notes.html', image: 'assets/posts/fermentation-notes/jar.png' },
];

for (const g of generators) {
  const title = g.has ? `publishing to a ${g.name} site` : `publishing to a ${g.name} site (skipped: install with tests/servers/static/install.sh)`;
  describe.skipIf(!g.has)(title, () => {
    let site: StaticSite;
    let lib: TestLibrary;
    let service: PublishService;

    const savedEnv = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
    beforeAll(async () => {
      // As on a fresh CI machine: no git identity anywhere, so Postwright must bring its own.
      const empty = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-gitcfg-')), 'config');
      writeFileSync(empty, '');
      Object.assign(process.env, { GIT_CONFIG_GLOBAL: empty, GIT_CONFIG_NOSYSTEM: '1' });
      [site, lib] = await Promise.all([g.make(), makeLibrary()]);
      lib.writePost();
      service = lib.service();
      await service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: site.clone, generator: g.name, branch: 'main', remote: 'origin' } });
    }, 60_000);
    afterAll(async () => {
      for (const [name, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      service?.close();
      lib?.remove();
      await site?.remove();
    });

    it('publishes a page the generator builds with everything in it', async () => {
      const before = await commits(site);
      const preview = await service.preview(POST_ID, 'site');
      expect(preview.payload.files.map((f) => f.path)).toContain(g.postFile);
      expect(await commits(site)).toBe(before);

      const result = await service.publish(POST_ID, 'site');
      expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 0 });
      expect(await commits(site)).toBe(before + 1);
      expect(await git(site.remote, 'log', '-1', '--format=%an <%ae>|%s', 'main')).toBe('Postwright <postwright@localhost>|Publish “Fermentation notes”');

      const html = await site.readPage('fermentation-notes');
      // Hugo's copy escapes `{{` as `{&#123;`: the same text in a browser.
      expect(html.replace(/&#123;/g, '{')).toContain('{{ not a template }} {{% nor this %}} {% if x %}');
      for (const piece of ['Why ferment?', '<strong>slow cooking</strong>', '<li>patience</li>', '<td>Sauerkraut</td>', 'hljs-keyword', '<math', '<mfrac>', 'My grandmother']) {
        expect(html, piece).toContain(piece);
      }
      const out = await site.build();
      expect(existsSync(path.join(out, g.image))).toBe(true);
      expect(existsSync(path.join(out, path.dirname(g.image), 'img/crock.png'))).toBe(true);
      const page = findFile(out, g.name === 'hugo' ? 'posts/fermentation-notes/index.html' : 'fermentation-notes.html');
      for (const src of [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!)) {
        // Every image resolves to a file the build wrote.
        const target = src.startsWith('/') ? path.join(out, src) : path.join(path.dirname(page), src);
        expect(existsSync(target), src).toBe(true);
      }
      // The URL Postwright reports is where the generator put the page.
      if (result.kind !== 'published') return;
      const urlPath = decodeURIComponent(new URL(result.url).pathname).replace(/\/$/, '/index.html');
      expect(path.join(out, urlPath)).toBe(page);
    });

    it('republishes an edit in one more commit to the same file', async () => {
      const before = await commits(site);
      await lib.rewrite(postText('\nOne more thing: label the jar.\n'));
      const result = await service.publish(POST_ID, 'site');
      expect(result).toMatchObject({ kind: 'published', created: false });
      expect(await commits(site)).toBe(before + 1);
      const files = (await git(site.remote, 'ls-tree', '-r', '--name-only', 'main')).split('\n');
      expect(files.filter((f) => f.includes('fermentation-notes') && /\.(html|md)$/.test(f))).toEqual([g.postFile]);
      expect(await site.readPage('fermentation-notes')).toContain('label the jar');

      expect(await service.publish(POST_ID, 'site')).toMatchObject({ kind: 'published', unchanged: true });
      expect(await commits(site)).toBe(before + 1);
    });

    it('publishes a draft as a generator draft, which is not built', async () => {
      const draft = postText().replace('slug: fermentation-notes', 'slug: not-yet').replace('title: Fermentation notes', 'title: Not yet').replace('status: published', 'status: draft');
      lib.writePost(draft, 'not-yet');
      await service.publish('not-yet', 'site');
      const files = (await git(site.remote, 'ls-tree', '-r', '--name-only', 'main')).split('\n');
      expect(files).toContain(g.name === 'hugo' ? 'content/posts/not-yet/index.html' : '_drafts/not-yet.html');
      await expect(site.readPage('not-yet')).rejects.toThrow(/no page for "not-yet"/);
    });

    it('does not overwrite a change pushed by someone else', async () => {
      const other = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-other-')), 'clone');
      await git(os.tmpdir(), 'clone', '--quiet', site.remote, other);
      const file = path.join(other, g.postFile);
      writeFileSync(file, readFileSync(file, 'utf8').replace('Why ferment?', 'Why ferment at all?'));
      await git(other, 'commit', '--quiet', '-am', 'Fix a heading');
      await git(other, 'push', '--quiet');

      await lib.rewrite(postText('\nLocal edit.\n'));
      const error = (await service.publish(POST_ID, 'site').catch((e: unknown) => e)) as PublishError;
      expect(error).toBeInstanceOf(PublishError);
      expect(error.kind).toBe('conflict');
      expect(error.remote?.markdown).toContain('Why ferment at all?');
      expect(await site.readPage('fermentation-notes')).toContain('Why ferment at all?');

      expect(await service.publish(POST_ID, 'site', { overwrite: true })).toMatchObject({ kind: 'published', created: false });
      expect(await site.readPage('fermentation-notes')).toContain('Local edit.');
    });
  });
}

function findFile(dir: string, suffix: string): string {
  const hit = (readdirSync(dir, { recursive: true }) as string[]).find((f) => f.endsWith(suffix));
  if (!hit) throw new Error(`no ${suffix} in ${dir}`);
  return path.join(dir, hit);
}
