/// The browser sign-in's two ends without a WordPress: finding the page, reading the answer.
import { describe, expect, it } from 'vitest';
import { authorizeUrl, parseCallback } from '../../../main/publish/wordpress-auth';

const APP_ID = '0f8c2a5e-3b1d-4c6e-9a7f-2d4b6e8f0a1c';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const index = (authentication: unknown) => ({ name: 'Blog', namespaces: ['wp/v2'], authentication });
const endpoint = { 'application-passwords': { endpoints: { authorization: 'https://blog.example.com/wp/wp-admin/authorize-application.php' } } };

describe('authorizeUrl', () => {
  it('uses the endpoint the index names, falling back to ?rest_route= without pretty permalinks', async () => {
    const asked: string[] = [];
    const fetch = async (url: string) => {
      asked.push(url);
      return url.includes('rest_route') ? json(200, index(endpoint)) : new Response('<html>404</html>', { status: 404 });
    };
    const url = await authorizeUrl('https://blog.example.com/', 'postwright://wordpress/done', APP_ID, { fetch });
    expect(asked).toEqual(['https://blog.example.com/wp-json/', 'https://blog.example.com/?rest_route=/']);
    expect(url).toBe(`https://blog.example.com/wp/wp-admin/authorize-application.php?app_name=Postwright&app_id=${APP_ID}&success_url=postwright%3A%2F%2Fwordpress%2Fdone`);
  });

  it('explains turned-off application passwords, a private API and a server error', async () => {
    await expect(authorizeUrl('https://blog.example.com', 'https://x.test/', APP_ID, { fetch: async () => json(200, index([])) })).rejects.toMatchObject({ kind: 'permission', message: expect.stringMatching(/^blog\.example\.com has application passwords turned off/) });
    await expect(authorizeUrl('https://blog.example.com', 'https://x.test/', APP_ID, { fetch: async () => json(401, { code: 'rest_login_required' }) })).rejects.toMatchObject({ kind: 'permission', message: expect.stringMatching(/only to signed-in users/) });
    await expect(authorizeUrl('https://blog.example.com', 'https://x.test/', APP_ID, { fetch: async () => new Response('', { status: 503, headers: { 'Retry-After': '30' } }) })).rejects.toMatchObject({ kind: 'server', retryAfterMs: 30_000 });
    await expect(authorizeUrl('https://blog.example.com', 'https://x.test/', APP_ID, { fetch: async () => json(200, { hello: 'not wordpress' }) })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('parseCallback', () => {
  it('reads the approval, the refusal and a disabled account', () => {
    expect(parseCallback('postwright://wordpress/done?state=1&site_url=https%3A%2F%2Fblog.example.com&user_login=ana+b&password=abcdABCD1234efghEFGH5678')).toEqual({ siteUrl: 'https://blog.example.com', username: 'ana b', password: 'abcdABCD1234efghEFGH5678' });
    expect(parseCallback('postwright://wordpress/done?state=1&success=false')).toEqual({ rejected: true });
    expect(() => parseCallback('postwright://wordpress/done?error=disabled')).toThrow(/does not allow application passwords for this account/);
    expect(() => parseCallback('postwright://wordpress/done?site_url=x')).toThrow(/without an application password/);
    expect(() => parseCallback('not a url')).toThrow(/not the address WordPress sends back/);
  });
});
