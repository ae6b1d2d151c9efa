/// Signing in to Google the way Google asks installed apps to: the system browser, a redirect to
/// a one-off listener on 127.0.0.1 (random port), PKCE (S256) and a `state` check. The blogger
/// brings their own OAuth client (a "Desktop app" client from their Google Cloud project): its id
/// and, for Desktop clients, the secret Google issues with it. Nothing of it is compiled in.
/// The caller keeps the refresh token in the SecretStore; access tokens live in memory only.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { originOf } from './bound-secret';
import { PublishError } from './errors';
import { googleEndpoints } from './google-endpoints';
import { httpRequest, siteName, type FetchLike } from './http';

export { GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL } from './google-endpoints';

export interface GoogleClient {
  clientId: string;
  /// Desktop clients come with one; Google still wants it sent, though it is not secret there.
  clientSecret?: string | null;
  /// The origin the stored refresh token was issued by; the token service is refused otherwise.
  bound?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /// Names the service in messages: "Blogger sign-in has expired…".
  service?: string;
}

export interface GoogleTokens {
  accessToken: string;
  /// Epoch milliseconds.
  expiresAt: number;
  refreshToken: string;
  scope: string;
}

export interface SignInOptions extends GoogleClient {
  scopes: string[];
  /// Opens the URL in the system browser (shell.openExternal, `open`, `xdg-open`, …).
  openBrowser: (url: string) => void | Promise<void>;
  /// How long to wait for the blogger to finish in the browser.
  waitMs?: number;
  /// Suggests the account to sign in with.
  loginHint?: string;
  now?: () => number;
}

/// The whole sign-in: listener, browser, code, tokens.
export async function signInWithGoogle(options: SignInOptions): Promise<GoogleTokens> {
  const service = options.service ?? 'Google';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const listener = await listenOnce(state, options.waitMs ?? 5 * 60_000, service);
  try {
    const auth = new URL(googleEndpoints().auth);
    const params: Record<string, string> = {
      client_id: options.clientId,
      redirect_uri: listener.redirectUri,
      response_type: 'code',
      scope: options.scopes.join(' '),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    };
    if (options.loginHint) params.login_hint = options.loginHint;
    for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
    await options.openBrowser(auth.href);
    const code = await listener.code;
    const json = await tokenRequest(options, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: listener.redirectUri,
      code_verifier: verifier,
    });
    const refreshToken = typeof json.refresh_token === 'string' ? json.refresh_token : '';
    if (!refreshToken) throw new PublishError('auth', `${service} sign-in did not return a refresh token, so Postwright could not stay signed in. Remove Postwright under “Third-party apps with account access” in your Google account and sign in again.`);
    return { ...access(json, options.now ?? Date.now), refreshToken };
  } finally {
    listener.close();
  }
}

/// A fresh access token from the stored refresh token.
export async function refreshGoogleToken(client: GoogleClient, refreshToken: string, now: () => number = Date.now): Promise<{ accessToken: string; expiresAt: number; scope: string }> {
  return access(await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken }), now);
}

function access(json: Record<string, unknown>, now: () => number): { accessToken: string; expiresAt: number; scope: string } {
  if (typeof json.access_token !== 'string') throw new PublishError('rejected', 'Google’s sign-in answered without an access token.');
  const seconds = typeof json.expires_in === 'number' ? json.expires_in : 3600;
  // A minute early, so a token does not run out between the check and the request.
  return { accessToken: json.access_token, expiresAt: now() + Math.max(0, seconds - 60) * 1000, scope: String(json.scope ?? '') };
}

async function tokenRequest(client: GoogleClient, fields: Record<string, string>): Promise<Record<string, unknown>> {
  const service = client.service ?? 'Google';
  const url = googleEndpoints().token;
  const form = new URLSearchParams({ client_id: client.clientId, ...fields });
  if (client.clientSecret) form.set('client_secret', client.clientSecret);
  const fetchFn = client.fetch ?? ((u, init) => fetch(u, init));
  const reply = await httpRequest(fetchFn, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: form.toString(),
    timeoutMs: client.timeoutMs ?? 30_000,
    bound: client.bound ?? originOf(url),
  }, siteName(url));
  const json = (reply.json ?? {}) as Record<string, unknown>;
  if (reply.status >= 200 && reply.status < 300) return json;
  const error = String(json.error ?? '');
  const said = typeof json.error_description === 'string' && json.error_description ? ` (Google said: “${json.error_description}”)` : '';
  switch (error) {
    case 'invalid_grant':
      return Promise.reject(new PublishError('auth', `${service} sign-in has expired or was revoked: sign in again.${said}`, { cause: json }));
    case 'invalid_client':
    case 'unauthorized_client':
      return Promise.reject(new PublishError('auth', `Google did not accept the OAuth client id or secret in this target’s settings${said}. Check them against the Desktop app client in your Google Cloud project (APIs & Services → Credentials).`, { cause: json }));
    case 'redirect_uri_mismatch':
      return Promise.reject(new PublishError('auth', `Google refused the sign-in’s return address${said}. The OAuth client must be of type “Desktop app”.`, { cause: json }));
    default:
      if (reply.status === 429 || reply.status >= 500) return Promise.reject(new PublishError(reply.status === 429 ? 'rate-limited' : 'server', `Google’s sign-in service had a problem (HTTP ${reply.status}). Postwright will try again; nothing is lost.`, { cause: json }));
      return Promise.reject(new PublishError('auth', `Google refused the sign-in (${error || `HTTP ${reply.status}`})${said}.`, { cause: json }));
  }
}

interface Listener {
  redirectUri: string;
  code: Promise<string>;
  close(): void;
}

/// Waits for the browser to come back with `?code=…&state=…` (or `?error=…`).
async function listenOnce(state: string, waitMs: number, service: string): Promise<Listener> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const page = (title: string, text: string) =>
    `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    // Only the redirect carries these; a favicon request or a stray visit is not the answer.
    if (url.pathname !== '/' || (!q.has('code') && !q.has('error'))) {
      res.writeHead(404).end();
      return;
    }
    const answer = (status: number, title: string, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
      res.end(page(title, text));
    };
    if (q.get('state') !== state) {
      answer(400, 'Sign-in not accepted', 'This answer does not belong to the sign-in Postwright started. Start the sign-in again from Postwright.');
      settle.reject(new PublishError('auth', `The ${service} sign-in answer did not match the sign-in Postwright started (the state check failed), so it was ignored. Start the sign-in again; if it keeps happening, another program may be interfering.`));
      return;
    }
    const error = q.get('error');
    if (error) {
      answer(200, 'Sign-in cancelled', 'You can close this window and return to Postwright.');
      settle.reject(new PublishError('auth', error === 'access_denied'
        ? `You declined access in the browser, so Postwright cannot post to ${service}. Sign in again and allow access to publish there.`
        : `Google refused the sign-in (${error}). Check the OAuth client in this target’s settings and sign in again.`));
      return;
    }
    answer(200, 'Signed in', 'Postwright is signed in. You can close this window and return to Postwright.');
    settle.resolve(q.get('code')!);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => {
    const minutes = Math.max(1, Math.round(waitMs / 60_000));
    settle.reject(new PublishError('auth', `The ${service} sign-in was not finished in the browser within ${minutes} minute${minutes === 1 ? '' : 's'}. Start it again when you are ready.`));
  }, waitMs);
  timer.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    redirectUri: `http://127.0.0.1:${port}/`,
    code,
    close: () => {
      clearTimeout(timer);
      server.closeAllConnections();
      server.close();
    },
  };
}
