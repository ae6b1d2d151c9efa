/// HTTP for the REST backends: one timeout for the whole exchange (a hung server must not hang
/// a publish), network failures as PublishError('network'), and the status classes every
/// backend maps the same way. The wording about a particular service stays in its backend.
import type { PublishErrorKind } from '../../shared/publish';
import { PublishError } from './errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /// The body parsed as JSON, or undefined when it is not JSON.
  json: unknown;
}

export interface HttpRequest extends Omit<RequestInit, 'signal'> {
  timeoutMs: number;
}

/// `site` names the server in messages ("example.com").
export async function httpRequest(fetchFn: FetchLike, url: string, init: HttpRequest, site: string): Promise<HttpReply> {
  const { timeoutMs, ...rest } = init;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFn(url, { ...rest, signal, redirect: 'follow' });
    const text = await response.text();
    let json: unknown;
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  } catch (error) {
    throw networkError(error, site, timeoutMs);
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
