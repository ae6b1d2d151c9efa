/// Publishing as the hosts see it (the app, the browser host, the CLI): targets and their
/// secrets, publish with progress, the dry-run preview and the outbox. A publish that fails
/// for a reason that may pass (offline, a server error, rate limiting) is queued, not lost.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TargetSettings, type OutboxEntry, type PostPublishState, type PublishOptions, type PublishPreview, type PublishResult, type TargetInfo, type TargetInput } from '../../shared/publish';
import { createPublisher, needsSecret, type BackendOptions } from './backends';
import { issuingOrigin, sealSecret } from './bound-secret';
import { DryRunCache } from './dry-run-cache';
import { PublishError, asPublishError } from './errors';
import { imageSettingsFor } from '../../shared/image-settings';
import { mediaState } from './media-check';
import { Outbox, type Clock, type OutboxOptions } from './outbox';
import { PublishPipeline, type OnProgress, type PostStore, type ResolvedTarget } from './pipeline';
import { AssetMap } from './assets';
import { ImageHostPublisher } from './image-hosts/index';
import type { Publisher } from './publisher';
import type { SecretStore } from './secrets';
import { TargetStore, secretKey } from './targets';

export interface PublishServiceOptions {
  libraryRoot: string;
  store: PostStore;
  secrets: SecretStore;
  backend?: BackendOptions;
  clock?: Clock;
  outbox?: Pick<OutboxOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAttempts'>;
  /// Replaces the backends (tests); `createPublisher` by default.
  publisher?: (settings: TargetSettings, secret: string | null, backend: BackendOptions) => Publisher;
}

export class PublishService {
  private readonly targetStore: TargetStore;
  private readonly pipeline: PublishPipeline;
  private readonly box: Outbox;
  private readonly dryRuns = new DryRunCache();

  constructor(private readonly options: PublishServiceOptions) {
    this.targetStore = new TargetStore(options.libraryRoot);
    const now = options.clock ? () => options.clock!.now() : undefined;
    this.pipeline = new PublishPipeline({ store: options.store, libraryRoot: options.libraryRoot, target: (name) => this.resolveForPosts(name), now, checkMedia: (url) => mediaState(url, options.backend?.fetch) });
    this.box = new Outbox({
      ...options.outbox,
      dir: path.join(options.libraryRoot, '.postwright', 'outbox'),
      clock: options.clock,
      run: async (entry) => {
        const result = await this.pipeline.publish(entry.postId, entry.target, entry.options);
        return { url: result.kind === 'published' ? result.url : '' };
      },
    });
  }

  /// Picks up publishes an earlier run left in the outbox.
  start(): Promise<void> {
    return this.box.start();
  }

  close(): void {
    this.box.stop();
  }

  readonly targets = {
    list: async (): Promise<TargetInfo[]> => Promise.all((await this.targetStore.list()).map((settings) => this.info(settings))),
    add: async (input: TargetInput): Promise<TargetInfo> => {
      const settings = await this.targetStore.add(input.settings);
      try {
        await this.saveSecret(settings, input.secret);
      } catch (error) {
        await this.targetStore.remove(settings.name);
        throw this.secretError(error);
      }
      return this.info(settings);
    },
    update: async (name: string, input: TargetInput): Promise<TargetInfo> => {
      const before = await this.targetStore.get(name);
      const settings = await this.targetStore.update(name, input.settings);
      if (destination(before) !== destination(settings)) await this.forgetState(name);
      else await this.keepImagesOnSwitch(before, settings);
      await this.saveSecret(settings, input.secret).catch((error: unknown) => Promise.reject(this.secretError(error)));
      return this.info(settings);
    },
    remove: async (name: string): Promise<void> => {
      const removed = await this.targetStore.remove(name);
      await this.forgetState(name);
      const key = secretKey(removed);
      const shared = (await this.targetStore.list()).some((t) => secretKey(t) === key);
      if (key && !shared) await this.options.secrets.delete(key).catch(() => undefined);
    },
    /// Signs in with settings and a secret that are not saved yet (`targets add` checks first).
    check: async (input: TargetInput): Promise<{ account: string }> => {
      const parsed = TargetSettings.safeParse(input.settings);
      if (!parsed.success) throw new PublishError('invalid', `The target’s settings are not right: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
      const origin = issuingOrigin(parsed.data);
      const secret = isUploader(parsed.data) ? APPROVED : input.secret?.trim() && origin ? sealSecret(input.secret.trim(), origin) : null;
      return { account: await this.createPublisher(parsed.data, secret, this.options.backend ?? {}).check() };
    },
    /// Signs in and checks the account may publish; returns who it is signed in as.
    test: async (name: string): Promise<{ account: string; warnings?: string[] }> => {
      const { publisher } = await this.resolve(name);
      const account = await publisher.check();
      const warnings = (await publisher.cautions?.()) ?? [];
      return warnings.length > 0 ? { account, warnings } : { account };
    },
  };

  readonly outbox = {
    list: (): OutboxEntry[] => this.box.list(),
    /// Reads entries another process (the CLI, the app) wrote since this one last looked.
    refresh: (): Promise<void> => this.box.refresh(),
    runNow: (id: string): Promise<OutboxEntry['status'] | null> => this.box.runNow(id),
    cancel: async (id: string): Promise<boolean> => {
      await this.box.refresh();
      return this.box.cancel(id);
    },
    retry: (id: string): void => this.box.retryNow(id),
    onChange: (listener: (entry: OutboxEntry) => void): (() => void) => this.box.onChange(listener),
  };

  async publish(postId: string, target: string, options: PublishOptions = {}, onProgress?: OnProgress): Promise<PublishResult> {
    try {
      const result = options.dryRun ? await this.dryRun(postId, target, options, onProgress) : await this.pipeline.publish(postId, target, options, onProgress);
      if (result.kind === 'published' || result.kind === 'took-remote') await this.box.settle(postId, target);
      return result;
    } catch (thrown) {
      const error = asPublishError(thrown, target);
      if (options.dryRun || !error.retryable) throw error;
      const entry = await this.box.enqueue(postId, target, options, error);
      const nextAt = entry.status.state === 'retrying' ? entry.status.nextAt : new Date().toISOString();
      return { kind: 'queued', target, outboxId: entry.id, reason: error.toJSON(), nextAt };
    }
  }

  /// Where the post stands on each configured target, without asking any of them: its record
  /// against what a publish would send now, and the outbox (a waiting or failed publish).
  async status(postId: string): Promise<PostPublishState[]> {
    const entries = this.box.list().filter((e) => e.postId === postId);
    const all = await this.targetStore.list();
    return Promise.all(
      all.map(async (settings): Promise<PostPublishState> => {
        const { record, changed } = await this.pipeline.compare(postId, this.offline(settings, all));
        const known = { target: settings.name, kind: settings.kind, url: record?.url ?? null, publishedAt: record?.published_at ?? null };
        // list() is oldest first: the latest entry wins. Done and cancelled ones are gone from it.
        const status = entries.filter((e) => e.target === settings.name).at(-1)?.status;
        switch (status?.state) {
          case 'failed':
            return { ...known, state: 'failed', reason: status.reason.message };
          case 'retrying':
            return { ...known, state: 'queued', reason: status.reason.message };
          case 'queued':
          case 'running':
            return { ...known, state: 'queued', reason: null };
          default:
            return { ...known, state: record === null ? 'not-published' : changed ? 'changed' : 'published', reason: null };
        }
      }),
    );
  }

  /// A dry run of an unchanged post for unchanged targets answers from the last one.
  private async dryRun(postId: string, target: string, options: PublishOptions, onProgress?: OnProgress): Promise<PublishResult> {
    const [post, settings] = await Promise.all([this.options.store.get(postId), this.targetStore.list()]);
    const stateDirs = settings.map((s) => path.join(this.options.libraryRoot, '.postwright', 'targets', s.name));
    const inputs = { postId, target, options, text: post.text, settings, postDir: this.options.store.postDir(postId), stateDirs };
    return this.dryRuns.get(inputs, () => this.pipeline.publish(postId, target, options, onProgress));
  }

  preview(postId: string, target: string): Promise<PublishPreview> {
    return this.pipeline.preview(postId, target);
  }

  /// A target posts are published to; an image host holds none.
  private async resolveForPosts(name: string): Promise<ResolvedTarget> {
    const resolved = await this.resolve(name);
    if (resolved.publisher instanceof ImageHostPublisher) throw resolved.publisher.noPosts();
    return resolved;
  }

  /// A blog that names another image host keeps the images it already published where they are
  /// (its posts point there): the old host's map becomes part of the blog's own, so only new
  /// images go to the new host and an unchanged post republishes as unchanged.
  private async keepImagesOnSwitch(before: TargetSettings, after: TargetSettings): Promise<void> {
    const from = mediaName(before);
    if (!from || from === mediaName(after)) return;
    const root = this.options.libraryRoot;
    await AssetMap.forTarget(root, from).copyInto(AssetMap.forTarget(root, after.name));
  }

  private async resolve(name: string): Promise<ResolvedTarget> {
    const settings = await this.targetStore.get(name);
    const key = secretKey(settings);
    const secret = key ? await this.options.secrets.get(key).catch((error: unknown) => Promise.reject(this.secretError(error))) : null;
    const resolved: ResolvedTarget = { name: settings.name, publisher: this.createPublisher(settings, secret, this.options.backend ?? {}), images: imagesOf(settings), math: mathOf(settings) };
    // A blog that keeps no images (Blogger) puts them on the target its settings name.
    const media = mediaName(settings);
    if (media) resolved.media = await this.mediaFor(settings.name, media, (name) => this.resolve(name));
    return resolved;
  }

  private async mediaFor(owner: string, mediaName: string, resolve: (name: string) => Promise<ResolvedTarget>): Promise<ResolvedTarget['media']> {
    const all = await this.targetStore.list();
    const media = all.find((t) => t.name === mediaName);
    if (!media || !storesImages(media)) {
      throw new PublishError('invalid', `The target “${owner}” keeps its images on “${mediaName}”, but ${media ? 'that target stores no images for others' : 'there is no such target'}. Choose an image host (or a WordPress or Ghost target) for its images in its settings.`);
    }
    const { name, publisher, images } = await resolve(media.name);
    return { name, publisher, images };
  }

  /// The target as status() needs it: its capabilities and where bundled images go. It reads no
  /// secret (no keychain prompt) and cannot reach the network, should anything try.
  private offline(settings: TargetSettings, all: TargetSettings[] = []): ResolvedTarget {
    const noNetwork = () => Promise.reject(new Error('checking a post’s publish state makes no requests'));
    const secret = needsSecret(settings) ? 'not-read-for-status' : null;
    const resolved: ResolvedTarget = { name: settings.name, publisher: this.createPublisher(settings, secret, { ...this.options.backend, fetch: noNetwork }), images: imagesOf(settings), math: mathOf(settings) };
    const name = mediaName(settings);
    const media = name ? all.find((t) => t.name === name && storesImages(t)) : undefined;
    if (media) resolved.media = this.offline(media);
    return resolved;
  }

  private createPublisher(settings: TargetSettings, secret: string | null, backend: BackendOptions): Publisher {
    return (this.options.publisher ?? createPublisher)(settings, secret, backend);
  }

  /// What Postwright remembers about a target's posts and images only holds for that site: a
  /// target that now points elsewhere (or a new one with the same name) starts afresh.
  private async forgetState(name: string): Promise<void> {
    await fs.rm(path.join(this.options.libraryRoot, '.postwright', 'targets', name), { recursive: true, force: true });
  }

  private async info(settings: TargetSettings): Promise<TargetInfo> {
    const key = secretKey(settings);
    const hasSecret = key ? (await this.options.secrets.get(key).catch(() => null)) !== null : false;
    return { settings, hasSecret, needsSecret: needsSecret(settings), storage: this.options.secrets.storage };
  }

  private async saveSecret(settings: TargetSettings, secret: string | undefined): Promise<void> {
    const key = secretKey(settings);
    const origin = issuingOrigin(settings);
    if (key && isUploader(settings)) return this.options.secrets.set(key, APPROVED);
    // Kept with the origin it was issued for: the targets file alone cannot send it elsewhere.
    if (key && origin && secret !== undefined && secret.trim() !== '') await this.options.secrets.set(key, sealSecret(secret.trim(), origin));
  }

  private secretError(error: unknown): PublishError {
    if (error instanceof PublishError) return error;
    const why = error instanceof Error ? error.message : String(error);
    return new PublishError('invalid', `Postwright could not use the system keychain (${why}). Unlock it (or restart it) and try again.`, { cause: error });
  }
}

function destination(settings: TargetSettings): string {
  switch (settings.kind) {
    case 'wordpress':
    case 'ghost':
      return `${settings.kind} ${settings.siteUrl}`;
    case 'static-git':
      return `git ${settings.repoPath} ${settings.remote} ${settings.branch}`;
    case 'blogger':
      return `blogger ${settings.blogId}`;
    case 'image-host':
      return `image-host ${JSON.stringify(settings.host)}`;
  }
}

/// An uploader command runs a program: only one set up through the app or the CLI on this
/// computer runs, never one that arrived by an edit of the shared targets file.
const APPROVED = 'approved on this computer';

function isUploader(settings: TargetSettings): boolean {
  return settings.kind === 'image-host' && settings.host.type === 'command';
}

/// The target a blog's images go to, when they do not stay with the blog.
function mediaName(settings: TargetSettings): string | null {
  if (settings.kind === 'blogger') return settings.mediaTarget;
  if (settings.kind === 'static-git') return settings.imageHost ?? null;
  return null;
}

/// Targets that can keep another target's images.
function storesImages(settings: TargetSettings): boolean {
  return settings.kind === 'image-host' || settings.kind === 'wordpress' || settings.kind === 'ghost';
}

function mathOf(settings: TargetSettings) {
  return 'math' in settings ? settings.math : undefined;
}

function imagesOf(settings: TargetSettings) {
  return imageSettingsFor(settings.kind, 'images' in settings ? settings.images : undefined);
}
