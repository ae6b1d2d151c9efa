/// The posts of a connected WordPress target, read over its REST API with the target's
/// application password: drafts and scheduled posts too (`status=any`, edit context, so titles
/// and bodies come raw). Oldest first by id, so posts written during a long import land on the
/// last page instead of shifting the ones not read yet.
import { assertBound, openSecret, originOf } from '../publish/bound-secret';
import { PublishError } from '../publish/errors';
import { wordPressStamp } from '../publish/wordpress';
import { httpRequest, kindOfStatus, retryAfterMs, siteName, type FetchLike, type HttpReply } from '../publish/http';
import { sourceId, type ImportPage, type ImportSource, type RemotePost } from './source';
import { safeDecode, statusOf } from './wxr-source';

export interface WordPressSourceSettings {
  /// The publishing target's name: imported posts record `publish.<target>`.
  target: string;
  siteUrl: string;
  username: string;
}

export interface WordPressSourceOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  perPage?: number;
}

type Json = Record<string, unknown>;

export class WordPressSource implements ImportSource {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  readonly fetch: FetchLike;
  private readonly host: string;
  private root: Promise<(route: string) => URL> | null = null;
  private readonly names = { tags: new Map<number, string>(), categories: new Map<number, string>(), media: new Map<number, string>() };

  private readonly password: string;
  /// The origin the application password was saved for.
  private readonly bound: string;

  constructor(
    private readonly settings: WordPressSourceSettings,
    secret: string,
    private readonly options: WordPressSourceOptions = {},
  ) {
    ({ value: this.password, origin: this.bound } = openSecret(secret, originOf(settings.siteUrl)));
    this.target = settings.target;
    this.id = sourceId('wordpress', settings.target);
    this.host = siteName(settings.siteUrl);
    this.label = `WordPress at ${this.host}`;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    const perPage = String(this.options.perPage ?? 100);
    for (let page = 1; ; page++) {
      signal.throwIfAborted();
      const query = { context: 'edit', status: 'any', per_page: perPage, page: String(page), orderby: 'id', order: 'asc' };
      const reply = await this.get('/wp/v2/posts', query, 'list the posts', signal, true);
      // Past the last page WordPress answers 400 rest_post_invalid_page_number.
      if (reply === null) return;
      const posts = (Array.isArray(reply.json) ? reply.json : []) as Json[];
      if (posts.length === 0) return;
      await this.learnNames(posts, signal);
      const total = Number(reply.headers.get('x-wp-total'));
      yield { posts: posts.flatMap((p) => this.toRemote(p)), total: Number.isFinite(total) && total > 0 ? total : null };
      const pages = Number(reply.headers.get('x-wp-totalpages'));
      if (Number.isFinite(pages) && page >= pages) return;
    }
  }

  private toRemote(p: Json): RemotePost[] {
    const status = statusOf(String(p.status ?? ''));
    if (!status) return [];
    const featured = Number(p.featured_media ?? 0);
    const modifiedGmt = p.modified_gmt ? `${String(p.modified_gmt)}Z` : null;
    return [
      {
        remoteId: String(p.id),
        title: raw(p.title),
        slug: safeDecode(String(p.slug || p.generated_slug || '')),
        html: raw(p.content),
        status,
        date: gmt(p.date_gmt) ?? gmt(p.date),
        modified: modifiedGmt ? new Date(modifiedGmt).toISOString() : null,
        tags: this.namesOf('tags', p.tags),
        categories: this.namesOf('categories', p.categories),
        excerpt: raw(p.excerpt).trim() || null,
        url: String(p.link ?? ''),
        featuredImageUrl: featured > 0 ? (this.names.media.get(featured) ?? null) : null,
        featuredImageId: featured > 0 ? String(featured) : null,
        remoteModified: wordPressStamp(p),
      },
    ];
  }

  private namesOf(taxonomy: 'tags' | 'categories', ids: unknown): string[] {
    const list = Array.isArray(ids) ? (ids as number[]) : [];
    return [...new Set(list.flatMap((id) => this.names[taxonomy].get(id) ?? []))];
  }

  /// The names of this page's terms and the addresses of its featured images, in one call each.
  private async learnNames(posts: Json[], signal: AbortSignal): Promise<void> {
    const wanted = (field: string, known: Map<number, string>) => [
      ...new Set(posts.flatMap((p) => (Array.isArray(p[field]) ? (p[field] as number[]) : [Number(p[field] ?? 0)])).filter((id) => id > 0 && !known.has(id))),
    ];
    for (const [field, route, map] of [
      ['tags', '/wp/v2/tags', this.names.tags],
      ['categories', '/wp/v2/categories', this.names.categories],
      ['featured_media', '/wp/v2/media', this.names.media],
    ] as const) {
      const ids = wanted(field, map);
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        const reply = await this.get(route, { include: chunk.join(','), per_page: '100', context: field === 'featured_media' ? 'edit' : 'view' }, `read the ${field === 'featured_media' ? 'featured images' : field}`, signal);
        for (const item of (Array.isArray(reply?.json) ? reply.json : []) as Json[]) {
          map.set(Number(item.id), field === 'featured_media' ? String(item.source_url ?? '') : decodeEntities(String(item.name ?? '')));
        }
      }
    }
  }

  private async get(route: string, query: Record<string, string>, what: string, signal: AbortSignal, pastEndIsNull = false): Promise<HttpReply | null> {
    assertBound(this.settings.siteUrl, this.bound);
    const url = (await this.api())(route);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    signal.throwIfAborted();
    const reply = await httpRequest(this.fetch, url.href, { method: 'GET', headers: this.headers(), timeoutMs: this.options.timeoutMs ?? 60_000, bound: this.bound }, this.host);
    signal.throwIfAborted();
    if (reply.status >= 200 && reply.status < 300 && reply.json !== undefined) return reply;
    const code = (reply.json as { code?: string } | undefined)?.code;
    if (pastEndIsNull && reply.status === 400 && code === 'rest_post_invalid_page_number') return null;
    const kind = reply.status < 300 ? 'rejected' : kindOfStatus(reply.status);
    const hint = kind === 'auth' ? ' The application password may have been revoked: update the target.' : kind === 'permission' ? ` ${this.settings.username} may not read drafts there (Author role or above is needed).` : '';
    throw new PublishError(kind, `${this.label} did not let Postwright ${what} (HTTP ${reply.status}).${hint}`, { retryAfterMs: retryAfterMs(reply.headers), cause: reply.json });
  }

  private headers(): Record<string, string> {
    return { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${this.settings.username}:${this.password}`).toString('base64')}` };
  }

  /// `/wp-json/` where pretty permalinks work, `?rest_route=` where they are off.
  private api(): Promise<(route: string) => URL> {
    this.root ??= (async () => {
      const site = this.settings.siteUrl.replace(/\/+$/, '');
      const timeoutMs = this.options.timeoutMs ?? 60_000;
      const pretty = await httpRequest(this.fetch, `${site}/wp-json/`, { method: 'GET', timeoutMs }, this.host);
      if ([200, 401, 403].includes(pretty.status) && pretty.json !== undefined) return (route: string) => new URL(`${site}/wp-json${route}`);
      const plain = await httpRequest(this.fetch, `${site}/?rest_route=/`, { method: 'GET', timeoutMs }, this.host);
      if (plain.status === 200 && plain.json !== undefined) return (route: string) => Object.assign(new URL(`${site}/`), { search: `?rest_route=${encodeURIComponent(route)}` });
      throw new PublishError('not-found', `${site} does not look like a WordPress site with its REST API on (no answer at /wp-json/).`);
    })();
    this.root.catch(() => (this.root = null));
    return this.root;
  }
}

function raw(field: unknown): string {
  return String((field as { raw?: unknown } | undefined)?.raw ?? '');
}

/// WordPress's "2024-01-02T10:00:00" fields, GMT ones without a zone.
function gmt(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&#039;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
