/// The posts of a connected Ghost target, read over its Admin API with the target's Admin API
/// key: drafts and scheduled posts too, as rendered HTML (`formats=html`) with their tags. Oldest
/// first, so posts written during a long import land on the last page instead of shifting the
/// ones not read yet. Each post records the stamp the Ghost publisher records, so the first
/// publish after the import updates the post in place.
import type { PublishStatus } from '../../shared/publish';
import { openSecret, originOf } from '../publish/bound-secret';
import { PublishError } from '../publish/errors';
import { adminToken, ghostStamp } from '../publish/ghost';
import { httpRequest, kindOfStatus, retryAfterMs, siteName, type FetchLike } from '../publish/http';
import { ghostHtmlAsArticle } from '../publish/ghost-lexical/read-back';
import { sourceId, type ImportPage, type ImportSource, type RemotePost } from './source';

export interface GhostSourceSettings {
  /// The publishing target's name: imported posts record `publish.<target>`.
  target: string;
  siteUrl: string;
}

export interface GhostSourceOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  perPage?: number;
}

type Json = Record<string, unknown>;

const ADMIN_KEY = /^([0-9a-f]{24}):([0-9a-f]{64})$/i;

export class GhostSource implements ImportSource {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  readonly fetch: FetchLike;
  private readonly host: string;
  private readonly site: string;

  private readonly adminKey: string;
  /// The origin the Admin API key was saved for.
  private readonly bound: string;

  constructor(
    settings: GhostSourceSettings,
    secret: string,
    private readonly options: GhostSourceOptions = {},
  ) {
    ({ value: this.adminKey, origin: this.bound } = openSecret(secret, originOf(settings.siteUrl)));
    this.target = settings.target;
    this.site = settings.siteUrl.replace(/\/+$/, '');
    this.id = sourceId('ghost', settings.target);
    this.host = siteName(settings.siteUrl);
    this.label = `Ghost at ${this.host}`;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    const limit = String(this.options.perPage ?? 50);
    for (let page = 1; ; page++) {
      signal.throwIfAborted();
      const query = { formats: 'html', include: 'tags', limit, page: String(page), order: 'created_at asc', filter: 'status:[draft,published,scheduled]' };
      const answer = (await this.get('/posts/', query, 'list the posts', signal)) as { posts?: Json[]; meta?: { pagination?: { pages?: number; total?: number } } };
      const posts = Array.isArray(answer.posts) ? answer.posts : [];
      if (posts.length === 0) return;
      const total = Number(answer.meta?.pagination?.total);
      yield { posts: posts.flatMap((p) => toRemote(p)), total: Number.isFinite(total) && total > 0 ? total : null };
      const pages = Number(answer.meta?.pagination?.pages);
      if (!Number.isFinite(pages) || page >= pages) return;
    }
  }

  private async get(route: string, query: Record<string, string>, what: string, signal: AbortSignal): Promise<unknown> {
    const url = new URL(`${this.site}/ghost/api/admin${route}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    signal.throwIfAborted();
    const headers = { Accept: 'application/json', 'Accept-Version': 'v5.0', Authorization: `Ghost ${this.token()}` };
    const reply = await httpRequest(this.fetch, url.href, { method: 'GET', headers, timeoutMs: this.options.timeoutMs ?? 60_000, bound: this.bound }, this.host);
    signal.throwIfAborted();
    if (reply.status >= 200 && reply.status < 300 && reply.json !== undefined) return reply.json;
    if (reply.json === undefined && (reply.status === 404 || reply.status < 300)) {
      throw new PublishError('not-found', `${this.site} does not look like a Ghost site (no Admin API at /ghost/api/admin/). Check the site address in the target’s settings.`);
    }
    const error = ((reply.json ?? {}) as { errors?: Array<{ message?: string; context?: string | null }> }).errors?.[0] ?? {};
    const said = [...new Set([error.message, error.context].filter((s): s is string => typeof s === 'string' && s.trim() !== ''))].join(' ');
    const kind = kindOfStatus(reply.status);
    const hint = kind === 'auth' ? ' The Admin API key may have been deleted or regenerated: update the target.' : '';
    throw new PublishError(kind, `${this.label} did not let Postwright ${what} (HTTP ${reply.status}${said ? `: “${said}”` : ''}).${hint}`, { retryAfterMs: retryAfterMs(reply.headers), cause: reply.json });
  }

  private token(): string {
    const match = ADMIN_KEY.exec(this.adminKey.trim());
    if (!match) throw new PublishError('auth', `The key saved for ${this.label} is not an Admin API key (it looks like 24 hex digits, a colon, then 64). Paste a custom integration’s Admin API key into the target.`);
    return adminToken(match[1]!, match[2]!, Date.now());
  }
}

/// A Ghost post (Admin API or export shape) as a RemotePost; null for a status Postwright has
/// no word for (`sent`: an email-only newsletter post).
export function ghostStatus(status: unknown): PublishStatus | null {
  return status === 'draft' || status === 'published' || status === 'scheduled' ? status : null;
}

function toRemote(p: Json): RemotePost[] {
  const status = ghostStatus(p.status);
  if (!status) return [];
  const tags = (Array.isArray(p.tags) ? (p.tags as Json[]) : []).map((t) => String(t.name ?? '')).filter(Boolean);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return [
    {
      remoteId: String(p.id),
      title: String(p.title ?? ''),
      slug: String(p.slug ?? ''),
      html: ghostHtmlAsArticle(String(p.html ?? '')),
      status,
      date: isoOrNull(p.published_at),
      modified: isoOrNull(p.updated_at),
      tags: [...new Set(tags)],
      categories: [],
      excerpt: text(p.custom_excerpt),
      url: String(p.url ?? ''),
      featuredImageUrl: text(p.feature_image),
      featuredImageId: null,
      canonicalUrl: text(p.canonical_url),
      remoteModified: ghostStamp(p),
    },
  ];
}

export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
