/// Static blogs for integration tests: a bare git repository as the "remote", a working clone
/// to publish into, and a build with the real generator (Debian's Hugo or Jekyll) of exactly
/// what was pushed. Install the software with tests/servers/static/install.sh.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { atExit } from './process-group';

const onPath = (command: string) => (process.env.PATH ?? '').split(':').some((folder) => folder && existsSync(path.join(folder, command)));
export const hasGit = onPath('git');
export const hasHugo = hasGit && onPath('hugo');
// Debian's jekyll-theme-minima puts the gem here (2.5.1 in bookworm).
const debianGems = '/usr/share/rubygems-integration/all/gems';
const hasMinima = existsSync(debianGems) && readdirSync(debianGems).some((gem) => gem.startsWith('minima-') && existsSync(path.join(debianGems, gem, '_layouts/post.html')));
export const hasJekyll = hasGit && onPath('jekyll') && hasMinima;

export interface StaticSite {
  /// The bare repository standing in for GitHub: what is pushed here is what gets built.
  remote: string;
  /// A clone of `remote` on branch main, for Postwright to publish into.
  clone: string;
  /// Everything of this site lives under here.
  dir: string;
  /// Clones the remote afresh and builds it; returns the output folder.
  build(): Promise<string>;
  /// Builds afresh and returns the HTML of the post whose slug this is.
  readPage(slug: string): Promise<string>;
  remove(): Promise<void>;
}

const hugoFiles: Record<string, string> = {
  'hugo.toml': `baseURL = "http://blog.example.test/"
title = "Postwright Hugo test blog"
languageCode = "en"
`,
  '.gitignore': 'public/\nresources/\n.hugo_build.lock\n',
  // Our own tiny layouts: no theme to install, nothing between the post and the page.
  'layouts/_default/single.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.tags }}<ul class="tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.categories }}<ul class="categories">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
<div class="content">{{ .Content }}</div>
</article></body></html>
`,
  'layouts/_default/list.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
`,
  'content/posts/hello/index.md': `---
title: Hello
date: 2024-01-02T10:00:00Z
draft: false
tags: [welcome]
categories: [notes]
---
The first post.
`,
};

const jekyllFiles: Record<string, string> = {
  // No Gemfile: Debian's gems are used directly (JEKYLL_NO_BUNDLER_REQUIRE).
  '_config.yml': `title: Postwright Jekyll test blog
url: http://blog.example.test
theme: minima
`,
  '.gitignore': '_site/\n.jekyll-cache/\n.sass-cache/\n',
  'index.md': '---\nlayout: home\n---\n',
  '_posts/2024-01-02-hello.md': `---
layout: post
title: Hello
date: 2024-01-02 10:00:00 +0000
categories: [notes]
tags: [welcome]
---
The first post.
`,
  '_drafts/.gitkeep': '',
};

export function makeHugoSite(dir?: string): Promise<StaticSite> {
  return makeSite(dir, 'pw-hugo-', hugoFiles, async (source, out) => {
    // --cacheDir: Hugo's default is /tmp/hugo_cache, shared and left behind.
    await run('hugo', ['--source', source, '--destination', out, '--cacheDir', path.join(out, '..', 'cache'), '--quiet'], source);
  });
}

export function makeJekyllSite(dir?: string): Promise<StaticSite> {
  return makeSite(dir, 'pw-jekyll-', jekyllFiles, async (source, out) => {
    await run('jekyll', ['build', '--source', source, '--destination', out, '--quiet'], source);
  });
}

async function makeSite(dir: string | undefined, prefix: string, files: Record<string, string>, generate: (source: string, out: string) => Promise<void>): Promise<StaticSite> {
  const root = dir ?? mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(root, { recursive: true });
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  const forget = dir ? () => {} : atExit(removeRoot); // a temporary folder goes even without remove()
  const remote = path.join(root, 'remote.git');
  const clone = path.join(root, 'clone');
  await git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  await git(root, 'clone', '--quiet', remote, clone);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(clone, name)), { recursive: true });
    writeFileSync(path.join(clone, name), text);
  }
  await git(clone, 'add', '-A');
  await git(clone, 'commit', '--quiet', '-m', 'A new blog');
  await git(clone, 'push', '--quiet', '-u', 'origin', 'main');

  let builds = 0;
  const build = async () => {
    const work = path.join(root, `build-${++builds}`);
    await git(root, 'clone', '--quiet', '--depth=1', '--branch=main', `file://${remote}`, path.join(work, 'source'));
    const out = path.join(work, 'public');
    await generate(path.join(work, 'source'), out);
    return out;
  };
  return {
    remote,
    clone,
    dir: root,
    build,
    async readPage(slug) {
      const out = await build();
      const page = findPage(out, slug);
      if (!page) throw new Error(`no page for "${slug}" in ${out}; built: ${listPages(out).join(', ')}`);
      return readFileSync(page, 'utf8');
    },
    async remove() {
      forget();
      removeRoot();
    },
  };
}

/// Hugo writes posts/<slug>/index.html; Jekyll's default permalink gives
/// [<categories>/]<yyyy>/<mm>/<dd>/<slug>.html.
function findPage(out: string, slug: string): string | undefined {
  const page = listPages(out).find((file) => file === `posts/${slug}/index.html` || path.basename(file) === `${slug}.html`);
  return page && path.join(out, page);
}

function listPages(out: string): string[] {
  return (readdirSync(out, { recursive: true }) as string[]).filter((file) => file.endsWith('.html'));
}

// Commits need an identity, and a CI machine has none configured.
const identity = { GIT_AUTHOR_NAME: 'Postwright Tests', GIT_AUTHOR_EMAIL: 'tests@postwright.test', GIT_COMMITTER_NAME: 'Postwright Tests', GIT_COMMITTER_EMAIL: 'tests@postwright.test' };

function git(cwd: string, ...args: string[]): Promise<string> {
  return run('git', args, cwd, identity);
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    // Jekyll without Bundler: no Gemfile, the theme and plugins come from Debian's gems.
    const fullEnv = { ...process.env, JEKYLL_NO_BUNDLER_REQUIRE: 'true', ...env };
    execFile(command, args, { cwd, env: fullEnv, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
