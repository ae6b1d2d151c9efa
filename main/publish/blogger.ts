/// Blogger through its API v3. Blogger keeps no media of its own, so the pipeline puts the images
/// on another target first (assets 'elsewhere') and the article goes in with their URLs; right
/// after a publish each image is asked for, and those that do not answer are reported.
/// Status moves with Blogger's own actions: insert as a draft, `publish` (with `publishDate` to
/// schedule), `revert` to take a post back to draft. Tags and categories both become labels.
/// Blogger's API has no field for a post's search description, so the excerpt is not sent.
import { createHash } from 'node:crypto';
import { PublishError } from './errors';
import { BloggerApi, parseBloggerSecret, type BloggerApiOptions, type BloggerConnection, type Json } from './blogger-api';
import { httpRequest, siteName, type FetchLike } from './http';
import type { OutgoingPost, PreviewPayload, Publisher, RemotePost, RemoteSnapshot } from './publisher';

export interface BloggerSettings extends BloggerConnection {
  blogId: string;
  blogUrl: string;
}

export interface BloggerOptions extends BloggerApiOptions {
  /// Per image, for the check after publishing.
  imageTimeoutMs?: number;
}

type BloggerStatus = 'LIVE' | 'DRAFT' | 'SCHEDULED';

/// What get() returns, with what update() needs to send back.
interface BloggerSnapshot extends RemoteSnapshot {
  labels: string[];
  etag: string | null;
  published: string | null;
}

/// How many pages of recent posts find() reads: a create whose answer was lost is among the newest.
const FIND_PAGES = 4;

export class BloggerPublisher implements Publisher {
  readonly capabilities = { assets: 'elsewhere', canonicalUrl: false, categories: true } as const;
  readonly label: string;
  private readonly api: BloggerApi;
  private readonly fetch: FetchLike;

  constructor(
    private readonly settings: BloggerSettings,
    secret: string,
    private readonly options: BloggerOptions = {},
  ) {
    this.label = `Blogger at ${siteName(settings.blogUrl)}`;
    this.api = new BloggerApi(settings, parseBloggerSecret(secret), options);
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async check(): Promise<string> {
    const me = (await this.api.call('GET', '/users/self', { what: 'sign in' })) as Json;
    const blog = (await this.api.blogs()).find((b) => b.id === this.settings.blogId);
    if (!blog) throw new PublishError('permission', `This Google account cannot post to that blog: ${String(me.displayName ?? 'the signed-in account')} is not an author or admin of blog ${this.settings.blogId}. Sign in with the blog’s account, or pick one of your blogs in the target’s settings.`);
    return `${String(me.displayName ?? 'Google account')} on ${blog.name || siteName(this.settings.blogUrl)}`;
  }

  async find(post: OutgoingPost): Promise<RemoteSnapshot | null> {
    let pageToken: string | null = null;
    for (let page = 0; page < FIND_PAGES; page++) {
      const query: Array<[string, string]> = [['status', 'draft'], ['status', 'live'], ['status', 'scheduled'], ['view', 'ADMIN'], ['fetchBodies', 'true'], ['orderBy', 'updated'], ['maxResults', '50']];
      if (pageToken) query.push(['pageToken', pageToken]);
      const list = (await this.api.call('GET', this.posts(), { query, what: 'look for the post' })) as Json;
      const hit = ((list.items ?? []) as Json[]).find((p) => String(p.content ?? '').includes(marker(post.key)));
      if (hit) return snapshot(hit, this.settings.blogUrl);
      pageToken = typeof list.nextPageToken === 'string' ? list.nextPageToken : null;
      if (!pageToken) break;
    }
    return null;
  }

  async get(id: string): Promise<RemoteSnapshot | null> {
    try {
      return snapshot((await this.api.call('GET', this.posts(id), { query: [['view', 'ADMIN']], what: 'read the post' })) as Json, this.settings.blogUrl);
    } catch (error) {
      if (error instanceof PublishError && error.kind === 'not-found') return null;
      throw error;
    }
  }

  async create(post: OutgoingPost): Promise<RemotePost> {
    // Scheduled posts go in as drafts and are then published with a date: insert has no date of its own to schedule by.
    const isDraft = post.status !== 'published';
    const created = (await this.api.call('POST', this.posts(), { query: [['isDraft', String(isDraft)]], json: this.fields(post, true), what: 'create the post' })) as Json;
    const id = String(created.id);
    if (post.status === 'scheduled') await this.action(id, 'publish', post);
    return this.after(id, post);
  }

  async update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost> {
    const { etag, status } = remote as Partial<BloggerSnapshot>;
    // If-Match: a change made on Blogger since get() is refused (412) rather than overwritten.
    const headers: Record<string, string> = etag ? { 'If-Match': etag } : {};
    await this.api.call('PUT', this.posts(remote.id), { json: { id: remote.id, blog: { id: this.settings.blogId }, ...this.fields(post, false) }, headers, what: 'update the post' });
    const want = bloggerStatus(post);
    const scheduledFor = (remote as Partial<BloggerSnapshot>).published ?? null;
    const moved = want === 'SCHEDULED' && status === 'SCHEDULED' && post.date !== null && Date.parse(scheduledFor ?? '') !== Date.parse(post.date);
    if (want !== status || moved) {
      // Publish refuses a live post: a live post to be scheduled (or rescheduled) goes back to draft first.
      if (status !== 'DRAFT' && (want === 'DRAFT' || want === 'SCHEDULED')) await this.action(remote.id, 'revert', post);
      if (want !== 'DRAFT') await this.action(remote.id, 'publish', post);
    }
    return this.after(remote.id, post);
  }

  holds(remote: RemoteSnapshot, post: OutgoingPost): boolean {
    const labels = (remote as Partial<BloggerSnapshot>).labels ?? [];
    return remote.content.trim() === content(post).trim() && remote.title === post.title && remote.status === bloggerStatus(post) && sameLabels(labels, labelsOf(post));
  }

  remoteHtml(remote: RemoteSnapshot): string {
    return remote.content.replace(/<!--\s*postwright [\w-]+\s*-->/g, '').trim();
  }

  payload(post: OutgoingPost): PreviewPayload {
    const fields: Json = { ...this.fields(post, true), status: bloggerStatus(post) };
    if (post.status === 'scheduled' && post.date) fields.publishDate = post.date;
    return { fields, files: [] };
  }

  private fields(post: OutgoingPost, creating: boolean): Json {
    const fields: Json = { title: post.title, content: content(post), labels: labelsOf(post) };
    // A bare day that is today means "now"; on an update a bare day leaves Blogger's date alone.
    if (post.date && post.status === 'published') {
      const today = new Date(this.options.now?.() ?? Date.now()).toISOString().slice(0, 10);
      if (!post.dateIsDay || (creating && post.date.slice(0, 10) !== today)) fields.published = post.date;
    }
    return fields;
  }

  private async action(id: string, action: 'publish' | 'revert', post: OutgoingPost): Promise<void> {
    const query: Array<[string, string]> = [];
    if (action === 'publish' && post.date && (post.status === 'scheduled' || !post.dateIsDay)) query.push(['publishDate', post.date]);
    const what = action === 'revert' ? 'turn the post back into a draft' : post.status === 'scheduled' ? 'schedule the post' : 'publish the post';
    await this.api.call('POST', `${this.posts(id)}/${action}`, { query, what });
  }

  /// The post as Blogger now has it (the stamp is made exactly as get() makes it), and the
  /// images of the sent article that do not answer.
  private async after(id: string, post: OutgoingPost): Promise<RemotePost> {
    const now = await this.get(id);
    if (!now) throw new PublishError('not-found', `The post disappeared from ${this.label} right after Postwright wrote it.`);
    const { id: remoteId, url, modified, modifiedAt } = now;
    const brokenImages = await this.brokenImages(post.html);
    return { id: remoteId, url, modified, modifiedAt, ...(brokenImages.length > 0 ? { brokenImages } : {}) };
  }

  /// Every image the article shows, asked for with HEAD (GET where HEAD is not allowed) within a
  /// bounded time; those that fail or do not answer are returned, in the article's order.
  private async brokenImages(html: string): Promise<string[]> {
    const urls = [...new Set([...html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decode(m[1] ?? m[2] ?? '')))];
    const timeoutMs = this.options.imageTimeoutMs ?? 10_000;
    const ok = async (url: string): Promise<boolean> => {
      if (url.startsWith('data:')) return true;
      if (!/^https?:\/\//i.test(url)) return false;
      try {
        let reply = await httpRequest(this.fetch, url, { method: 'HEAD', timeoutMs }, siteName(url));
        if (reply.status === 405 || reply.status === 501) reply = await httpRequest(this.fetch, url, { method: 'GET', timeoutMs }, siteName(url));
        return reply.status >= 200 && reply.status < 400;
      } catch {
        return false;
      }
    };
    const results = await Promise.all(urls.map(ok));
    return urls.filter((_, i) => !results[i]);
  }

  private posts(id?: string): string {
    const blog = `/blogs/${encodeURIComponent(this.settings.blogId)}/posts`;
    return id === undefined ? blog : `${blog}/${encodeURIComponent(id)}`;
  }
}

function marker(key: string): string {
  return `<!-- postwright ${key} -->`;
}

function content(post: OutgoingPost): string {
  return `${post.html.trim()}\n${marker(post.key)}`;
}

function bloggerStatus(post: OutgoingPost): BloggerStatus {
  return post.status === 'draft' ? 'DRAFT' : post.status === 'scheduled' ? 'SCHEDULED' : 'LIVE';
}

/// Tags and categories together, each once (Blogger compares labels without case).
function labelsOf(post: OutgoingPost): string[] {
  const out: string[] = [];
  for (const label of [...post.tags, ...post.categories].map((l) => l.trim()).filter(Boolean)) {
    if (!out.some((l) => l.toLowerCase() === label.toLowerCase())) out.push(label);
  }
  return out;
}

function sameLabels(a: string[], b: string[]): boolean {
  const norm = (l: string[]) => l.map((x) => x.toLowerCase()).sort().join('\n');
  return norm(a) === norm(b);
}

/// The post's `remote_modified` stamp, from the API's post resource (view=ADMIN, with its body):
/// what get() records after a publish, and what an import records so the next publish updates in place.
export function bloggerStamp(p: Json): string {
  const labels = Array.isArray(p.labels) ? p.labels.map(String) : [];
  const updated = typeof p.updated === 'string' ? p.updated : null;
  // Blogger's `updated` counts whole seconds: a content fingerprint tells two edits in one second apart.
  const fingerprint = createHash('sha256').update(`${String(p.title ?? '')}\0${String(p.content ?? '')}\0${String(p.status ?? '')}\0${labels.join('\0')}`).digest('hex').slice(0, 16);
  return `${updated ?? '?'} ${fingerprint}`;
}

/// The post's address; drafts have no public one, and the editor's is the useful one.
export function bloggerPostUrl(p: Json, blogUrl: string): string {
  const blogId = String((p.blog as Json | undefined)?.id ?? '');
  return typeof p.url === 'string' && p.url ? p.url : blogId ? `https://www.blogger.com/blog/post/edit/${blogId}/${String(p.id)}` : blogUrl;
}

function snapshot(p: Json, blogUrl: string): BloggerSnapshot {
  const title = String(p.title ?? '');
  const body = String(p.content ?? '');
  const status = String(p.status ?? '');
  const labels = Array.isArray(p.labels) ? p.labels.map(String) : [];
  const updated = typeof p.updated === 'string' ? p.updated : null;
  return {
    id: String(p.id), url: bloggerPostUrl(p, blogUrl), title, content: body, status, labels,
    modified: bloggerStamp(p),
    modifiedAt: updated ? new Date(updated).toISOString() : null,
    etag: typeof p.etag === 'string' ? p.etag : null,
    published: typeof p.published === 'string' ? p.published : null,
  };
}

function decode(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
