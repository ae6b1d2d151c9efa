/// The four real blogs of the way-back matrix, each started the way its own suite starts it, with
/// the target settings to publish there and a way to edit a post there behind Postwright's back
/// (the platform's own API, or a commit pushed from another clone).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TargetSettings } from '../../shared/publish';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { ghostLexical } from '../../main/publish/ghost-lexical';
import { hasGhost, startGhost } from '../servers/ghost';
import { hasHugo, hasJekyll, makeHugoSite, makeJekyllSite } from '../servers/static-site';
import { hasWordPress, startWordPress } from '../servers/wordpress';

export interface RunningBlog {
  settings: TargetSettings;
  secret: string | null;
  /// Images the first publish of the rich post uploads (a static site commits them instead).
  uploads: number;
  /// What the platform stored as the post's body, as text.
  stored(remoteId: string): Promise<string>;
  /// Pieces of the stored body that show the post is native there (blocks, Lexical nodes, HTML).
  native: string[];
  /// Changes `from` to `to` in the stored post, as someone editing on the platform would.
  editRemote(remoteId: string, from: string, to: string): Promise<void>;
  stop(): Promise<void>;
}

export interface Backend {
  name: string;
  /// Why it is skipped here, or null when it runs.
  skip: string | null;
  start(): Promise<RunningBlog>;
}

const run = promisify(execFile);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Someone', GIT_AUTHOR_EMAIL: 'someone@example.test', GIT_COMMITTER_NAME: 'Someone', GIT_COMMITTER_EMAIL: 'someone@example.test' };
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd, env: gitEnv })).stdout.trim();
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function wordpress(): Promise<RunningBlog> {
  // WordPress's block library loads once per process; on a busy machine that takes a while.
  const [wp] = await Promise.all([startWordPress(), warmBlockSerializer()]);
  const headers = { Authorization: basic(wp.username, wp.appPassword), 'Content-Type': 'application/json' };
  const post = async (id: string) => {
    const response = await fetch(`${wp.url}/wp-json/wp/v2/posts/${id}?context=edit`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`WordPress answered ${response.status} for post ${id}`);
    return (await response.json()) as { content: { raw: string } };
  };
  return {
    settings: { name: 'blog', kind: 'wordpress', siteUrl: wp.url, username: wp.username },
    secret: wp.appPassword,
    uploads: 2,
    stored: async (id) => (await post(id)).content.raw,
    native: ['<!-- wp:heading', '<!-- wp:list', '<!-- wp:quote', '<!-- wp:table', '<!-- wp:code', '<!-- wp:image', '<!-- wp:embed'],
    async editRemote(id, from, to) {
      const raw = (await post(id)).content.raw;
      if (!raw.includes(from)) throw new Error(`“${from}” is not in the WordPress post`);
      const response = await fetch(`${wp.url}/wp-json/wp/v2/posts/${id}`, { method: 'POST', headers, body: JSON.stringify({ content: raw.replace(from, to) }), signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`WordPress refused the edit: ${response.status}`);
    },
    stop: () => wp.stop(),
  };
}

async function ghost(): Promise<RunningBlog> {
  const blog = await startGhost();
  ghostLexical('<p>The converter loads once, here, not inside a test.</p>');
  const read = async (id: string) => {
    const response = await blog.admin(`/posts/${id}/?formats=html,lexical`);
    if (!response.ok) throw new Error(`Ghost answered ${response.status} for post ${id}`);
    return ((await response.json()) as { posts: Array<{ lexical: string; updated_at: string }> }).posts[0]!;
  };
  return {
    settings: { name: 'blog', kind: 'ghost', siteUrl: blog.url },
    secret: blog.adminKey,
    uploads: 2,
    stored: async (id) => (await read(id)).lexical,
    native: ['"type":"extended-heading"', '"type":"list"', '"type":"extended-quote"', 'hljs language-python', '"type":"image"', '"type":"embed"'],
    async editRemote(id, from, to) {
      const { lexical, updated_at } = await read(id);
      if (!lexical.includes(from)) throw new Error(`“${from}” is not in the Ghost post`);
      const response = await blog.admin(`/posts/${id}/`, { method: 'PUT', json: { posts: [{ lexical: lexical.replace(from, to), updated_at }] } });
      if (!response.ok) throw new Error(`Ghost refused the edit: ${response.status}`);
    },
    stop: () => blog.stop(),
  };
}

function staticSite(generator: 'hugo' | 'jekyll'): () => Promise<RunningBlog> {
  return async () => {
    const site = await (generator === 'hugo' ? makeHugoSite() : makeJekyllSite());
    const show = (file: string) => git(site.remote, 'show', `main:${file}`);
    return {
      settings: { name: 'blog', kind: 'static-git', repoPath: site.clone, generator, branch: 'main', remote: 'origin' },
      secret: null,
      uploads: 0,
      stored: show,
      native: ['<h2', '<table>', 'text-align:right', '<math', 'language-python', '<iframe', '<img', 'footnote'],
      async editRemote(file, from, to) {
        const other = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-wayback-other-')), 'clone');
        await git(os.tmpdir(), 'clone', '--quiet', site.remote, other);
        const full = path.join(other, file);
        const text = readFileSync(full, 'utf8');
        if (!text.includes(from)) throw new Error(`“${from}” is not in ${file}`);
        writeFileSync(full, text.replace(from, to));
        await git(other, 'commit', '--quiet', '-am', 'An edit made on the site');
        await git(other, 'push', '--quiet');
      },
      stop: () => site.remove(),
    };
  };
}

const missing = (what: string, script: string) => `${what} is not installed here; install it with tests/servers/${script}`;

export const BACKENDS: Backend[] = [
  { name: 'WordPress', skip: hasWordPress ? null : missing('WordPress', 'wordpress/install.sh'), start: wordpress },
  { name: 'Ghost', skip: hasGhost ? null : missing('Ghost', 'ghost/install.sh'), start: ghost },
  { name: 'Hugo', skip: hasHugo ? null : missing('Hugo', 'static/install.sh'), start: staticSite('hugo') },
  { name: 'Jekyll', skip: hasJekyll ? null : missing('Jekyll', 'static/install.sh'), start: staticSite('jekyll') },
];
