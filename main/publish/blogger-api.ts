/// Talking to the Blogger API v3 as the signed-in Google user: an access token from the stored
/// refresh token (renewed when it runs out or the API says it is no longer good), one request
/// helper, and Google's error bodies turned into messages a blogger can act on.
import type { PublishErrorKind } from '../../shared/publish';
import { ADDRESS_CHANGED, openSecret, originOf } from './bound-secret';
import { PublishError } from './errors';
import { googleEndpoints } from './google-endpoints';
import { refreshGoogleToken, type GoogleClient } from './google-oauth';
import { httpRequest, retryAfterMs, siteName, type FetchLike } from './http';

export { BLOGGER_API } from './google-endpoints';
export const BLOGGER_SCOPE = 'https://www.googleapis.com/auth/blogger';

export interface BloggerConnection {
  clientId: string;
  /// Older targets files may name other Google addresses; Postwright no longer reads them from
  /// there (see google-endpoints.ts) and refuses to sign in while they name anything but Google.
  apiBase?: string;
  tokenUrl?: string;
}

/// What the target's secret holds.
export interface BloggerSecret {
  refreshToken: string;
  clientSecret?: string | null;
  /// The token service the refresh token came from; Google's when absent.
  origin?: string;
}

export interface BloggerApiOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
}

export type Json = Record<string, unknown>;

export interface Call {
  query?: Array<[string, string]>;
  json?: unknown;
  headers?: Record<string, string>;
  /// "publish the post": what Postwright was doing, for messages.
  what: string;
}

/// The secret as stored: JSON, or (written by hand) the bare refresh token; either may be sealed
/// with the origin it was issued by.
export function parseBloggerSecret(stored: string): BloggerSecret {
  const { value: secret, origin } = openSecret(stored.trim(), originOf(googleEndpoints().token));
  return { ...parseBare(secret), origin };
}

function parseBare(secret: string): BloggerSecret {
  const text = secret.trim();
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Partial<BloggerSecret>;
      if (typeof json.refreshToken === 'string' && json.refreshToken) return { refreshToken: json.refreshToken, clientSecret: json.clientSecret ?? null };
    } catch {
      // fall through: not JSON after all
    }
    throw new PublishError('auth', 'The saved Blogger sign-in cannot be read. Sign in to Blogger again from the target’s settings.');
  }
  return { refreshToken: text, clientSecret: null };
}

export function bloggerSecret(secret: BloggerSecret): string {
  return JSON.stringify({ refreshToken: secret.refreshToken, ...(secret.clientSecret ? { clientSecret: secret.clientSecret } : {}) });
}

export class BloggerApi {
  readonly base: string;
  private token: { value: string; expiresAt: number } | null = null;
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly google: GoogleClient;
  /// Set when the targets file names a Google address other than Google's.
  private readonly moved: boolean;

  constructor(
    connection: BloggerConnection,
    private readonly secret: BloggerSecret,
    private readonly options: BloggerApiOptions = {},
  ) {
    const google = googleEndpoints();
    this.base = google.api;
    const differs = (named: string | undefined, real: string) => named !== undefined && named.trim().replace(/\/+$/, '') !== real;
    this.moved = differs(connection.apiBase, google.api) || differs(connection.tokenUrl, google.token);
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.now = options.now ?? Date.now;
    this.google = { clientId: connection.clientId, clientSecret: secret.clientSecret ?? null, bound: secret.origin, fetch: this.fetch, timeoutMs: options.timeoutMs, service: 'Blogger' };
  }

  /// The blogs the signed-in account may write to.
  async blogs(): Promise<Array<{ id: string; name: string; url: string }>> {
    // With no `role`, Blogger lists the blogs where the user is an admin or an author.
    const list = (await this.call('GET', '/users/self/blogs', { what: 'list your blogs' })) as Json;
    return ((list.items ?? []) as Json[]).map((b) => ({ id: String(b.id), name: String(b.name ?? ''), url: String(b.url ?? '') }));
  }

  async call(method: string, route: string, call: Call): Promise<unknown> {
    if (this.moved) throw new PublishError('auth', ADDRESS_CHANGED);
    // An access token Google no longer takes (revoked, expired early) is renewed once.
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken(attempt > 1);
      const url = new URL(this.base + route);
      for (const [k, v] of call.query ?? []) url.searchParams.append(k, v);
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...call.headers };
      let body: string | undefined;
      if (call.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(call.json);
      }
      const reply = await httpRequest(this.fetch, url.href, { method, headers, body, timeoutMs: this.options.timeoutMs ?? 30_000, bound: originOf(this.base) }, siteName(this.base));
      if (reply.status >= 200 && reply.status < 300) {
        if (reply.status === 204) return {};
        if (reply.json === undefined) throw new PublishError('rejected', `Blogger answered with something that is not JSON when Postwright tried to ${call.what}.`);
        return reply.json;
      }
      if (reply.status === 401 && attempt === 1) continue;
      throw failure(reply.status, reply.json, call.what, retryAfterMs(reply.headers));
    }
  }

  private async accessToken(renew: boolean): Promise<string> {
    if (!renew && this.token && this.token.expiresAt > this.now()) return this.token.value;
    const fresh = await refreshGoogleToken(this.google, this.secret.refreshToken, this.now);
    if (fresh.scope && !fresh.scope.split(' ').includes(BLOGGER_SCOPE)) {
      throw new PublishError('auth', 'The Google sign-in did not allow Postwright to manage your Blogger blogs. Sign in again and tick the Blogger box on Google’s consent screen.');
    }
    this.token = { value: fresh.accessToken, expiresAt: fresh.expiresAt };
    return fresh.accessToken;
  }
}

/// Google's error body `{ error: { code, message, errors: [{ reason, domain }], status } }` as a PublishError.
export function failure(status: number, body: unknown, what: string, retryAfter?: number): PublishError {
  const error = ((body ?? {}) as { error?: { message?: string; status?: string; errors?: Array<{ reason?: string }> } }).error ?? {};
  const reasons = (error.errors ?? []).map((e) => e.reason ?? '');
  const said = error.message ? ` (Google said: “${error.message}”)` : '';
  const extra: { cause: unknown; retryAfterMs?: number } = { cause: body };
  if (retryAfter !== undefined) extra.retryAfterMs = retryAfter;
  const make = (kind: PublishErrorKind, message: string) => new PublishError(kind, message, extra);
  if (reasons.some((r) => r === 'rateLimitExceeded' || r === 'userRateLimitExceeded') || status === 429) {
    return make('rate-limited', `Blogger asked Postwright to slow down (too many requests) while trying to ${what}. Postwright will try again; nothing is lost.`);
  }
  if (reasons.some((r) => r === 'dailyLimitExceeded' || r === 'quotaExceeded')) {
    return make('rate-limited', `Your Google Cloud project has used up its Blogger API quota for today while Postwright tried to ${what}. Postwright will try again later; nothing is lost. Quotas are under APIs & Services → Blogger API → Quotas.`);
  }
  if (reasons.includes('accessNotConfigured') || error.status === 'SERVICE_DISABLED') {
    const link = /https:\/\/console\.(?:developers|cloud)\.google\.com\/\S+/.exec(error.message ?? '')?.[0]?.replace(/[.,)]+$/, '') ?? 'https://console.cloud.google.com/apis/library/blogger.googleapis.com';
    return make('permission', `Enable the Blogger API in your Google Cloud project: open ${link}, click Enable, wait a minute, then publish again.`);
  }
  if (status === 401) return make('auth', 'Blogger sign-in has expired or was revoked: sign in again.');
  if (reasons.includes('insufficientPermissions')) return make('auth', 'The Google sign-in did not allow Postwright to manage your Blogger blogs. Sign in again and tick the Blogger box on Google’s consent screen.');
  if (status === 403) return make('permission', `This Google account cannot post to that blog${said}. Sign in with an account that is an author or admin of the blog, or check the blog id in the target’s settings.`);
  if (status === 404) return make('not-found', `Blogger has nothing at the address Postwright used to ${what}${said}. Check the blog id in the target’s settings.`);
  if (status === 409 || status === 412) return make('conflict', `The post was changed on Blogger while Postwright tried to ${what}.`);
  if (status === 408 || status >= 500) return make('server', `Blogger had a problem (HTTP ${status}) while Postwright tried to ${what}. Postwright will try again; nothing is lost.`);
  return make('rejected', `Blogger refused to ${what}${said || ` (HTTP ${status})`}.`);
}
