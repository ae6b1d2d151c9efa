/// Importing the posts of a Hugo or Jekyll site kept in git (a static-git target): read from the
/// remote branch as the target's clone fetched it, never from the clone's work tree, so what
/// comes in is what the site builds. A post's id and stamp are the ones the static-site Publisher
/// uses (the file's path, its git blob id), so the first publish after an import updates that
/// file, and a post this library published comes back as exactly the text it sent.
///
/// Images beside a post (a Hugo page bundle, Jekyll's assets/posts/<slug>/) are read from the
/// same commit and keep their names and folders.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parse } from 'yaml';
import type { PublishStatus } from '../../shared/publish';
import { renderArticle } from '../../shared/render';
import { Git } from '../publish/git';
import { GitClone } from '../publish/git-clone';
import type { StaticGitSettings } from '../publish/static-git';
import { Layout, type SiteConfig } from '../publish/static-git-layout';
import { createNodePurify } from '../render/node-purify';
import { imageSources } from './convert';
import { sourceId, type ImportPage, type ImportSource, type RemotePost } from './source';

/// Where a site with no address in its config is said to be, so image addresses still resolve.
const NO_ADDRESS = 'http://site.invalid';
const POST_FILE = /\.(?:html?|md|markdown)$/i;

export class StaticGitSource implements ImportSource {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  readonly fetch = (url: string): Promise<Response> => this.serve(url);
  private readonly git: Git;
  private readonly clone: GitClone;
  private readonly layout: Layout;
  /// Image address -> its blob on the remote branch, for the posts read so far.
  private readonly blobs = new Map<string, string>();

  constructor(private readonly settings: StaticGitSettings & { name: string }) {
    this.id = sourceId('site', settings.name);
    this.target = settings.name;
    this.label = `the ${settings.generator === 'hugo' ? 'Hugo' : 'Jekyll'} site in ${settings.repoPath}`;
    this.git = new Git(settings.repoPath);
    this.clone = new GitClone(this.git, settings, { whereToChoose: 'your site’s clone in the target’s settings', orChange: 'the target', newBranchOk: false });
    this.layout = new Layout(settings.generator, Date.now);
  }

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    await this.clone.sync();
    signal.throwIfAborted();
    const tree = await this.tree();
    const files = [...tree.keys()].filter((file) => this.isPost(file));
    const config = this.layout.readConfig(this.settings.repoPath);
    const posts: RemotePost[] = [];
    for (const file of files) {
      signal.throwIfAborted();
      const text = await this.git.show(this.clone.ref, file);
      if (text !== null) posts.push(this.toRemote(file, text, tree, config));
    }
    yield { posts, total: posts.length };
  }

  private isPost(file: string): boolean {
    if (!POST_FILE.test(file)) return false;
    if (this.settings.generator === 'jekyll') return /^_(?:posts|drafts)\/[^/]+$/.test(file);
    return file.startsWith('content/posts/') && !/(^|\/)_index\.[^/]+$/.test(file);
  }

  /// path -> blob id of every file on the remote branch.
  private async tree(): Promise<Map<string, string>> {
    const listed = await this.git.must(['ls-tree', '-r', '-z', this.clone.ref], 'list the site’s files');
    const tree = new Map<string, string>();
    for (const line of listed.split('\0')) {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (match) tree.set(match[2]!, match[1]!);
    }
    return tree;
  }

  private toRemote(file: string, text: string, tree: Map<string, string>, config: SiteConfig): RemotePost {
    const split = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    const front = readFront(split?.[1] ?? '');
    const body = split ? text.slice(split[0].length) : text;
    const hugo = this.settings.generator === 'hugo';
    const html = /\.html?$/i.test(file) ? (hugo ? body.replace(/\{&#123;/g, '{{') : body) : renderArticle(body, createNodePurify());
    const base = path.posix.basename(file).replace(/\.\w+$/, '');
    const slug = str(front.slug) || (hugo && base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base.replace(/^\d{4}-\d{2}-\d{2}-/, ''));
    const status: PublishStatus = file.startsWith('_drafts/') || front.draft === true || front.published === false ? 'draft' : 'published';
    const dated = /^_posts\/(\d{4}-\d{2}-\d{2})-/.exec(file)?.[1];
    const date = dateOf(front.date) ?? (dated ? `${dated}T00:00:00.000Z` : null);
    const categories = list(front.categories);
    const page = this.layout.pageUrl({ slug, date, status, categories }, config);
    const url = page.startsWith('http') ? page : `${config.url || NO_ADDRESS}/posts/${slug}/`;
    const names: Record<string, string> = {};
    const cover = hugo ? list(front.images)[0] : str(front.image);
    const sources = [...imageSources(html, url), ...(cover ? [new URL(cover, url).href] : [])];
    for (const src of sources) {
      const found = this.fileOf(src, file, slug, url, config, tree);
      if (!found) continue;
      this.blobs.set(src, found.blob);
      names[src] = found.name;
    }
    return {
      remoteId: file,
      title: str(front.title),
      slug,
      html,
      status,
      date,
      modified: null,
      tags: list(front.tags),
      categories,
      excerpt: str(front.description) || str(front.summary) || str(front.excerpt) || null,
      url,
      featuredImageUrl: cover ? new URL(cover, url).href : null,
      canonicalUrl: str(front.canonical_url) || null,
      remoteModified: tree.get(file) ?? null,
      imageNames: names,
    };
  }

  /// The site file an image address of this post is, and the name it has beside the post.
  private fileOf(src: string, file: string, slug: string, page: string, config: SiteConfig, tree: Map<string, string>): { blob: string; name: string } | null {
    const site = `${config.url || NO_ADDRESS}${config.baseurl}/`;
    const candidates: string[] = [];
    const postDir = path.posix.dirname(file);
    if (src.startsWith(page)) candidates.push(`${postDir}/${src.slice(page.length)}`);
    if (src.startsWith(site)) {
      const rest = src.slice(site.length);
      candidates.push(this.settings.generator === 'hugo' ? `static/${rest}` : rest);
    }
    for (const candidate of candidates.map((c) => safeDecode(c.split(/[?#]/)[0]!))) {
      const blob = candidate && tree.get(candidate);
      if (!blob) continue;
      const own = this.settings.generator === 'hugo' ? `${postDir}/` : `assets/posts/${slug}/`;
      return { blob, name: candidate.startsWith(own) ? candidate.slice(own.length) : path.posix.basename(candidate) };
    }
    return null;
  }

  /// Images are read from the commit, as bytes; anything else is not there.
  private async serve(url: string): Promise<Response> {
    const blob = this.blobs.get(url);
    if (!blob) return new Response(null, { status: 404 });
    const bytes = await new Promise<Buffer | null>((resolve) => {
      execFile('git', ['-C', this.settings.repoPath, 'cat-file', 'blob', blob], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
    });
    return bytes ? new Response(new Uint8Array(bytes), { status: 200 }) : new Response(null, { status: 404 });
  }
}

function readFront(yaml: string): Record<string, unknown> {
  try {
    const data: unknown = parse(yaml, { version: '1.1' });
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(str) : str(value).split(/[,\s]+/);
  return [...new Set(items.filter(Boolean))];
}

function dateOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const text = str(value);
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00.000Z`;
  const ms = Date.parse(text.replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ?([+-]\d{2}):?(\d{2})$/, '$1T$2$3:$4'));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
