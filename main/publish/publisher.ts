/// The one interface every publishing backend implements (WordPress, a static site in git; Ghost
/// and Blogger later). The pipeline does everything that is the same for all of them: render,
/// collect and upload assets once, decide create or update, detect remote edits, record the
/// result. A backend only talks to its service.
import type { PublishStatus } from '../../shared/publish';

/// A file the post uses (an image in the body or the cover), read from the post's folder.
export interface LocalAsset {
  /// As the post refers to it, relative to the post's folder: "photo.png", "img/a.jpg".
  file: string;
  /// sha256 of the bytes, hex: the same image is uploaded once per target, whatever its name.
  hash: string;
  bytes: Uint8Array;
  mimeType: string;
  /// How the post describes it (its alt text, '' when none), and a title for the blog's media
  /// library made from the alt text or the file name, never the hash.
  alt?: string;
  title?: string;
}

export interface RemoteAsset {
  url: string;
  /// The service's id for it (WordPress media id), when it has one.
  id: string | null;
}

export interface PlacedAsset {
  asset: LocalAsset;
  /// The URL the article uses for it on this target.
  url: string;
  remote: RemoteAsset | null;
}

/// What the post's front matter says about it, as every backend receives it.
export interface PostFields {
  title: string;
  slug: string;
  status: PublishStatus;
  /// ISO 8601 instant, or null for "now". `dateIsDay`: the post gave a day without a time.
  date: string | null;
  dateIsDay: boolean;
  tags: string[];
  categories: string[];
  excerpt: string | null;
  canonicalUrl: string | null;
}

/// Everything a backend needs to write one post, already rendered and with asset URLs rewritten.
export interface OutgoingPost extends PostFields {
  postId: string;
  /// A token unique to this post and target, written into the remote post so that a create whose
  /// answer was lost (timeout, dropped connection) can be found instead of created twice.
  key: string;
  /// The article HTML from the shared render pipeline, made portable (see portable-html.ts).
  html: string;
  cover: PlacedAsset | null;
  assets: PlacedAsset[];
}

export interface RemotePost {
  id: string;
  url: string;
  /// An opaque stamp that changes whenever the remote post changes (a git blob id; WordPress's
  /// modified time plus a content hash, as its clock counts whole seconds). Compared, never parsed.
  modified: string | null;
  /// When it last changed, for people; null when the service does not say.
  modifiedAt?: string | null;
  /// Images of the written article that did not answer when checked (backends that check).
  brokenImages?: string[];
  /// What the service removed or changed from what was sent, in plain words (verify.ts).
  warnings?: string[];
  /// Among those: the service removed the post's formulas (MathML).
  mathStripped?: boolean;
}

/// A remote post as it is now, for conflict detection and the conflict diff.
export interface RemoteSnapshot extends RemotePost {
  title: string;
  /// The body as stored there: HTML for WordPress, the whole file for a static site.
  content: string;
  status: string;
}

/// Where a post's images go. 'upload': to the target's media library. 'bundle': written next to
/// the post by the backend itself (static sites). 'elsewhere': the target stores no media
/// (Blogger), so they are uploaded to another target that does.
export type AssetMode = 'upload' | 'bundle' | 'elsewhere';

export interface PublisherCapabilities {
  assets: AssetMode;
  canonicalUrl: boolean;
  categories: boolean;
  /// false where SVG images are refused or lost (WordPress core allows no image/svg+xml upload;
  /// Ghost's newsletters go to mail clients that show no SVG): formulas sent as images and
  /// diagrams go there as PNG.
  svgImages?: boolean;
}

export interface PreviewPayload {
  fields: Record<string, unknown>;
  files: Array<{ path: string; text: string | null }>;
}

export interface Publisher {
  readonly capabilities: PublisherCapabilities;
  /// "WordPress at example.com": how messages name the target.
  readonly label: string;
  /// Signs in and checks the account can publish; returns who it is signed in as.
  check(): Promise<string>;
  /// What the account may not publish there, said before publishing (a WordPress role without
  /// unfiltered_html); none by default.
  cautions?(): Promise<string[]>;
  /// 'upload' mode: store one asset and say where it is.
  /// `onSent`, where the backend can tell, hears the bytes handed to the connection so far.
  uploadAsset?(asset: LocalAsset, onSent?: (sent: number) => void): Promise<RemoteAsset>;
  /// 'upload' mode, after the post is written: ties media uploaded for it to the post (WordPress).
  attachAssets?(assets: RemoteAsset[], postId: string): Promise<void>;
  /// 'upload' mode, after an upload whose answer was lost: the asset if it arrived anyway.
  findAsset?(asset: LocalAsset): Promise<RemoteAsset | null>;
  /// 'bundle' mode: the URL the article uses for an asset the backend writes beside the post.
  bundleUrl?(asset: LocalAsset, post: Pick<OutgoingPost, 'slug' | 'date' | 'status'>): string;
  /// The remote post carrying this post's key, if any (a create whose answer was lost).
  find(post: OutgoingPost): Promise<RemoteSnapshot | null>;
  /// The remote post as it is now; null when it no longer exists.
  get(id: string): Promise<RemoteSnapshot | null>;
  create(post: OutgoingPost): Promise<RemotePost>;
  /// `remote` is what get() returned; a backend with its own edit check (Ghost's updated_at)
  /// sends remote.modified and answers a clash with PublishError('conflict').
  update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost>;
  /// True when the remote already holds exactly this post: our own write whose answer was lost.
  holds(remote: RemoteSnapshot, post: OutgoingPost): boolean | Promise<boolean>;
  /// The remote's body as article HTML, for bringing a remote edit into the post.
  remoteHtml(remote: RemoteSnapshot): string;
  /// Exactly what create/update would send, for the dry run.
  payload(post: OutgoingPost): PreviewPayload | Promise<PreviewPayload>;
}
