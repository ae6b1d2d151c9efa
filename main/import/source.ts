/// What every import source gives: the blog's posts, page by page, in one shape. A source only
/// reads its service or file; runImport does the rest (convert, download images, write, remember).
import { createHash } from 'node:crypto';
import type { PublishStatus } from '../../shared/publish';

export interface RemotePost {
  /// The service's own id: WordPress post id, Blogger's `tag:blogger.com,1999:blog-1.post-2`.
  remoteId: string;
  title: string;
  slug: string;
  /// The body as the service stores it.
  html: string;
  status: PublishStatus;
  /// ISO 8601 instant; null when the service has none (an undated draft).
  date: string | null;
  /// When it last changed there, ISO 8601, for people and change detection.
  modified: string | null;
  tags: string[];
  categories: string[];
  excerpt: string | null;
  url: string;
  featuredImageUrl?: string | null;
  /// Where the post's canonical copy is (Ghost's `canonical_url`), written as `canonical_url`.
  canonicalUrl?: string | null;
  /// Connected targets only: the stamp that target's Publisher records as `remote_modified`,
  /// so the next publish sees the post as unchanged there and updates it in place.
  remoteModified?: string | null;
  /// Connected targets only: the target's id for the featured image, so a publish keeps it.
  featuredImageId?: string | null;
  /// Connected targets only: the same post as an export file's import knew it (a Blogger post is
  /// also an entry of the blog's Atom export), so a post imported from that file is taken over
  /// instead of imported twice. `source` names that import's ledger, `remoteId` is its key there,
  /// `url` the address that import wrote as `imported_from`.
  fileImport?: { source: string; remoteId: string; url: string | null };
  /// Image address -> the file name it has beside the post on the site (a static site's page
  /// bundle), kept instead of a name made from its hash.
  imageNames?: Record<string, string>;
}

export interface ImportPage {
  posts: RemotePost[];
  /// How many posts the whole import has, when the source knows.
  total: number | null;
}

export interface ImportSource {
  /// Names the import's ledger (`.postwright/imports/<id>.json`): plain letters, digits, dashes.
  readonly id: string;
  /// "WordPress at example.com", "the WordPress export blog.xml": how messages name it.
  readonly label: string;
  /// The publishing target the posts come from; posts then record `publish.<target>`. Null for files.
  readonly target: string | null;
  pages(signal: AbortSignal): AsyncIterable<ImportPage>;
  /// How images are fetched; a source that needs sign-in for them can supply its own.
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/// An export file: parsed whole up front, so a bad file fails before anything is written,
/// then handed out in pages like a remote source.
export class ExportFileSource implements ImportSource {
  readonly target = null;

  constructor(
    readonly id: string,
    readonly label: string,
    private readonly posts: RemotePost[],
    private readonly pageSize = 50,
  ) {}

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    for (let i = 0; i < this.posts.length; i += this.pageSize) {
      signal.throwIfAborted();
      yield { posts: this.posts.slice(i, i + this.pageSize), total: this.posts.length };
    }
  }
}

/// Everything an import takes from a remote post, as one hash: a different one means it changed there.
export function versionOf(post: RemotePost): string {
  const { title, slug, html, status, date, tags, categories, excerpt, featuredImageUrl } = post;
  // `canonical` only when set, so the versions of sources without one stay as they were.
  const json = JSON.stringify({ title, slug, html, status, date, tags, categories, excerpt, featured: featuredImageUrl ?? null, canonical: post.canonicalUrl ?? undefined });
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/// A ledger name from anything: "blog", "example.com", a file name.
export function sourceId(kind: string, name: string): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${kind}-${clean || createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}
