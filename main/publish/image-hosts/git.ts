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
import { GitClone } from '../git-clone';
import { Git } from '../git';
import type { LocalAsset, RemoteAsset } from '../publisher';
import type { ImageHost, ImageHostOptions } from './index';

type GitSettings = z.infer<typeof GitHost>;

export class GitImageHost implements ImageHost {
  readonly label: string;
  private readonly git: Git;
  private readonly clone: GitClone;

  constructor(
    private readonly settings: GitSettings,
    options: ImageHostOptions = {},
  ) {
    this.git = new Git(settings.repoPath, options.uploadTimeoutMs);
    this.clone = new GitClone(this.git, settings, { whereToChoose: 'the image repository’s clone in the image host’s settings', orChange: 'the image host', newBranchOk: true });
    this.label = `the image repository in ${settings.repoPath}`;
  }

  private get ref(): string {
    return this.clone.ref;
  }

  async check(): Promise<string> {
    await this.clone.sync();
    return `${this.settings.branch} of ${this.settings.repoPath}`;
  }

  async store(asset: LocalAsset, key: string): Promise<RemoteAsset> {
    await this.clone.sync();
    const rel = this.settings.folder + key;
    const file = resolveInside(this.settings.repoPath, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, asset.bytes);
    await this.git.must(['add', '--', rel], 'stage the image');
    // Only this file goes into the commit, whatever else the clone has staged.
    const staged = (await this.git.must(['diff', '--cached', '--name-only', '--', rel], 'stage the image')).trim();
    if (staged) await this.git.must([...(await this.clone.identity()), 'commit', '--quiet', '-m', `Add ${rel}\n\nUploaded with Postwright.`, '--', rel], 'commit the image');
    await this.clone.push();
    return { url: this.publicUrl(rel), id: rel };
  }

  async find(asset: LocalAsset, key: string): Promise<RemoteAsset | null> {
    await this.clone.sync();
    const rel = this.settings.folder + key;
    const there = await this.git.run(['cat-file', '-e', `${this.ref}:${rel}`]);
    void asset;
    return there.code === 0 ? { url: this.publicUrl(rel), id: rel } : null;
  }

  private publicUrl(rel: string): string {
    return this.settings.publicUrl.replace('{path}', rel.split('/').map(encodeURIComponent).join('/'));
  }

}
