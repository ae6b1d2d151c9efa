/// A Hugo or Jekyll site kept in git: Postwright writes the post where the generator expects it,
/// with its images beside it ('bundle' assets, nothing uploaded), commits only those files and
/// pushes. The remote post's id is its file's path; its modification stamp is the file's git
/// blob id on the remote branch, so an edit pushed by anyone else is seen before it is replaced.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveInside } from '../library/paths';
import { PublishError } from './errors';
import { Git } from './git';
import { GitClone } from './git-clone';
import type { LocalAsset, OutgoingPost, PreviewPayload, Publisher, PublisherCapabilities, RemotePost, RemoteSnapshot } from './publisher';
import { Layout, type Generator, type SiteConfig } from './static-git-layout';

export interface StaticGitSettings {
  repoPath: string;
  generator: Generator;
  branch: string;
  remote: string;
  /// The site's images go to this image host instead of the repository.
  imageHost?: string;
}

export class StaticGitPublisher implements Publisher {
  readonly capabilities: PublisherCapabilities;
  readonly label: string;
  private readonly git: Git;
  private readonly clone: GitClone;
  private readonly layout: Layout;
  private config: SiteConfig | null = null;

  constructor(
    private readonly settings: StaticGitSettings,
    options: { now?: () => number; timeoutMs?: number } = {},
  ) {
    this.capabilities = { assets: settings.imageHost ? 'elsewhere' : 'bundle', canonicalUrl: true, categories: true };
    this.git = new Git(settings.repoPath, options.timeoutMs);
    this.clone = new GitClone(this.git, settings, { whereToChoose: 'your site’s clone in the target’s settings', orChange: 'the target', newBranchOk: false });
    this.layout = new Layout(settings.generator, options.now ?? Date.now);
    this.label = `the ${settings.generator === 'hugo' ? 'Hugo' : 'Jekyll'} site in ${settings.repoPath}`;
  }

  private get ref(): string {
    return this.clone.ref;
  }

  async check(): Promise<string> {
    await this.clone.sync();
    return `${this.settings.branch} of ${this.settings.repoPath}`;
  }

  bundleUrl(asset: LocalAsset, post: Pick<OutgoingPost, 'slug' | 'date' | 'status'>): string {
    return this.layout.assetUrl(asset, post, this.siteConfig());
  }

  async find(post: OutgoingPost): Promise<RemoteSnapshot | null> {
    await this.clone.sync();
    const result = await this.git.run(['grep', '-l', '-F', `postwright_id: ${post.key}`, this.ref, '--', ...this.layout.postDirs]);
    const file = result.stdout.split('\n').find(Boolean)?.slice(this.ref.length + 1);
    return file ? this.snapshot(file) : null;
  }

  async get(id: string): Promise<RemoteSnapshot | null> {
    await this.clone.sync();
    return this.snapshot(id);
  }

  create(post: OutgoingPost): Promise<RemotePost> {
    return this.write(null, post);
  }

  update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost> {
    return this.write(remote, post);
  }

  holds(remote: RemoteSnapshot, post: OutgoingPost): boolean {
    return remote.id === this.layout.postPath(post) && remote.content === this.layout.fileText(post);
  }

  remoteHtml(remote: RemoteSnapshot): string {
    return remote.content.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').replace(/\{&#123;/g, '{{');
  }

  payload(post: OutgoingPost): PreviewPayload {
    const files = [{ path: this.layout.postPath(post), text: this.layout.fileText(post) }, ...this.assetFiles(post).map((a) => ({ path: a.path, text: null }))];
    return { fields: { generator: this.settings.generator, branch: this.settings.branch }, files };
  }

  private async write(remote: RemoteSnapshot | null, post: OutgoingPost): Promise<RemotePost> {
    await this.clone.sync();
    const postPath = this.layout.postPath(post);
    const assetDir = this.layout.assetDir(post);
    await this.refuseOthers(remote, post, postPath, assetDir);
    const touched = new Set<string>([postPath, assetDir]);
    if (remote && remote.id !== postPath) {
      // The slug, the date or draft/published changed: the old file (and its images) go.
      touched.add(remote.id);
      await this.removePath(remote.id);
      const old = oldAssetDir(this.settings.generator, remote.id);
      if (old && old !== assetDir) {
        touched.add(old);
        await this.removePath(old);
      }
    }
    await this.clearDir(assetDir, postPath);
    for (const file of this.assetFiles(post)) await this.writeFile(file.path, file.bytes);
    await this.writeFile(postPath, this.layout.fileText(post));

    for (const rel of touched) {
      const exists = await fs.stat(resolveInside(this.settings.repoPath, ...rel.split('/'))).then(() => true, () => false);
      if (exists) await this.git.must(['add', '-A', '--', rel], 'stage the post');
      else await this.git.must(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--', rel], 'stage the post');
    }
    // Only these files go into the commit, whatever else the clone has staged.
    const changed = (await this.git.must(['diff', '--cached', '--name-only', '-z', '--', ...touched], 'stage the post')).split('\0').filter(Boolean);
    if (changed.length > 0) {
      const message = `${remote ? 'Update' : 'Publish'} “${post.title}”\n\nPublished with Postwright.`;
      await this.git.must([...(await this.clone.identity()), 'commit', '--quiet', '-m', message, '--', ...changed], 'commit the post');
    }
    await this.clone.push();
    const modified = (await this.git.must(['rev-parse', `HEAD:${postPath}`], 'read the commit')).trim();
    return { id: postPath, url: this.layout.pageUrl(post, this.siteConfig()), modified };
  }

  /// Never write over files that are not this post's: a post with the same slug written by hand,
  /// or by another Postwright post.
  private async refuseOthers(remote: RemoteSnapshot | null, post: OutgoingPost, postPath: string, assetDir: string): Promise<void> {
    const there = await this.git.show(this.ref, postPath);
    const ours = remote?.id === postPath || (there !== null && there.includes(`postwright_id: ${post.key}`));
    if (ours) return;
    if (there !== null) throw new PublishError('rejected', `The site already has a post at ${postPath} that is not this one. Give this post another slug and publish again.`);
    const wasOurs = remote && (remote.id.startsWith(`${assetDir}/`) || oldAssetDir(this.settings.generator, remote.id) === assetDir);
    const used = (await this.git.run(['ls-tree', '-r', '--name-only', this.ref, '--', assetDir])).stdout.trim();
    if (used && !wasOurs) throw new PublishError('rejected', `The site already has files in ${assetDir}/ that belong to another post. Give this post another slug and publish again.`);
  }

  private async snapshot(file: string): Promise<RemoteSnapshot | null> {
    const content = await this.git.show(this.ref, file);
    if (content === null) return null;
    const modified = (await this.git.run(['rev-parse', `${this.ref}:${file}`])).stdout.trim() || null;
    const front = frontMatter(content);
    const title = typeof front.title === 'string' ? front.title : '';
    const draft = file.startsWith('_drafts/') || front.draft === true;
    const slug = typeof front.slug === 'string' ? front.slug : path.basename(file).replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.\w+$/, '');
    return { id: file, url: this.pageUrlOf(file, slug), modified, title, content, status: draft ? 'draft' : 'published' };
  }

  private pageUrlOf(file: string, slug: string): string {
    const config = this.siteConfig();
    if (this.settings.generator === 'hugo') return `${config.url}/posts/${slug}/`;
    return `${config.url}${config.baseurl}/${path.basename(file)}`;
  }

  private assetFiles(post: OutgoingPost): Array<{ path: string; bytes: Uint8Array }> {
    if (this.settings.imageHost) return []; // they are on the image host
    const dir = this.layout.assetDir(post);
    const seen = new Set<string>();
    return post.assets.filter((p) => !seen.has(p.asset.file) && seen.add(p.asset.file)).map((p) => ({ path: `${dir}/${p.asset.file}`, bytes: p.asset.bytes }));
  }

  /// The post's own folder is rewritten whole, so an image it no longer uses is not left behind.
  private async clearDir(dir: string, keep: string): Promise<void> {
    const full = resolveInside(this.settings.repoPath, ...dir.split('/'));
    const entries = await fs.readdir(full, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isFile() && path.relative(this.settings.repoPath, file).split(path.sep).join('/') !== keep) await fs.rm(file, { force: true });
    }
  }

  private async removePath(rel: string): Promise<void> {
    await fs.rm(resolveInside(this.settings.repoPath, ...rel.split('/')), { recursive: true, force: true });
  }

  private async writeFile(rel: string, data: string | Uint8Array): Promise<void> {
    const file = resolveInside(this.settings.repoPath, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, data);
  }

  private siteConfig(): SiteConfig {
    this.config ??= this.layout.readConfig(this.settings.repoPath);
    return this.config;
  }
}

function frontMatter(text: string): Record<string, unknown> {
  try {
    const data: unknown = parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '', { version: '1.1' });
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/// The images folder that went with a post file, for moving or removing it.
function oldAssetDir(generator: Generator, postPath: string): string | null {
  if (generator === 'hugo') return path.posix.dirname(postPath);
  const slug = path.posix.basename(postPath).replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.\w+$/, '');
  return slug ? `assets/posts/${slug}` : null;
}
