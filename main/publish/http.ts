/// HTTP for the REST backends: one timeout for the whole exchange (a hung server must not hang
/// a publish), network failures as PublishError('network'), and the status classes every
/// backend maps the same way. The wording about a particular service stays in its backend.
import type { PublishErrorKind } from '../../shared/publish';
import { assertBound, originOf } from './bound-secret';
import { PublishError } from './errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /// The body parsed as JSON, or undefined when it is not JSON.
  json: unknown;
}

export interface HttpRequest extends Omit<RequestInit, 'signal' | 'redirect'> {
  timeoutMs: number;
  /// Set when the request carries a secret: the only origin it may go to (see bound-secret.ts).
  /// Redirects are then followed by hand, within that origin only.
  bound?: string;
}

const MAX_REDIRECTS = 5;

/// `site` names the server in messages ("example.com").
export async function httpRequest(fetchFn: FetchLike, url: string, init: HttpRequest, site: string): Promise<HttpReply> {
  const { timeoutMs, bound, ...rest } = init;
  if (bound !== undefined) assertBound(url, bound);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = bound === undefined ? await fetchFn(url, { ...rest, signal, redirect: 'follow' }) : await followWithin(fetchFn, url, { ...rest, signal }, bound, site);
    const text = await response.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw networkError(error, site, timeoutMs);
  }
}

/// fetch would resend a redirected POST's body (a refresh token, a post) to wherever the server
/// points, and what it strips on the way is up to the runtime; so a request carrying a secret
/// follows redirects itself, and only within its origin.
async function followWithin(fetchFn: FetchLike, url: string, init: RequestInit, bound: string, site: string): Promise<Response> {
  let at = url;
  let request = init;
  for (let hop = 0; ; hop++) {
    const response = await fetchFn(at, { ...request, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = URL.canParse(location, at) ? new URL(location, at).href : null;
    if (!next || originOf(next) !== bound) {
      throw new PublishError('auth', `${site} sent Postwright on to ${next ? originOf(next) : 'an unreadable address'}, and Postwright sends this target’s sign-in only to ${bound}. If the site has moved, change the target’s address and sign in again.`);
    }
    if (hop >= MAX_REDIRECTS) throw new PublishError('server', `${site} sent Postwright round in redirects. Check the site address in the target’s settings.`);
    // 303, and 301/302 after a POST, continue as a GET without the body, as browsers do.
    const method = (request.method ?? 'GET').toUpperCase();
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      const headers = new Headers(request.headers);
      headers.delete('content-type');
      request = { ...request, method: method === 'HEAD' ? 'HEAD' : 'GET', body: undefined, headers };
    }
    at = next;
  }
}

function networkError(error: unknown, site: string, timeoutMs: number): PublishError {
  const name = (error as Error | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const seconds = Math.max(1, Math.round(timeoutMs / 1000));
    return new PublishError('network', `${site} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Postwright will try again; nothing is lost.`, { cause: error });
  }
  const code = causeCode(error);
  const why =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `the name ${site} could not be found (are you online, and is the address right?)`
      : code === 'ECONNREFUSED'
        ? `${site} refused the connection (is the site up?)`
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
          ? `the connection to ${site} was cut`
          : code?.startsWith('ERR_TLS') || code?.includes('CERT')
            ? `the secure connection to ${site} failed (${code}); check the site’s certificate`
            : `${site} could not be reached (${code ?? (error as Error)?.message ?? 'unknown error'})`;
  return new PublishError('network', `Publishing stopped because ${why}. Postwright will try again; nothing is lost.`, { cause: error });
}

/// undici hides the system error code one or two `cause`s down.
function causeCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/// The kind of a non-2xx status. Auth is decided on 401 alone: WordPress's error code for a
/// bad password depends on the endpoint.
export function kindOfStatus(status: number): PublishErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'server';
  return 'rejected';
}

/// Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable.
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/// The site's host for messages: "example.com" rather than a long URL.
export function siteName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/// The words for a failure every backend describes alike; backends word the kinds that
/// need their own advice (sign-in, permissions, addresses) themselves and fall back here.
export function failureMessage(label: string, kind: PublishErrorKind, status: number, what: string, quoted: string): string {
  switch (kind) {
    case 'rate-limited':
      return `${label} asked Postwright to slow down while trying to ${what}. Postwright will try again; nothing is lost.`;
    case 'server':
      return `${label} had a problem (HTTP ${status}) while Postwright tried to ${what}. Postwright will try again; nothing is lost.`;
    default:
      return `${label} refused to ${what}${quoted || ` (HTTP ${status})`}.`;
  }
}
