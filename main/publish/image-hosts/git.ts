/// A git repository served as files (GitHub through jsDelivr, GitLab or Codeberg raw files, any
/// remote with a file CDN): each image is committed to a local clone and pushed, and its URL is
/// the configured pattern with the file's path in it. Uses the static-site backend's git runner:
/// no shell, no prompts.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { GitHost } from '../../../shared/publish';
import { writeFileAtomic } from '../../fs/atomic-write';
import { resolveInside } from '../../library/paths';
import { PublishError } from '../errors';
import { Git, gitError } from '../git';
import type { LocalAsset, RemoteAsset } from '../publisher';
import type { ImageHost, ImageHostOptions } from './index';

type GitSettings = z.infer<typeof GitHost>;

const IDENTITY = ['-c', 'user.name=Postwright', '-c', 'user.email=postwright@localhost'];

export class GitImageHost implements ImageHost {
  readonly label: string;
  private readonly git: Git;

  constructor(
    private readonly settings: GitSettings,
    options: ImageHostOptions = {},
  ) {
    this.git = new Git(settings.repoPath, options.uploadTimeoutMs);
    this.label = `the image repository in ${settings.repoPath}`;
  }

  private get ref(): string {
    return `${this.settings.remote}/${this.settings.branch}`;
  }

  async check(): Promise<string> {
    await this.sync();
    return `${this.settings.branch} of ${this.settings.repoPath}`;
  }

  async store(asset: LocalAsset, key: string): Promise<RemoteAsset> {
    await this.sync();
    const rel = this.settings.folder + key;
    const file = resolveInside(this.settings.repoPath, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, asset.bytes);
    await this.git.must(['add', '--', rel], 'stage the image');
    // Only this file goes into the commit, whatever else the clone has staged.
    const staged = (await this.git.must(['diff', '--cached', '--name-only', '--', rel], 'stage the image')).trim();
    if (staged) await this.git.must([...(await this.identity()), 'commit', '--quiet', '-m', `Add ${rel}\n\nUploaded with Postwright.`, '--', rel], 'commit the image');
    await this.push();
    return { url: this.publicUrl(rel), id: rel };
  }

  async find(asset: LocalAsset, key: string): Promise<RemoteAsset | null> {
    await this.sync();
    const rel = this.settings.folder + key;
    const there = await this.git.run(['cat-file', '-e', `${this.ref}:${rel}`]);
    void asset;
    return there.code === 0 ? { url: this.publicUrl(rel), id: rel } : null;
  }

  private publicUrl(rel: string): string {
    return this.settings.publicUrl.replace('{path}', rel.split('/').map(encodeURIComponent).join('/'));
  }

  /// Brings the clone up to the remote branch, so a push adds to what is there.
  private async sync(): Promise<void> {
    const repo = this.settings.repoPath;
    if ((await this.git.run(['rev-parse', '--is-inside-work-tree'])).stdout.trim() !== 'true') {
      throw new PublishError('invalid', `${repo} is not a git clone. Choose the folder of the image repository’s clone in the image host’s settings.`);
    }
    const branch = (await this.git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).stdout.trim();
    if (branch !== this.settings.branch) {
      throw new PublishError('invalid', `The clone in ${repo} is on branch “${branch || 'none'}”, not “${this.settings.branch}”. Switch it (git switch ${this.settings.branch}) or change the image host.`);
    }
    const fetched = await this.git.run(['fetch', '--quiet', this.settings.remote, `+refs/heads/${this.settings.branch}:refs/remotes/${this.ref}`]);
    // A new, empty repository has no branch yet: the first push makes it.
    if (fetched.code !== 0 && /couldn't find remote ref/i.test(fetched.stderr)) return;
    if (fetched.code !== 0) throw gitError(fetched, `fetch ${this.ref}`);
    const merged = await this.git.run(['merge', '--ff-only', '--quiet', this.ref]);
    if (merged.code !== 0) {
      const rebased = await this.git.run([...(await this.identity()), 'rebase', '--quiet', '--autostash', this.ref]);
      if (rebased.code !== 0) {
        await this.git.run(['rebase', '--abort']);
        throw new PublishError('rejected', `The clone in ${repo} and ${this.ref} both have changes git cannot combine. Resolve them in the clone (see git status), then publish again.`);
      }
    }
  }

  private async push(): Promise<void> {
    const push = () => this.git.run(['push', '--quiet', this.settings.remote, `HEAD:refs/heads/${this.settings.branch}`]);
    let result = await push();
    // Someone pushed in between: take their commits and push ours on top, once.
    if (result.code !== 0 && /rejected|non-fast-forward|fetch first/i.test(result.stderr)) {
      await this.sync();
      result = await push();
    }
    if (result.code !== 0) throw gitError(result, `push to ${this.ref}`);
  }

  private async identity(): Promise<string[]> {
    const email = await this.git.run(['config', 'user.email']);
    const name = await this.git.run(['config', 'user.name']);
    return email.stdout.trim() && name.stdout.trim() ? [] : IDENTITY;
  }
}
