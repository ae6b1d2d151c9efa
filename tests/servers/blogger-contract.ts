/// A local stand-in for Google's side of Blogger, written from the Blogger API v3 and Google
/// OAuth 2.0 documentation: the consent endpoint (auto-approving as a chosen user), the token
/// endpoint (authorization_code with PKCE S256, refresh_token), and the posts and blogs
/// endpoints Postwright uses, with Google's error shapes. It checks the Bearer token, its scope
/// and that the user may write to the blog. Faults are injected per request (see `inject`).
///
/// Where the documentation is silent, the choices are marked "assumed" below; the real service
/// was never reachable from here, so passing against this server is not passing against Google.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const BLOGGER_SCOPE = 'https://www.googleapis.com/auth/blogger';

export interface ContractUser {
  id: string;
  email: string;
  displayName: string;
}

export interface ContractBlog {
  id: string;
  name: string;
  url: string;
  /// Users who may write to it.
  authors: string[];
}

export interface ContractPost {
  id: string;
  blogId: string;
  title: string;
  content: string;
  labels: string[];
  status: 'LIVE' | 'DRAFT' | 'SCHEDULED';
  published: string | null;
  updated: string;
  version: number;
  authorId: string;
  slug: string;
}

/// An API or token-endpoint failure to serve instead of the real answer.
export interface Fault {
  method?: string;
  /// Matched against the path (no query).
  path?: RegExp;
  status: number;
  /// Google's `errors[0].reason`: forbidden, accessNotConfigured, rateLimitExceeded, ...
  reason?: string;
  domain?: string;
  message?: string;
  grpcStatus?: string;
  retryAfter?: string;
  /// Raw body instead of the built one (token endpoint faults).
  body?: unknown;
  times?: number;
}

interface Client {
  secret: string | null;
}

interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  userId: string;
  used: boolean;
}

interface Grant {
  clientId: string;
  userId: string;
  scope: string;
  revoked: boolean;
}

interface Access extends Grant {
  refreshToken: string | null;
  expiresAt: number;
}

export interface BloggerContract {
  url: string;
  /// Makes this server Postwright's Google for this test process (and, passed on, for a child
  /// process): the addresses are in the code, and only this test-only variable moves them.
  env: Record<string, string>;
  apiBase: string;
  tokenUrl: string;
  authUrl: string;
  users: Map<string, ContractUser>;
  blogs: Map<string, ContractBlog>;
  posts: Map<string, ContractPost>;
  clients: Map<string, Client>;
  /// Who "signs in" at the consent endpoint, and what they answer.
  consent: { userId: string; deny: boolean; scope: string | null };
  /// Files served under /images/ for the broken-image check: path -> bytes.
  images: Map<string, Uint8Array>;
  log: Array<{ method: string; path: string; status: number; query: string }>;
  inject(fault: Fault): void;
  /// Makes every refresh token (and its access tokens) of this user stop working.
  revoke(userId?: string): void;
  /// Access tokens expire now; refresh tokens still work.
  expireAccessTokens(): void;
  /// Someone edits the post on blogger.com.
  editRemotely(postId: string, change: Partial<Pick<ContractPost, 'title' | 'content' | 'labels'>>): void;
  /// Issues a refresh token directly (tests that do not go through the consent screen).
  grant(userId: string, clientId: string, scope?: string): string;
  stop(): Promise<void>;
}

export interface ContractOptions {
  now?: () => number;
}

export async function startBloggerContract(options: ContractOptions = {}): Promise<BloggerContract> {
  const now = options.now ?? Date.now;
  const users = new Map<string, ContractUser>([
    ['u1', { id: 'u1', email: 'ada@example.com', displayName: 'Ada Student' }],
    ['u2', { id: 'u2', email: 'bob@example.com', displayName: 'Bob Other' }],
  ]);
  const blogs = new Map<string, ContractBlog>();
  const posts = new Map<string, ContractPost>();
  const clients = new Map<string, Client>([['desktop-client.apps.googleusercontent.com', { secret: 'GOCSPX-desktop-secret' }]]);
  const codes = new Map<string, Code>();
  const grants = new Map<string, Grant>();
  const access = new Map<string, Access>();
  const images = new Map<string, Uint8Array>();
  const faults: Fault[] = [];
  const log: BloggerContract['log'] = [];
  const consent: BloggerContract['consent'] = { userId: 'u1', deny: false, scope: null };
  let nextPostId = 7_000_000_000_000_000_000n;
  let base = '';

  const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

  function grant(userId: string, clientId: string, scope = BLOGGER_SCOPE): string {
    const refresh = token('1//');
    grants.set(refresh, { clientId, userId, scope, revoked: false });
    return refresh;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        log.push({ method: req.method ?? 'GET', path: url.pathname, status, query: url.search });
        const text = payload === undefined ? '' : typeof payload === 'string' || payload instanceof Uint8Array ? payload : JSON.stringify(payload);
        const type = typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=UTF-8';
        res.writeHead(status, { 'Content-Type': type, ...headers });
        res.end(req.method === 'HEAD' ? undefined : text);
      };
      try {
        route(req.method ?? 'GET', url, body, req.headers, reply);
      } catch (error) {
        reply(500, apiError(500, (error as Error).message, 'backendError', 'global', 'INTERNAL'));
      }
    });
  });

  type Reply = (status: number, payload: unknown, headers?: Record<string, string>) => void;

  function route(method: string, url: URL, body: string, headers: http.IncomingHttpHeaders, reply: Reply): void {
    const fault = takeFault(method, url.pathname);
    if (fault) {
      const extra: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
      reply(fault.status, fault.body ?? apiError(fault.status, fault.message ?? 'Injected fault', fault.reason ?? 'backendError', fault.domain ?? 'global', fault.grpcStatus ?? grpcOf(fault.status)), extra);
      return;
    }
    if (url.pathname === '/o/oauth2/v2/auth' && method === 'GET') return authorize(url, reply);
    if (url.pathname === '/token' && method === 'POST') return tokenEndpoint(body, headers, reply);
    if (url.pathname.startsWith('/images/') && (method === 'GET' || method === 'HEAD')) {
      const bytes = images.get(url.pathname);
      if (!bytes) return reply(404, '<p>Not found</p>');
      return reply(200, Buffer.from(bytes), { 'Content-Type': 'image/png' });
    }
    if (url.pathname.startsWith('/blogger/v3/')) return api(method, url, body, headers, reply);
    reply(404, apiError(404, 'Not Found', 'notFound', 'global', 'NOT_FOUND'));
  }

  function takeFault(method: string, path: string): Fault | null {
    const index = faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (index === -1) return null;
    const fault = faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  /// The consent screen, answered at once: a redirect back to the app's loopback address.
  function authorize(url: URL, reply: Reply): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirect = q.get('redirect_uri') ?? '';
    // Google shows an error page (not a redirect) for a bad client or redirect URI.
    if (!clients.has(clientId)) return reply(401, '<h1>Error 401: invalid_client</h1><p>The OAuth client was not found.</p>');
    if (!/^http:\/\/127\.0\.0\.1:\d+(\/[^?#]*)?$/.test(redirect)) return reply(400, '<h1>Error 400: redirect_uri_mismatch</h1>');
    if (q.get('response_type') !== 'code') return reply(400, '<h1>Error 400: unsupported_response_type</h1>');
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return reply(400, '<h1>Error 400: invalid_request</h1><p>code_challenge_method must be S256.</p>');
    const scope = q.get('scope') ?? '';
    if (!scope) return reply(400, '<h1>Error 400: invalid_request</h1><p>Missing required parameter: scope</p>');
    const back = new URL(redirect);
    const state = q.get('state');
    if (consent.deny) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = token('4/0A');
      codes.set(code, { clientId, redirectUri: redirect, challenge, scope: consent.scope ?? scope, userId: consent.userId, used: false });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', consent.scope ?? scope);
    }
    if (state !== null) back.searchParams.set('state', state);
    reply(302, '', { Location: back.href });
  }

  function tokenEndpoint(body: string, headers: http.IncomingHttpHeaders, reply: Reply): void {
    const oauthError = (status: number, error: string, description: string) => reply(status, { error, error_description: description });
    if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return oauthError(400, 'invalid_request', 'Invalid content type.');
    const form = new URLSearchParams(body);
    const client = clients.get(form.get('client_id') ?? '');
    if (!client) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (client.secret !== null && form.get('client_secret') !== client.secret) return oauthError(401, 'invalid_client', 'Unauthorized');
    const clientId = form.get('client_id')!;
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const code = codes.get(form.get('code') ?? '');
        if (!code || code.used || code.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
        if (code.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
        const verifier = form.get('code_verifier') ?? '';
        if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
        if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
        code.used = true;
        const refresh = grant(code.userId, clientId, code.scope);
        const at = issueAccess(grants.get(refresh)!, refresh);
        return reply(200, { access_token: at, expires_in: 3599, refresh_token: refresh, scope: code.scope, token_type: 'Bearer' });
      }
      case 'refresh_token': {
        const refresh = form.get('refresh_token') ?? '';
        const g = grants.get(refresh);
        if (!g || g.revoked || g.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
        return reply(200, { access_token: issueAccess(g, refresh), expires_in: 3599, scope: g.scope, token_type: 'Bearer' });
      }
      default:
        return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
    }
  }

  function issueAccess(g: Grant, refreshToken: string | null): string {
    const at = token('ya29.');
    access.set(at, { ...g, refreshToken, expiresAt: now() + 3599_000 });
    return at;
  }

  function api(method: string, url: URL, body: string, headers: http.IncomingHttpHeaders, reply: Reply): void {
    const fail = (status: number, message: string, reason: string, domain = 'global', extra: Record<string, string> = {}) =>
      reply(status, apiError(status, message, reason, domain, grpcOf(status), extra));
    const auth = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''));
    const who = auth ? access.get(auth[1]!) : undefined;
    const live = who && !who.revoked && who.expiresAt > now() && !(who.refreshToken && grants.get(who.refreshToken)?.revoked);
    if (!who || !live) {
      const message = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
      return reply(401, apiError(401, message, 'authError', 'global', 'UNAUTHENTICATED', { location: 'Authorization', locationType: 'header' }), { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
    }
    if (!who.scope.split(' ').includes(BLOGGER_SCOPE)) return fail(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions');
    const user = users.get(who.userId)!;
    const parts = url.pathname.replace(/^\/blogger\/v3\//, '').split('/').map(decodeURIComponent);
    const q = url.searchParams;

    if (parts[0] === 'users' && parts[1] === 'self') {
      if (parts.length === 2 && method === 'GET') return reply(200, { kind: 'blogger#user', id: user.id, displayName: user.displayName, url: `https://www.blogger.com/profile/${user.id}` });
      if (parts[2] === 'blogs' && parts.length === 3 && method === 'GET') {
        const items = [...blogs.values()].filter((b) => b.authors.includes(user.id)).map(blogJson);
        return reply(200, { kind: 'blogger#blogList', items });
      }
    }
    if (parts[0] !== 'blogs' || !parts[1]) return fail(404, 'Not Found', 'notFound');
    const blog = blogs.get(parts[1]);
    if (!blog) return fail(404, 'Blog not found', 'notFound');
    // Assumed: a blog the user cannot write to answers 403 "forbidden" (Google's wording).
    if (!blog.authors.includes(user.id)) return fail(403, 'We\u2019re sorry, but you don\u2019t have permission to access this resource.', 'forbidden');
    if (parts.length === 2 && method === 'GET') return reply(200, blogJson(blog));
    if (parts[2] !== 'posts') return fail(404, 'Not Found', 'notFound');

    if (parts.length === 3) {
      if (method === 'GET') return listPosts(blog, q, reply, fail);
      if (method === 'POST') {
        const input = parseJson(body);
        if (!input) return fail(400, 'Invalid JSON payload received.', 'parseError');
        if (!isNonEmpty(input.content) && !isNonEmpty(input.title)) return fail(400, 'Invalid argument: the post needs content.', 'invalid');
        const draft = q.get('isDraft') === 'true';
        const at = iso(now());
        const post: ContractPost = {
          id: String(nextPostId++), blogId: blog.id, title: String(input.title ?? ''), content: String(input.content ?? ''),
          labels: labelsOf(input.labels), status: draft ? 'DRAFT' : 'LIVE', updated: at, version: 1, authorId: user.id,
          published: null, slug: slugOf(String(input.title ?? '')),
        };
        const requested = typeof input.published === 'string' ? Date.parse(input.published) : NaN;
        if (!draft) {
          post.published = Number.isNaN(requested) ? at : iso(requested);
          if (!Number.isNaN(requested) && requested > now()) post.status = 'SCHEDULED';
        } else if (!Number.isNaN(requested)) {
          post.published = iso(requested);
        }
        posts.set(post.id, post);
        return reply(200, postJson(blog, post, q), { ETag: etagOf(post) });
      }
    }
    const post = posts.get(parts[3] ?? '');
    if (!post || post.blogId !== blog.id) return fail(404, 'Not Found', 'notFound');
    if (parts.length === 4) {
      if (method === 'GET') {
        if (post.status !== 'LIVE' && q.get('view') !== 'ADMIN' && q.get('view') !== 'AUTHOR') return fail(404, 'Not Found', 'notFound');
        return reply(200, postJson(blog, post, q), { ETag: etagOf(post) });
      }
      if (method === 'PUT' || method === 'PATCH') {
        const ifMatch = headers['if-match'];
        if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(post)) {
          return reply(412, apiError(412, 'Precondition Failed', 'conditionNotMet', 'global', 'FAILED_PRECONDITION', { location: 'If-Match', locationType: 'header' }));
        }
        const input = parseJson(body);
        if (!input) return fail(400, 'Invalid JSON payload received.', 'parseError');
        // PUT replaces the post's fields (missing ones are cleared); PATCH changes only those sent.
        const full = method === 'PUT';
        if (full || 'title' in input) post.title = String(input.title ?? '');
        if (full || 'content' in input) post.content = String(input.content ?? '');
        if (full || 'labels' in input) post.labels = labelsOf(input.labels);
        if (typeof input.published === 'string' && !Number.isNaN(Date.parse(input.published))) post.published = iso(Date.parse(input.published));
        touch(post);
        return reply(200, postJson(blog, post, q), { ETag: etagOf(post) });
      }
      if (method === 'DELETE') {
        posts.delete(post.id);
        return reply(204, undefined);
      }
    }
    if (parts.length === 5 && method === 'POST' && parts[4] === 'publish') {
      // Assumed: publishing a post that is already live is refused.
      if (post.status === 'LIVE') return fail(400, 'Invalid argument: the post is already published.', 'invalid');
      const raw = q.get('publishDate');
      const when = raw === null ? now() : Date.parse(raw);
      if (Number.isNaN(when)) return fail(400, `Invalid value for publishDate: ${raw}`, 'invalidParameter');
      post.published = iso(when);
      post.status = when > now() ? 'SCHEDULED' : 'LIVE';
      touch(post);
      return reply(200, postJson(blog, post, q), { ETag: etagOf(post) });
    }
    if (parts.length === 5 && method === 'POST' && parts[4] === 'revert') {
      // Assumed: reverting a draft is refused.
      if (post.status === 'DRAFT') return fail(400, 'Invalid argument: the post is already a draft.', 'invalid');
      post.status = 'DRAFT';
      touch(post);
      return reply(200, postJson(blog, post, q), { ETag: etagOf(post) });
    }
    fail(404, 'Not Found', 'notFound');
  }

  function listPosts(blog: ContractBlog, q: URLSearchParams, reply: Reply, fail: (status: number, message: string, reason: string) => void): void {
    const wanted = q.getAll('status').flatMap((s) => s.split(',')).map((s) => s.toUpperCase());
    const statuses = wanted.length > 0 ? wanted : ['LIVE'];
    const privileged = q.get('view') === 'ADMIN' || q.get('view') === 'AUTHOR';
    if (statuses.some((s) => s !== 'LIVE') && !privileged) return fail(400, 'Invalid value for view: drafts and scheduled posts are only listed with view=ADMIN or AUTHOR.', 'invalidParameter');
    const labels = q.get('labels')?.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean) ?? [];
    const orderBy = q.get('orderBy') ?? 'published';
    const found = [...posts.values()]
      .filter((p) => p.blogId === blog.id && statuses.includes(p.status))
      .filter((p) => labels.every((l) => p.labels.some((x) => x.toLowerCase() === l)))
      .sort((a, b) => (orderBy === 'updated' ? b.updated.localeCompare(a.updated) || Number(b.id) - Number(a.id) : (b.published ?? b.updated).localeCompare(a.published ?? a.updated)));
    const max = Math.min(Number(q.get('maxResults') ?? '20') || 20, 500);
    const start = Number(q.get('pageToken') ?? '0') || 0;
    const page = found.slice(start, start + max);
    const fetchBodies = q.get('fetchBodies') !== 'false';
    const json: Record<string, unknown> = { kind: 'blogger#postList', items: page.map((p) => postJson(blog, p, q, fetchBodies)), etag: `"${hash(page.map(etagOf).join())}"` };
    if (start + max < found.length) json.nextPageToken = String(start + max);
    reply(200, json);
  }

  function touch(post: ContractPost): void {
    post.version++;
    // Blogger's `updated` is whole seconds with an offset; several writes in one second share it.
    post.updated = iso(now());
  }

  function postJson(blog: ContractBlog, post: ContractPost, q: URLSearchParams, withBody = q.get('fetchBody') !== 'false'): Record<string, unknown> {
    const json: Record<string, unknown> = {
      kind: 'blogger#post', id: post.id, blog: { id: blog.id }, updated: post.updated,
      selfLink: `${base}/blogger/v3/blogs/${blog.id}/posts/${post.id}`, title: post.title,
      author: { id: post.authorId, displayName: users.get(post.authorId)?.displayName ?? '', url: `https://www.blogger.com/profile/${post.authorId}`, image: { url: '' } },
      replies: { totalItems: '0', selfLink: `${base}/blogger/v3/blogs/${blog.id}/posts/${post.id}/comments` },
      etag: etagOf(post),
    };
    if (withBody) json.content = post.content;
    if (post.labels.length > 0) json.labels = post.labels;
    if (post.published) json.published = post.published;
    // Drafts have no public address.
    if (post.status !== 'DRAFT') {
      const date = new Date(post.published ?? post.updated);
      json.url = `${blog.url}/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${post.slug}.html`;
    }
    if (q.get('view') === 'ADMIN' || q.get('view') === 'AUTHOR') json.status = post.status;
    return json;
  }

  function blogJson(blog: ContractBlog): Record<string, unknown> {
    const count = [...posts.values()].filter((p) => p.blogId === blog.id && p.status === 'LIVE').length;
    return { kind: 'blogger#blog', id: blog.id, name: blog.name, description: '', url: blog.url, selfLink: `${base}/blogger/v3/blogs/${blog.id}`, posts: { totalItems: count } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  blogs.set('3141592653589793238', { id: '3141592653589793238', name: 'Gut Feelings', url: 'http://gut-feelings.blogspot.test', authors: ['u1'] });
  blogs.set('2718281828459045235', { id: '2718281828459045235', name: 'Someone Else’s Blog', url: 'http://elsewhere.blogspot.test', authors: ['u2'] });

  return {
    url: base,
    env: { POSTWRIGHT_TEST_GOOGLE_BASE: base },
    apiBase: `${base}/blogger/v3`,
    tokenUrl: `${base}/token`,
    authUrl: `${base}/o/oauth2/v2/auth`,
    users, blogs, posts, clients, consent, images, log,
    inject: (fault) => faults.push({ times: 1, ...fault }),
    revoke: (userId) => {
      for (const g of grants.values()) if (!userId || g.userId === userId) g.revoked = true;
    },
    expireAccessTokens: () => {
      for (const a of access.values()) a.expiresAt = 0;
    },
    editRemotely: (postId, change) => {
      const post = posts.get(postId);
      if (!post) throw new Error(`no post ${postId}`);
      Object.assign(post, change);
      touch(post);
    },
    grant,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function apiError(code: number, message: string, reason: string, domain: string, status: string, extra: Record<string, string> = {}): unknown {
  return { error: { code, message, errors: [{ message, domain, reason, ...extra }], status } };
}

function grpcOf(status: number): string {
  switch (status) {
    case 400: return 'INVALID_ARGUMENT';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'PERMISSION_DENIED';
    case 404: return 'NOT_FOUND';
    case 409: return 'ABORTED';
    case 412: return 'FAILED_PRECONDITION';
    case 429: return 'RESOURCE_EXHAUSTED';
    case 503: return 'UNAVAILABLE';
    default: return 'INTERNAL';
  }
}

/// RFC 3339 with Blogger's whole seconds and an offset, like "2025-06-01T12:00:00-07:00" (here UTC).
function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

function etagOf(post: ContractPost): string {
  return `"${hash(`${post.id}:${post.version}:${post.title}:${post.content}:${post.status}:${post.labels.join(',')}`)}"`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 27);
}

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const json = JSON.parse(body) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function labelsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function isNonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || '_';
}
