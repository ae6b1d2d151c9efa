/// Ghost through its Admin API, signed with a custom integration's Admin API key (`id:secret`):
/// every request carries a fresh HS256 token that lives five minutes. The article goes in as
/// Lexical, Ghost's editor format, with native nodes where Ghost has them and HTML cards for the
/// rest (see ghost-lexical/), so the blogger edits ordinary paragraphs and cards in Ghost. The
/// post's key goes in the post's footer code injection (an HTML comment, set on create only, so
/// the blogger's own injection survives updates): it finds a post whose create answer was lost.
import { createHash, createHmac } from 'node:crypto';
import type { PublishErrorKind } from '../../shared/publish';
import { openSecret, originOf } from './bound-secret';
import { PublishError } from './errors';
import { ghostLexical } from './ghost-lexical';
import { ghostHtmlAsArticle } from './ghost-lexical/read-back';
import { describeDifferences, FORMULAS, lostConstructs } from './verify';
import { failureMessage, type FetchLike, httpRequest, kindOfStatus, retryAfterMs, siteName } from './http';
import type { LocalAsset, OutgoingPost, PreviewPayload, Publisher, RemoteAsset, RemotePost, RemoteSnapshot } from './publisher';

export interface GhostSettings {
  siteUrl: string;
}

export interface GhostOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  now?: () => number;
}

type Json = Record<string, unknown>;
interface Call {
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  timeoutMs?: number;
  /// "upload “a.png”": what Postwright was doing, for messages.
  what: string;
}

const ADMIN_KEY = /^([0-9a-f]{24}):([0-9a-f]{64})$/i;
const NEW_KEY = 'Create a new custom integration under Settings → Integrations in Ghost and paste its Admin API key into the target';

export class GhostPublisher implements Publisher {
  // Ghost emails posts to members, and mail clients show no SVG: diagrams go as PNG.
  readonly capabilities = { assets: 'upload', canonicalUrl: true, categories: false, svgImages: false } as const;
  readonly label: string;
  private readonly host: string;
  private readonly fetch: FetchLike;

  private readonly adminKey: string;
  /// The origin the Admin API key was saved for.
  private readonly bound: string;

  /// `secret` is the stored Admin API key, bound to the site it was saved for.
  constructor(
    private readonly settings: GhostSettings,
    secret: string,
    private readonly options: GhostOptions = {},
  ) {
    ({ value: this.adminKey, origin: this.bound } = openSecret(secret, originOf(settings.siteUrl)));
    this.host = siteName(settings.siteUrl);
    this.label = `Ghost at ${this.host}`;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async check(): Promise<string> {
    // Any authenticated read proves the key; an integration has no user of its own to ask for.
    await this.call('GET', '/posts/', { query: { limit: '1', fields: 'id' }, what: 'sign in' });
    const site = ((await this.call('GET', '/site/', { what: 'read the site’s name' })) as { site?: Json }).site ?? {};
    return `the Admin API key on ${String(site.title ?? this.host)} (${this.host})`;
  }

  async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(asset.bytes)], { type: asset.mimeType }), uploadName(asset));
    form.append('purpose', 'image');
    form.append('ref', asset.file);
    const timeoutMs = this.options.uploadTimeoutMs ?? 120_000;
    const answer = (await this.call('POST', '/images/upload/', { form, timeoutMs, what: `upload “${asset.file}”` })) as { images?: Json[] };
    const url = answer.images?.[0]?.url;
    if (typeof url !== 'string') throw new PublishError('rejected', `${this.label} took “${asset.file}” but did not say where it put it. Check that the site is Ghost 5 or newer.`);
    return { id: null, url };
  }

  /// Ghost lists no uploaded images, but keeps the file name (hash first) under
  /// /content/images/YYYY/MM/ by the server's clock: an upload that arrived without an answer is
  /// there, this month or (near a month's end, in another time zone) the one before or after. A
  /// site that stores images elsewhere (a storage adapter) finds nothing: the image goes again.
  async findAsset(asset: LocalAsset): Promise<RemoteAsset | null> {
    const now = new Date(this.options.now?.() ?? Date.now());
    const months = [0, -1, 1].map((offset) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)));
    for (const month of months) {
      const folder = `${month.getUTCFullYear()}/${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
      const url = `${this.settings.siteUrl}/content/images/${folder}/${uploadName(asset)}`;
      const reply = await httpRequest(this.fetch, url, { method: 'HEAD', timeoutMs: this.options.timeoutMs ?? 30_000 }, this.host);
      if (reply.status === 200 && (reply.headers.get('content-type') ?? '').startsWith('image/')) return { id: null, url };
    }
    return null;
  }

  async find(post: OutgoingPost): Promise<RemoteSnapshot | null> {
    // Keys are `pw-` and hex, nothing NQL would read as syntax.
    const query = { filter: `codeinjection_foot:~'postwright ${post.key}'`, limit: '5', formats: 'html' };
    const { posts = [] } = (await this.call('GET', '/posts/', { query, what: 'look for the post' })) as { posts?: Json[] };
    const hit = posts.find((p) => String(p.codeinjection_foot ?? '').includes(marker(post.key)));
    return hit ? snapshot(hit) : null;
  }

  async get(id: string): Promise<RemoteSnapshot | null> {
    try {
      const { posts = [] } = (await this.call('GET', `/posts/${encodeURIComponent(id)}/`, { query: { formats: 'html' }, what: 'read the post' })) as { posts?: Json[] };
      return posts[0] ? snapshot(posts[0]) : null;
    } catch (error) {
      if (error instanceof PublishError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  async create(post: OutgoingPost): Promise<RemotePost> {
    const json = { posts: [await this.settled(() => this.fields(post, true))] };
    return verified(post, await this.one('POST', '/posts/', { query: { formats: 'html' }, json, what: 'create the post' }));
  }

  /// `updated_at` is what Ghost had when Postwright last looked: a post changed since is refused
  /// with 409, which the pipeline turns into the conflict screen. Ghost compares whole seconds,
  /// so an edit in the same second as that look gets through; the pipeline's own check, on the
  /// stamp with its content fingerprint, has caught any edit made before it.
  async update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost> {
    const json = { posts: [{ ...(await this.settled(() => this.fields(post, false))), updated_at: updatedAt(remote) }] };
    return verified(post, await this.one('PUT', `/posts/${encodeURIComponent(remote.id)}/`, { query: { formats: 'html' }, json, what: 'update the post' }));
  }

  /// Ghost renders the Lexical it keeps into HTML of its own, so the words are compared.
  holds(remote: RemoteSnapshot, post: OutgoingPost): boolean {
    return wordsOf(remote.content) === wordsOf(post.html) && remote.title === post.title && remote.status === post.status;
  }

  remoteHtml(remote: RemoteSnapshot): string {
    return ghostHtmlAsArticle(remote.content);
  }

  payload(post: OutgoingPost): PreviewPayload {
    return { fields: this.fields(post, true), files: [] };
  }

  /// Building the Lexical can hold the event loop for seconds (the converter loads on first
  /// use). A kept-alive connection Ghost closed meanwhile must be seen closed before the post is
  /// sent, or it goes out on a dead socket ("other side closed"): after a long hold, let the
  /// network catch up first.
  private async settled(build: () => Json): Promise<Json> {
    const started = Date.now();
    const fields = build();
    if (Date.now() - started > 1000) await new Promise((resolve) => setTimeout(resolve, 300));
    return fields;
  }

  private fields(post: OutgoingPost, creating: boolean): Json {
    const fields: Json = {
      title: post.title,
      slug: post.slug,
      lexical: ghostLexical(post.html),
      status: post.status, // Ghost's words are Postwright's: draft, published, scheduled
      tags: post.tags.map((name) => ({ name })),
      custom_excerpt: post.excerpt,
      canonical_url: post.canonicalUrl,
      feature_image: post.cover?.url ?? null,
    };
    if (creating) fields.codeinjection_foot = marker(post.key);
    const date = this.publishedAt(post, creating);
    if (date) fields.published_at = date;
    return fields;
  }

  /// A day without a time that is today means "now"; on an update, a bare day leaves the date
  /// Ghost has alone, so republishing does not move the post to midnight.
  private publishedAt(post: OutgoingPost, creating: boolean): string | null {
    if (!post.date) return null;
    if (post.dateIsDay && post.status !== 'scheduled') {
      const today = new Date(this.options.now?.() ?? Date.now()).toISOString().slice(0, 10);
      if (!creating || post.date.slice(0, 10) === today) return null;
    }
    return new Date(post.date).toISOString();
  }

  private async one(method: string, route: string, call: Call): Promise<Json> {
    const post = ((await this.call(method, route, call)) as { posts?: Json[] }).posts?.[0];
    if (!post) throw new PublishError('rejected', `${this.label} did not answer like a Ghost site when Postwright tried to ${call.what}. Check the site address in the target’s settings.`);
    return post;
  }

  private async call(method: string, route: string, call: Call): Promise<unknown> {
    const url = new URL(`${this.settings.siteUrl}/ghost/api/admin${route}`);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Version': 'v5.0', Authorization: `Ghost ${this.token()}` };
    let body: BodyInit | undefined = call.form;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    const reply = await httpRequest(this.fetch, url.href, { method, headers, body, timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 30_000, bound: this.bound }, this.host);
    if (reply.status >= 200 && reply.status < 300) {
      if (reply.json === undefined) throw new PublishError('rejected', `${this.label} did not answer like a Ghost site when Postwright tried to ${call.what}. Check the site address in the target’s settings.`);
      return reply.json;
    }
    const error = ((reply.json ?? {}) as { errors?: Array<{ message?: string; context?: string | null; type?: string }> }).errors?.[0] ?? {};
    const said = [...new Set([error.message, error.context].filter((s): s is string => typeof s === 'string' && s.trim() !== ''))].join(' ');
    // Ghost answers a route it does not have with an HTML page: no Ghost there at all.
    const kind = reply.status === 404 && reply.json === undefined ? 'not-found' : kindOfStatus(reply.status);
    const message = reply.status === 404 && reply.json === undefined ? `${this.settings.siteUrl} does not look like a Ghost site (no Admin API at /ghost/api/admin/). Check the site address in the target’s settings.` : this.message(kind, reply.status, call.what, said);
    return Promise.reject(new PublishError(kind, message, { retryAfterMs: retryAfterMs(reply.headers), cause: reply.json }));
  }

  private message(kind: PublishErrorKind, status: number, what: string, said: string): string {
    const quoted = said ? ` (Ghost said: “${said}”)` : '';
    switch (kind) {
      case 'auth':
        return `Ghost refused the Admin API key for ${this.host}: it may have been deleted, regenerated or mistyped${quoted}. ${NEW_KEY}.`;
      case 'permission':
        return `${this.label} did not allow this Admin API key to ${what}${quoted}. Use the Admin API key of a custom integration (Settings → Integrations), not a Content API key or a staff token with a lesser role.`;
      case 'not-found':
        return `${this.label} has nothing at the address Postwright used to ${what}${quoted}. Check the site address in the target’s settings.`;
      case 'conflict':
        return `The post was changed on ${this.label} while Postwright was publishing it${quoted}. Nothing was overwritten; compare the two versions and choose which to keep.`;
      default:
        return failureMessage(this.label, kind, status, what, quoted);
    }
  }

  /// A token per request, so none outlives a long upload queue; Ghost refuses ones that live
  /// longer than five minutes. The clock is the real one: Ghost checks it against its own.
  private token(): string {
    const match = ADMIN_KEY.exec(this.adminKey.trim());
    if (!match) throw new PublishError('auth', `The key saved for ${this.label} is not an Admin API key (it looks like 24 hex digits, a colon, then 64). ${NEW_KEY}.`);
    return adminToken(match[1]!, match[2]!, Date.now());
  }
}

/// The Admin API's JWT: HS256 with the hex-decoded secret, the key's id as `kid`.
export function adminToken(id: string, secret: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT', kid: id })}.${part({ iat, exp: iat + 5 * 60, aud: '/admin/' })}`;
  return `${unsigned}.${createHmac('sha256', Buffer.from(secret, 'hex')).update(unsigned).digest('base64url')}`;
}

function marker(key: string): string {
  return `<!-- postwright ${key} -->`;
}

function wordsOf(html: string): string {
  const text = html.replace(/<annotation[\s\S]*?<\/annotation>/g, '').replace(/<[^>]*>/g, '');
  return text.replace(/&[#\w]+;/g, ' ').replace(/\s+/g, '');
}

function snapshot(p: Json): RemoteSnapshot {
  return { ...written(p), title: String(p.title ?? ''), content: String(p.html ?? ''), status: String(p.status ?? '') };
}

/// The stamp: Ghost's `updated_at` (what it checks an update against) and a fingerprint of the
/// content, as `updated_at` counts whole seconds. Create and update answer with the html too.
/// The import records it as well (from a post read with `formats=html`), so the first publish
/// after an import updates the post in place.
export function ghostStamp(p: Json): string {
  const updated = typeof p.updated_at === 'string' ? p.updated_at : null;
  const fingerprint = createHash('sha256').update(`${String(p.title ?? '')}\0${String(p.html ?? '')}\0${String(p.status ?? '')}`).digest('hex').slice(0, 16);
  return `${updated ?? '?'} ${fingerprint}`;
}

function written(p: Json): RemotePost {
  const updated = typeof p.updated_at === 'string' ? p.updated_at : null;
  return { id: String(p.id), url: String(p.url ?? ''), modified: ghostStamp(p), modifiedAt: updated };
}

/// The written post, with what Ghost's rendering of it lost against what was sent, in plain
/// words (formulas, players, styles, anchors): Ghost answers a write with its own HTML.
function verified(post: OutgoingPost, p: Json): RemotePost {
  const result = written(p);
  if (typeof p.html !== 'string') return result;
  const differences = lostConstructs(post.html, p.html);
  if (differences.length === 0) return result;
  const mathStripped = differences.some((d) => d.what === FORMULAS);
  const warnings = describeDifferences(differences, 'Ghost');
  if (mathStripped) warnings.push('Choose “Publish math as images” for this target to send the formulas as images.');
  return { ...result, warnings, ...(mathStripped ? { mathStripped } : {}) };
}

function updatedAt(remote: RemoteSnapshot): string | null {
  const stamp = remote.modified?.split(' ')[0];
  return stamp && stamp !== '?' ? stamp : (remote.modifiedAt ?? null);
}

/// Lower-case ASCII (Ghost cleans names up itself, so this is what it keeps), hash first so
/// findAsset can look for it.
function uploadName(asset: LocalAsset): string {
  const base = asset.file.split('/').pop() ?? 'file';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  const ext = dot > 0 ? base.slice(dot + 1).replace(/[^A-Za-z0-9]/g, '').toLowerCase() : 'bin';
  return `${asset.hash.slice(0, 12)}-${stem || 'file'}.${ext}`;
}
