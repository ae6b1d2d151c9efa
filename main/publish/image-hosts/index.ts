/// Image hosts: places that store a file and answer a public URL, for targets that keep no media
/// of their own (Blogger; a static site whose images should stay out of its repository). One
/// interface, one file per host. The pipeline's upload-once-by-content-hash memory (assets.ts)
/// sits in front of them: a host only ever sees a file it has not stored yet.
import path from 'node:path';
import type { ImageHostSettings } from '../../../shared/publish';
import { PublishError } from '../errors';
import type { FetchLike } from '../http';
import type { LocalAsset, OutgoingPost, PreviewPayload, Publisher, RemoteAsset, RemotePost, RemoteSnapshot } from '../publisher';
import { CommandImageHost } from './command';
import { GitImageHost } from './git';
import { S3ImageHost } from './s3';

export interface ImageHost {
  /// "S3 bucket photos at s3.example.com": how messages name the host.
  readonly label: string;
  /// Checks the host can be written to; says where files go.
  check(): Promise<string>;
  /// Stores the file under `key` and answers its public URL.
  store(asset: LocalAsset, key: string, onSent?: (sent: number) => void): Promise<RemoteAsset>;
  /// After a store whose answer was lost: the file if it is there already.
  find?(asset: LocalAsset, key: string): Promise<RemoteAsset | null>;
}

export interface ImageHostOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  now?: () => number;
}

export function createImageHost(settings: ImageHostSettings, secret: string | null, options: ImageHostOptions = {}): ImageHost {
  switch (settings.type) {
    case 's3':
      if (!secret) throw new PublishError('auth', `No secret access key is saved for the access key ${settings.accessKeyId} at ${settings.endpoint}. Add it in the image host’s settings.`);
      return new S3ImageHost(settings, secret, options);
    case 'git':
      return new GitImageHost(settings, options);
    case 'command':
      return new CommandImageHost(settings, secret !== null);
  }
}

/// `2026/11/leaky-gut-figure-1-3f9a2c.webp`: the month it went up, a readable name and the start
/// of the content hash (two different files of one name never meet).
export function objectKey(asset: LocalAsset, now: number): string {
  const date = new Date(now);
  const month = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  const ext = path.posix.extname(asset.file).slice(1).toLowerCase().replace(/[^a-z0-9]/g, '');
  const base = path.posix.basename(asset.file, path.posix.extname(asset.file));
  const readable = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'image';
  return `${month}/${readable}-${asset.hash.slice(0, 6)}${ext ? `.${ext}` : ''}`;
}

/// An image host as the pipeline sees a target: it uploads assets and holds no posts.
export class ImageHostPublisher implements Publisher {
  readonly capabilities = { assets: 'upload', canonicalUrl: false, categories: false } as const;
  readonly label: string;
  private readonly now: () => number;

  constructor(
    private readonly name: string,
    private readonly host: ImageHost,
    options: { now?: () => number } = {},
  ) {
    this.label = host.label;
    this.now = options.now ?? Date.now;
  }

  check(): Promise<string> {
    return this.host.check();
  }

  uploadAsset(asset: LocalAsset, onSent?: (sent: number) => void): Promise<RemoteAsset> {
    return this.host.store(asset, objectKey(asset, this.now()), onSent);
  }

  async findAsset(asset: LocalAsset): Promise<RemoteAsset | null> {
    return this.host.find ? this.host.find(asset, objectKey(asset, this.now())) : null;
  }

  find(): Promise<RemoteSnapshot | null> {
    return Promise.reject(this.noPosts());
  }

  get(): Promise<RemoteSnapshot | null> {
    return Promise.reject(this.noPosts());
  }

  create(): Promise<RemotePost> {
    return Promise.reject(this.noPosts());
  }

  update(): Promise<RemotePost> {
    return Promise.reject(this.noPosts());
  }

  holds(): boolean {
    return false;
  }

  remoteHtml(): string {
    return '';
  }

  payload(post: OutgoingPost): PreviewPayload {
    void post;
    throw this.noPosts();
  }

  noPosts(): PublishError {
    return new PublishError('invalid', `“${this.name}” is an image host: it keeps the images of other targets, not posts. Publish to a blog target; it names “${this.name}” for its images in its settings.`);
  }
}
