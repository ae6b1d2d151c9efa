/// Signing in to WordPress from the browser instead of pasting an application password: the
/// blogger approves "Postwright" on the site's Authorize Application screen, and WordPress sends
/// the browser on to `successUrl?site_url=…&user_login=…&password=…` (or, when they decline, to
/// `successUrl?success=false`). The success URL must be https or an app scheme
/// (`postwright://…`); WordPress accepts http only on a site whose WP_ENVIRONMENT_TYPE is local.
import { PublishError } from './errors';
import { httpRequest, kindOfStatus, retryAfterMs, siteName, type FetchLike, type HttpReply } from './http';

export const APP_NAME = 'Postwright';

export interface WordPressAuthOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
}

export type AuthCallback = { siteUrl: string; username: string; password: string } | { rejected: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/// The address to open in the browser. It comes from the site's REST index, so a site that
/// moved its admin, or turned application passwords off, says so before the browser opens.
/// `appId` is a UUID (WordPress refuses anything else); keep it per install, so the site lists
/// one "Postwright" application however often the blogger signs in.
export async function authorizeUrl(siteUrl: string, successUrl: string, appId: string, options: WordPressAuthOptions = {}): Promise<string> {
  if (!UUID.test(appId)) throw new PublishError('invalid', `The application ID “${appId}” is not a UUID; WordPress accepts only UUIDs.`);
  if (!URL.canParse(successUrl)) throw new PublishError('invalid', `“${successUrl}” is not a URL WordPress can send the browser back to.`);
  const site = siteUrl.trim().replace(/\/+$/, '');
  const host = siteName(site);
  const index = await restIndex(site, host, options);
  const authentication = (index as { authentication?: unknown }).authentication;
  const endpoint = pick(authentication, 'application-passwords', 'endpoints', 'authorization');
  if (typeof endpoint !== 'string' || !/^https?:\/\//i.test(endpoint) || !URL.canParse(endpoint)) {
    throw new PublishError(
      'permission',
      `${host} has application passwords turned off (a security plugin or the site’s settings can do that), so Postwright cannot sign in from the browser. Ask the site’s admin to allow application passwords, or create one under Users → Profile and paste it in.`,
    );
  }
  const url = new URL(endpoint);
  url.searchParams.set('app_name', APP_NAME);
  url.searchParams.set('app_id', appId);
  url.searchParams.set('success_url', successUrl);
  return url.href;
}

/// What WordPress sent back: the new application password, or that the blogger declined.
export function parseCallback(callbackUrl: string): AuthCallback {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw new PublishError('invalid', `“${callbackUrl}” is not the address WordPress sends back after signing in.`);
  }
  const q = url.searchParams;
  if (q.get('success') === 'false') return { rejected: true };
  // Sent from the sign-in screen's "Go back" when the account may not use application passwords.
  if (q.get('error') === 'disabled') {
    throw new PublishError('permission', 'WordPress does not allow application passwords for this account. Ask the site’s admin to allow them, or sign in with another account.');
  }
  const siteUrl = q.get('site_url')?.trim();
  const username = q.get('user_login')?.trim();
  const password = q.get('password')?.trim();
  if (!siteUrl || !username || !password) {
    throw new PublishError('invalid', 'WordPress came back without an application password. Try signing in again, or create one under Users → Profile and paste it in.');
  }
  return { siteUrl: siteUrl.replace(/\/+$/, ''), username, password };
}

/// `GET /wp-json/`, or `/?rest_route=/` where pretty permalinks are off.
async function restIndex(site: string, host: string, options: WordPressAuthOptions): Promise<object> {
  const fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  const get = (url: string) => httpRequest(fetchFn, url, { method: 'GET', headers: { Accept: 'application/json' }, timeoutMs: options.timeoutMs ?? 30_000 }, host);
  const pretty = await get(`${site}/wp-json/`);
  if (isIndex(pretty)) return pretty.json as object;
  const plain = await get(`${site}/?rest_route=/`);
  if (isIndex(plain)) return plain.json as object;
  const kind = kindOfStatus(pretty.status);
  if ((kind === 'auth' || kind === 'permission') && pretty.json !== undefined) {
    throw new PublishError('permission', `${host} shows its REST API only to signed-in users, so Postwright cannot find its sign-in page. Create an application password under Users → Profile and paste it in.`);
  }
  if (kind === 'server' || kind === 'rate-limited') {
    throw new PublishError(kind, `${host} answered ${pretty.status} when Postwright looked for its sign-in page. Try again in a moment.`, { retryAfterMs: retryAfterMs(pretty.headers) });
  }
  throw new PublishError('not-found', `${site} does not look like a WordPress site (it has no WordPress REST API at /wp-json/). Check the site address.`);
}

/// WordPress's index names its namespaces; any other JSON at that address is not WordPress.
function isIndex(reply: HttpReply): boolean {
  const json = reply.json as { namespaces?: unknown } | undefined;
  return reply.status === 200 && typeof json === 'object' && json !== null && Array.isArray(json.namespaces);
}

function pick(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
