/// WordPress through its REST API, signed in with an Application Password over Basic auth.
/// The article goes in as the block editor's own blocks (wp-blocks/), so the blogger edits an
/// ordinary post there; a target set to the Classic Editor gets the article HTML as it is. The
/// post's key, written into the content, finds a post whose create answer was lost.
import { createHash } from 'node:crypto';
import type { PublishErrorKind } from '../../shared/publish';
import { assertBound, openSecret, originOf } from './bound-secret';
import { PublishError } from './errors';
import { failureMessage, type FetchLike, httpRequest, kindOfStatus, retryAfterMs, siteName } from './http';
import type { LocalAsset, OutgoingPost, PreviewPayload, Publisher, RemoteAsset, RemotePost, RemoteSnapshot } from './publisher';
import { htmlToBlocks } from './wp-blocks/html-to-blocks';
import { serializeBlocks, warmBlockSerializer } from './wp-blocks/serialize';
import { compareStored, describeDifferences, FORMULAS } from './verify';

export interface WordPressSettings {
  siteUrl: string;
  username: string;
  /// 'classic' for sites on the Classic Editor: the article HTML instead of blocks.
  editor?: 'blocks' | 'classic';
  /// 'images': formulas are sent as images, so WordPress has none to remove.
  math?: 'markup' | 'images';
}

export interface WordPressOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  now?: () => number;
}

type Json = Record<string, unknown>;
interface Call {
  query?: Record<string, string>;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /// "upload “a.png”": what Postwright was doing, for messages.
  what: string;
}

export class WordPressPublisher implements Publisher {
  // WordPress refuses SVG uploads unless a plugin allows them: formulas and diagrams go as PNG.
  readonly capabilities = { assets: 'upload', canonicalUrl: false, categories: true, svgImages: false } as const;
  readonly label: string;
  private readonly host: string;
  private readonly fetch: FetchLike;
  private root: Promise<(route: string) => URL> | null = null;
  private readonly terms = new Map<string, number>();
  private readonly password: string;
  /// The origin the application password was saved for.
  private readonly bound: string;
  /// The content last made, by what it was made from: holds(), payload() and the write share it.
  private made: { from: string; content: Promise<string> } | null = null;

  /// `secret` is the stored application password, bound to the site it was saved for.
  constructor(
    private readonly settings: WordPressSettings,
    secret: string,
    private readonly options: WordPressOptions = {},
  ) {
    ({ value: this.password, origin: this.bound } = openSecret(secret, originOf(settings.siteUrl)));
    this.host = siteName(settings.siteUrl);
    this.label = `WordPress at ${this.host}`;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async check(): Promise<string> {
    const me = (await this.call('GET', '/wp/v2/users/me', { query: { context: 'edit' }, what: 'sign in' })) as Json;
    const caps = (me.capabilities ?? {}) as Record<string, boolean>;
    if (!caps.edit_posts) throw new PublishError('permission', `${this.settings.username} can sign in to ${this.label} but may not write posts. Ask the site’s admin for the Author role or above.`);
    return `${String(me.name ?? this.settings.username)} on ${this.host}`;
  }

  /// The media library shows the title (from the alt text or the file name) and keeps the alt
  /// text, so the image block WordPress makes of it is described too.
  async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    const headers = { 'Content-Type': asset.mimeType, 'Content-Disposition': `attachment; filename="${uploadName(asset)}"` };
    const timeoutMs = this.options.uploadTimeoutMs ?? 120_000;
    const query: Record<string, string> = {};
    if (asset.title) query.title = asset.title;
    if (asset.alt) query.alt_text = asset.alt;
    const media = (await this.call('POST', '/wp/v2/media', { body: asset.bytes, headers, query, timeoutMs, what: `upload “${asset.file}”` })) as Json;
    return { id: String(media.id), url: String(media.source_url) };
  }

  /// "Uploaded to" the post in the media library; media already attached elsewhere stay there.
  async attachAssets(assets: RemoteAsset[], postId: string): Promise<void> {
    for (const asset of assets) {
      if (asset.id) await this.call('POST', `/wp/v2/media/${encodeURIComponent(asset.id)}`, { json: { post: Number(postId) }, what: 'attach an image to the post' });
    }
  }

  /// Uploads are named after their hash, so one that arrived without an answer can be found.
  async findAsset(asset: LocalAsset): Promise<RemoteAsset | null> {
    const tag = asset.hash.slice(0, 12);
    const found = (await this.call('GET', '/wp/v2/media', { query: { search: tag, per_page: '20', context: 'edit' }, what: `look for “${asset.file}”` })) as Json[];
    const hit = found.find((m) => String(m.source_url ?? '').includes(tag));
    return hit ? { id: String(hit.id), url: String(hit.source_url) } : null;
  }

  async find(post: OutgoingPost): Promise<RemoteSnapshot | null> {
    const query = { search: post.key, status: 'any', context: 'edit', per_page: '10' };
    const found = (await this.call('GET', '/wp/v2/posts', { query, what: 'look for the post' })) as Json[];
    const hit = found.find((p) => raw(p.content).includes(marker(post.key)) || raw(p.content).includes(blockMarker(post.key)));
    return hit ? snapshot(hit) : null;
  }

  async get(id: string): Promise<RemoteSnapshot | null> {
    try {
      return snapshot((await this.call('GET', `/wp/v2/posts/${encodeURIComponent(id)}`, { query: { context: 'edit' }, what: 'read the post' })) as Json);
    } catch (error) {
      if (error instanceof PublishError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  async create(post: OutgoingPost): Promise<RemotePost> {
    const json = await this.fields(post, true);
    return this.verified((await this.call('POST', '/wp/v2/posts', { json, what: 'create the post' })) as Json, String(json.content));
  }

  async update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost> {
    const json = await this.fields(post, false);
    return this.verified((await this.call('POST', `/wp/v2/posts/${encodeURIComponent(remote.id)}`, { json, what: 'update the post' })) as Json, String(json.content));
  }

  /// WordPress answers a write with the post as it stored it (edit context: the raw content after
  /// its filters). What it removed is said in plain words, with what the blogger can do.
  private async verified(stored: Json, sent: string): Promise<RemotePost> {
    const post = written(stored);
    // An answer without the raw content (a proxy or plugin trimming it) leaves nothing to compare.
    if (typeof (stored.content as { raw?: unknown } | undefined)?.raw !== 'string') return post;
    const differences = compareStored(sent, raw(stored.content));
    if (differences.length === 0) return post;
    const lines = describeDifferences(differences, this.label);
    const caps = await this.roleCapabilities().catch(() => null);
    if (caps && !caps.unfiltered_html) lines.push(UNFILTERED_FIX(this.settings.username));
    const mathStripped = differences.some((d) => d.what === FORMULAS);
    if (mathStripped) lines.push(MATH_FIX);
    return { ...post, warnings: lines, ...(mathStripped ? { mathStripped } : {}) };
  }

  /// Before publishing: what this account's role will make WordPress remove from posts.
  async cautions(): Promise<string[]> {
    const caps = await this.roleCapabilities();
    if (caps.unfiltered_html) return [];
    const images = this.settings.math === 'images';
    const removed = images ? 'embedded players other than YouTube and Vimeo, and other HTML it does not allow (formulas go out as images, as this target is set to)' : 'formulas, embedded players other than YouTube and Vimeo, and other HTML it does not allow';
    return [`${this.settings.username} may not post raw HTML on ${this.host} (no “unfiltered_html” capability): WordPress will remove ${removed}. ${UNFILTERED_FIX(this.settings.username)}${images ? '' : ` ${MATH_FIX}`}`];
  }

  private async roleCapabilities(): Promise<Record<string, boolean>> {
    const me = (await this.call('GET', '/wp/v2/users/me', { query: { context: 'edit' }, what: 'read your role' })) as Json;
    return (me.capabilities ?? {}) as Record<string, boolean>;
  }

  /// The key marker is left out of the comparison: a post imported into another library has a
  /// key of its own there, while the blog's copy keeps the key of the library that published it.
  /// The remote was found by its id (or by this key), so the marker says nothing about the post.
  async holds(remote: RemoteSnapshot, post: OutgoingPost): Promise<boolean> {
    return withoutKey(remote.content) === withoutKey(await this.content(post)) && remote.title === post.title && remote.status === wpStatus(post);
  }

  remoteHtml(remote: RemoteSnapshot): string {
    const html = remote.content.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '').replace(/<!--\s*postwright [\w-]+\s*-->/g, '').trim();
    // Classic-editor posts keep paragraphs as blank lines; WordPress adds the <p> on display.
    if (/<(?:p|div|h[1-6]|ul|ol|table|pre|blockquote|figure)\b/i.test(html)) return html;
    return html.split(/\n\s*\n/).map((block) => `<p>${block.trim().replace(/\n/g, '<br>')}</p>`).join('\n');
  }

  async payload(post: OutgoingPost): Promise<PreviewPayload> {
    const fields: Json = { ...(await this.plainFields(post, true)), tags: post.tags, categories: post.categories, featured_media: post.cover?.url ?? null };
    return { fields, files: [] };
  }

  /// What `content` is sent for this post: the same post always gives the same text, so a
  /// republish of an unchanged post is recognised.
  content(post: OutgoingPost): Promise<string> {
    const ids = post.assets.map((p) => [p.url, p.remote?.id ?? null]);
    const from = JSON.stringify([this.settings.editor ?? 'blocks', post.key, post.html, ids]);
    if (this.made?.from !== from) {
      const content = this.settings.editor === 'classic' ? Promise.resolve(`${post.html.trim()}\n${marker(post.key)}`) : blockContent(post);
      this.made = { from, content };
      content.catch(() => this.made?.content === content && (this.made = null));
    }
    return this.made.content;
  }

  private async plainFields(post: OutgoingPost, creating: boolean): Promise<Json> {
    const fields: Json = { title: post.title, content: await this.content(post), status: wpStatus(post), slug: post.slug, excerpt: post.excerpt ?? '' };
    const date = this.dateGmt(post, creating);
    if (date) fields.date_gmt = date;
    return fields;
  }

  private async fields(post: OutgoingPost, creating: boolean): Promise<Json> {
    const fields = await this.plainFields(post, creating);
    fields.tags = await this.termIds('tags', post.tags);
    // No categories means WordPress's default one; sending [] would not change that.
    if (post.categories.length > 0) fields.categories = await this.termIds('categories', post.categories);
    fields.featured_media = post.cover?.remote?.id ? Number(post.cover.remote.id) : 0;
    return fields;
  }

  /// A day without a time that is today means "now"; on an update, a bare day leaves the date
  /// WordPress has alone, so republishing does not move the post to midnight.
  private dateGmt(post: OutgoingPost, creating: boolean): string | null {
    if (!post.date) return null;
    if (post.dateIsDay && post.status !== 'scheduled') {
      const today = new Date(this.options.now?.() ?? Date.now()).toISOString().slice(0, 10);
      if (!creating || post.date.slice(0, 10) === today) return null;
    }
    return post.date.slice(0, 19);
  }

  /// Tags and categories by name, created when missing. Two publishes racing to create the same
  /// term get `term_exists` with the id of the one that won.
  private async termIds(taxonomy: 'tags' | 'categories', names: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const cacheKey = `${taxonomy}:${name.toLowerCase()}`;
      let id = this.terms.get(cacheKey);
      if (id === undefined) {
        const what = `find the ${taxonomy === 'tags' ? 'tag' : 'category'} “${name}”`;
        const found = (await this.call('GET', `/wp/v2/${taxonomy}`, { query: { search: name, per_page: '100' }, what })) as Json[];
        id = found.find((t) => decodeEntities(String(t.name)).toLowerCase() === name.toLowerCase())?.id as number | undefined;
        id ??= await this.createTerm(taxonomy, name);
        this.terms.set(cacheKey, id);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private async createTerm(taxonomy: 'tags' | 'categories', name: string): Promise<number> {
    const what = `create the ${taxonomy === 'tags' ? 'tag' : 'category'} “${name}”`;
    try {
      return Number(((await this.call('POST', `/wp/v2/${taxonomy}`, { json: { name }, what })) as Json).id);
    } catch (error) {
      const data = (error as PublishError).extra?.cause as { code?: string; data?: { term_id?: number } } | undefined;
      if (data?.code === 'term_exists' && typeof data.data?.term_id === 'number') return data.data.term_id;
      throw error;
    }
  }

  private async call(method: string, route: string, call: Call): Promise<unknown> {
    // Before even looking for the API: an address that is not the password's gets nothing.
    assertBound(this.settings.siteUrl, this.bound);
    // Block markup needs WordPress's block library, which takes seconds to load: start now.
    if (this.settings.editor !== 'classic') warmBlockSerializer().catch(() => undefined);
    const url = (await this.api())(route);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.auth(), ...call.headers };
    let body: BodyInit | undefined = call.body ? new Blob([new Uint8Array(call.body)]) : undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    const reply = await httpRequest(this.fetch, url.href, { method, headers, body, timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 30_000, bound: this.bound }, this.host);
    if (reply.status >= 200 && reply.status < 300) {
      if (reply.json === undefined) throw new PublishError('rejected', `${this.label} did not answer like a WordPress site when Postwright tried to ${call.what}. Check the site address in the target’s settings.`);
      return reply.json;
    }
    const error = (reply.json ?? {}) as { code?: string; message?: string };
    const kind = kindOfStatus(reply.status);
    return Promise.reject(new PublishError(kind, this.message(kind, reply.status, call.what, stripTags(error.message ?? ''), error.code), { retryAfterMs: retryAfterMs(reply.headers), cause: reply.json }));
  }

  private message(kind: PublishErrorKind, status: number, what: string, said: string, code?: string): string {
    const user = this.settings.username;
    const quoted = said ? ` (WordPress said: “${said}”)` : '';
    switch (kind) {
      case 'auth':
        return this.authMessage(code);
      case 'permission':
        return `${this.label} did not allow ${user} to ${what}${quoted}. Ask the site’s admin for a role that may do this (Author or above; Editor to add categories).`;
      case 'not-found':
        return `${this.label} has nothing at the address Postwright used to ${what}${quoted}. Check the site address; the REST API may be turned off by a plugin.`;
      default:
        return failureMessage(this.label, kind, status, what, quoted);
    }
  }

  /// Which of user name, login password or application password is wrong, where WordPress's
  /// error code says (wp_authenticate_application_password) or the password's shape does:
  /// WordPress makes application passwords of 24 letters and digits, shown in groups of four.
  private authMessage(code: string | undefined): string {
    const user = this.settings.username;
    const http = this.settings.siteUrl.startsWith('http:') ? ' WordPress also turns application passwords off on sites without HTTPS.' : '';
    const create = 'Create a new one under Users → Profile → Application Passwords and update the target.';
    switch (code) {
      case 'invalid_username':
        return `${this.label} has no user “${user}”. Check the user name in the target’s settings (the name you log in with, or your account’s e-mail address).`;
      case 'invalid_email':
        return `${this.label} has no account with the e-mail address “${user}”. Check the user name in the target’s settings.`;
      case 'application_passwords_disabled':
        return `${this.label} has application passwords turned off, so Postwright cannot sign in. Ask the site’s admin to allow them (a security plugin may have turned them off).${http}`;
      case 'application_passwords_disabled_for_user':
        return `${this.label} does not allow application passwords for ${user}. Ask the site’s admin to allow them for your account.`;
    }
    if (!/^[A-Za-z0-9]{24}$/.test(this.password.replace(/[^A-Za-z0-9]/g, ''))) {
      return `${this.label} refused the password for ${user}. It looks like your login password, but Postwright needs an application password (24 letters and digits, shown once when it is made). Create one under Users → Profile → Application Passwords and update the target.`;
    }
    if (code === 'incorrect_password') return `${this.label} knows ${user} but refused the application password: it may have been revoked or mistyped. ${create}${http}`;
    return `${this.label} refused the application password for ${user}: it may have been revoked or mistyped. ${create}${http}`;
  }

  private auth(): string {
    return `Basic ${Buffer.from(`${this.settings.username}:${this.password}`).toString('base64')}`;
  }

  /// `/wp-json/` where pretty permalinks work, `?rest_route=` where they are off.
  private api(): Promise<(route: string) => URL> {
    this.root ??= (async () => {
      const site = this.settings.siteUrl;
      const pretty = await httpRequest(this.fetch, `${site}/wp-json/`, { method: 'GET', timeoutMs: this.options.timeoutMs ?? 30_000 }, this.host);
      // A site that only lets signed-in users see its API still has it there.
      const answered = (pretty.status === 200 || pretty.status === 401 || pretty.status === 403) && pretty.json !== undefined;
      if (answered) return (route: string) => new URL(`${site}/wp-json${route}`);
      const plain = await httpRequest(this.fetch, `${site}/?rest_route=/`, { method: 'GET', timeoutMs: this.options.timeoutMs ?? 30_000 }, this.host);
      if (plain.status === 200 && plain.json !== undefined) {
        return (route: string) => Object.assign(new URL(`${site}/`), { search: `?rest_route=${encodeURIComponent(route)}` });
      }
      const kind = kindOfStatus(pretty.status);
      if (kind === 'server' || kind === 'rate-limited') throw new PublishError(kind, this.message(kind, pretty.status, 'reach the site', ''), { retryAfterMs: retryAfterMs(pretty.headers) });
      throw new PublishError('not-found', `${site} does not look like a WordPress site with its REST API on (no answer at /wp-json/). Check the site address in the target’s settings.`);
    })();
    // A failed discovery (offline) is tried again next time.
    this.root.catch(() => (this.root = null));
    return this.root;
  }
}

const MATH_FIX = 'For formulas, you can also choose “Publish math as images”: each formula goes out as a picture of it, with its TeX as the alt text.';
const UNFILTERED_FIX = (user: string) => `To keep them, ask the site’s administrator to give ${user} the Editor or Administrator role (on a multisite network only super admins may post raw HTML), or publish with an account that has it.`;

function marker(key: string): string {
  return `<!-- postwright ${key} -->`;
}

/// In block content the key rides in the first block's comment, where the editor ignores it
/// (a comment of its own would show as a Classic block).
function blockMarker(key: string): string {
  return `"postwright":"${key}"`;
}

/// The content with any key marker blanked out (both kinds), for comparing posts across libraries.
function withoutKey(content: string): string {
  return content.trim().replace(/"postwright":"[\w-]*"/g, '"postwright":""').replace(/<!--\s*postwright [\w-]+\s*-->/g, '<!-- postwright -->');
}

async function blockContent(post: OutgoingPost): Promise<string> {
  const ids = new Map(post.assets.flatMap((p) => (p.remote?.id && /^\d+$/.test(p.remote.id) ? [[p.url, Number(p.remote.id)] as const] : [])));
  const specs = htmlToBlocks(post.html, (url) => ids.get(url));
  if (specs.length === 0) specs.push({ name: 'core/paragraph', attributes: { content: '' }, innerBlocks: [] });
  const markup = await serializeBlocks(specs);
  return markup.replace(/^<!-- wp:([a-z][a-z0-9/_-]*) (\{)?/, (_m, name: string, brace?: string) => `<!-- wp:${name} {${blockMarker(post.key)}${brace ? ',' : '} '}`);
}

function wpStatus(post: OutgoingPost): string {
  return post.status === 'draft' ? 'draft' : post.status === 'scheduled' ? 'future' : 'publish';
}

function raw(field: unknown): string {
  return String((field as { raw?: unknown } | undefined)?.raw ?? '');
}

function snapshot(p: Json): RemoteSnapshot {
  return { ...written(p), title: raw(p.title), content: raw(p.content), status: String(p.status ?? '') };
}

/// Create and update answer in the edit context too, so the stamp is made the same way.
function written(p: Json): RemotePost {
  const modifiedAt = p.modified_gmt ? `${String(p.modified_gmt)}Z` : null;
  return { id: String(p.id), url: String(p.link ?? ''), modified: wordPressStamp(p), modifiedAt };
}

/// What a WordPress post's `remote_modified` is: the modified time (whole seconds only) plus a
/// hash of title, body and status. The import records the same, so the first publish after an
/// import updates in place instead of reporting a conflict.
export function wordPressStamp(p: Json): string {
  const modifiedAt = p.modified_gmt ? `${String(p.modified_gmt)}Z` : null;
  const fingerprint = createHash('sha256').update(`${raw(p.title)}\0${raw(p.content)}\0${String(p.status ?? '')}`).digest('hex').slice(0, 16);
  return `${modifiedAt ?? '?'} ${fingerprint}`;
}

/// ASCII only (the header cannot carry more), hash first so findAsset can search for it.
function uploadName(asset: LocalAsset): string {
  const base = asset.file.split('/').pop() ?? 'file';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  const ext = dot > 0 ? base.slice(dot + 1).replace(/[^A-Za-z0-9]/g, '').toLowerCase() : 'bin';
  return `${asset.hash.slice(0, 12)}-${stem || 'file'}.${ext}`;
}

function stripTags(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, '')).trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&#039;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
