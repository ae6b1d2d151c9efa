/// Signing in to a real WordPress from the browser: the Authorize Application page is found
/// through the REST index, the blogger (played here by fetch with the admin's cookies) approves
/// or declines, WordPress sends the browser to a local listener, and the password it carries
/// signs in to the REST API.
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../main/publish/errors';
import { authorizeUrl, parseCallback } from '../../main/publish/wordpress-auth';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const timeout = () => AbortSignal.timeout(15_000);

/// What a browser does: keeps cookies, shows pages, follows the final redirect to the app.
class Browser {
  private cookies = new Map<string, string>([['wordpress_test_cookie', 'WP%20Cookie%20check']]);

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      signal: timeout(),
      headers: { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  async logIn(wp: WordPress): Promise<void> {
    const response = await this.request(`${wp.url}/wp-login.php`, { method: 'POST', form: { log: wp.username, pwd: wp.adminPassword, 'wp-submit': 'Log In', redirect_to: `${wp.url}/wp-admin/`, testcookie: '1' } });
    expect(response.status, 'wp-login.php signs the admin in').toBe(302);
    expect([...this.cookies.keys()].some((k) => k.startsWith('wordpress_logged_in_'))).toBe(true);
  }

  /// Opens the Authorize Application page and presses one of its buttons; returns where WordPress sends the browser.
  async answer(authorize: string, button: 'approve' | 'reject'): Promise<string> {
    const page = await this.request(authorize);
    const html = await page.text();
    expect(page.status, html.slice(0, 500)).toBe(200);
    const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
    const fields: Record<string, string> = {};
    for (const match of form.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(match[0])?.[1];
      const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
      if (name && !['approve', 'reject'].includes(name)) fields[name] = decodeEntities(value);
    }
    expect(fields).toMatchObject({ action: 'authorize_application_password', app_name: 'Postwright' });
    expect(fields._wpnonce).toBeTruthy();
    const sent = await this.request(new URL(/<form[^>]*action="([^"]+)"/.exec(form)![1]!.replaceAll('&#038;', '&'), authorize).href, { method: 'POST', form: { ...fields, [button]: button } });
    expect(sent.status, await sent.clone().text().then((t) => t.slice(0, 300))).toBe(302);
    return sent.headers.get('location')!;
  }
}

function decodeEntities(value: string): string {
  return value.replaceAll('&#038;', '&').replaceAll('&amp;', '&').replaceAll('&#039;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}

/// The app's side: a listener the browser lands on, which keeps the address it was sent to.
async function listen(answer: (url: string) => { status: number; body: string } = () => ({ status: 200, body: 'You can close this window.' })): Promise<{ server: Server; base: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    seen.push(`${base}${req.url}`);
    const { status, body } = answer(req.url ?? '/');
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe.skipIf(!hasWordPress)(hasWordPress ? 'signing in to WordPress from the browser' : 'signing in to WordPress from the browser (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let app: Awaited<ReturnType<typeof listen>>;
  const appId = randomUUID();

  beforeAll(async () => {
    [wp, app] = await Promise.all([startWordPress(), listen()]);
  }, 90_000);
  afterAll(async () => {
    app?.server.close();
    await wp?.stop();
  });

  it('finds the Authorize Application page through the REST index', async () => {
    const url = new URL(await authorizeUrl(`${wp.url}/`, `${app.base}/wordpress/done?state=s1`, appId));
    expect(url.origin + url.pathname).toBe(`${wp.url}/wp-admin/authorize-application.php`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ app_name: 'Postwright', app_id: appId, success_url: `${app.base}/wordpress/done?state=s1` });
  });

  it('gets an application password when the blogger approves, and it signs in', async () => {
    const browser = new Browser();
    await browser.logIn(wp);
    const location = await browser.answer(await authorizeUrl(wp.url, `${app.base}/wordpress/done?state=s2`, appId), 'approve');
    // The browser follows WordPress to the app's listener.
    await fetch(location, { signal: timeout() });
    const landed = app.seen.at(-1)!;
    expect(landed).toContain('/wordpress/done?state=s2&');
    const callback = parseCallback(landed);
    if ('rejected' in callback) throw new Error('expected an approval');
    expect(callback).toMatchObject({ siteUrl: wp.url, username: wp.username });
    expect(callback.password).toMatch(/^[A-Za-z0-9]{24}$/);

    const me = await fetch(`${wp.url}/wp-json/wp/v2/users/me?context=edit`, { headers: { Authorization: basic(callback.username, callback.password) }, signal: timeout() });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ slug: wp.username, capabilities: { edit_posts: true } });
    const wrong = await fetch(`${wp.url}/wp-json/wp/v2/users/me`, { headers: { Authorization: basic(callback.username, 'x'.repeat(24)) }, signal: timeout() });
    expect(wrong.status).toBe(401);
  });

  it('says so when the blogger declines', async () => {
    const browser = new Browser();
    await browser.logIn(wp);
    const location = await browser.answer(await authorizeUrl(wp.url, `${app.base}/wordpress/done?state=s3`, appId), 'reject');
    await fetch(location, { signal: timeout() });
    expect(parseCallback(app.seen.at(-1)!)).toEqual({ rejected: true });
  });

  it('explains a site with application passwords turned off', async () => {
    const plugin = path.join(wp.dir, 'wp-content', 'mu-plugins', 'no-app-passwords.php');
    writeFileSync(plugin, "<?php\nadd_filter('wp_is_application_passwords_available', '__return_false');\n");
    try {
      const error = await authorizeUrl(wp.url, `${app.base}/done`, appId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect(error).toMatchObject({ kind: 'permission', message: expect.stringMatching(/has application passwords turned off/) });
    } finally {
      rmSync(plugin);
    }
  });

  it('explains an address that is not WordPress', async () => {
    const other = await listen((url) => (url.startsWith('/wp-json') ? { status: 404, body: 'Not Found' } : { status: 200, body: '<html>a shop</html>' }));
    try {
      await expect(authorizeUrl(other.base, `${app.base}/done`, appId)).rejects.toMatchObject({ kind: 'not-found', message: `${other.base} does not look like a WordPress site (it has no WordPress REST API at /wp-json/). Check the site address.` });
      await expect(authorizeUrl(wp.url, `${app.base}/done`, 'not-a-uuid')).rejects.toThrow(/not a UUID/);
    } finally {
      other.server.close();
    }
  });
});
