/// The Ghost backend without a Ghost: the Admin API token, the headers every request carries, a
/// malformed key, and the wording of Ghost's errors.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminToken, GhostPublisher } from '../../../main/publish/ghost';

const ID = '6b064f95f6982b6ec8c824a9';
const SECRET = '8b91d4fcf013228b95e2e66de424f74735cda4c97419839ef0d6c04f528bcb63';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('adminToken', () => {
  it('is an HS256 JWT for /admin/ signed with the hex-decoded secret, living five minutes', () => {
    const token = adminToken(ID, SECRET, 1_700_000_000_999);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', kid: ID });
    expect(decode(payload)).toEqual({ iat: 1_700_000_000, exp: 1_700_000_300, aud: '/admin/' });
    expect(signature).toBe(createHmac('sha256', Buffer.from(SECRET, 'hex')).update(`${header}.${payload}`).digest('base64url'));
  });
});

describe('GhostPublisher', () => {
  it('signs every request and asks for the v5 Admin API', async () => {
    const seen: Array<{ url: string; headers: Headers }> = [];
    const fetch = async (url: string, init: RequestInit) => {
      seen.push({ url, headers: new Headers(init.headers) });
      return json(200, url.includes('/site/') ? { site: { title: 'My Blog' } } : { posts: [] });
    };
    const ghost = new GhostPublisher({ siteUrl: 'https://blog.example.com' }, `${ID}:${SECRET}`, { fetch });
    expect(await ghost.check()).toBe('the Admin API key on My Blog (blog.example.com)');
    expect(seen.map((s) => s.url)).toEqual(['https://blog.example.com/ghost/api/admin/posts/?limit=1&fields=id', 'https://blog.example.com/ghost/api/admin/site/']);
    for (const { headers } of seen) {
      expect(headers.get('Accept-Version')).toBe('v5.0');
      expect(headers.get('Authorization')).toMatch(/^Ghost [\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('refuses a key that is not an Admin API key before sending anything', async () => {
    const fetch = async () => Promise.reject(new Error('no request expected'));
    const ghost = new GhostPublisher({ siteUrl: 'https://blog.example.com' }, 'a-content-api-key', { fetch });
    await expect(ghost.check()).rejects.toMatchObject({ kind: 'auth', message: expect.stringMatching(/not an Admin API key.*Settings → Integrations/) });
  });

  it('says what to do about each failure', async () => {
    const answer = (response: Response) => new GhostPublisher({ siteUrl: 'https://blog.example.com' }, `${ID}:${SECRET}`, { fetch: async () => response.clone() });
    await expect(answer(json(401, { errors: [{ message: 'Invalid token: invalid signature', type: 'UnauthorizedError' }] })).check()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/^Ghost refused the Admin API key for blog\.example\.com.*create a new custom integration under Settings → Integrations/i),
    });
    const collision = { errors: [{ message: 'Saving failed! Someone else is editing this post.', context: 'Saving failed! Someone else is editing this post.', type: 'UpdateCollisionError' }] };
    const remote = { id: '1', url: '', modified: '2024-01-01T00:00:00.000Z abc', title: 'T', content: '', status: 'published' };
    const post = { postId: 'p', key: 'pw-1', title: 'T', slug: 't', status: 'published' as const, date: null, dateIsDay: false, tags: [], categories: [], excerpt: null, canonicalUrl: null, html: '<p>x</p>', cover: null, assets: [] };
    const conflict = answer(json(409, collision)).update(remote, post);
    await expect(conflict).rejects.toMatchObject({ kind: 'conflict', message: 'The post was changed on Ghost at blog.example.com while Postwright was publishing it (Ghost said: “Saving failed! Someone else is editing this post.”). Nothing was overwritten; compare the two versions and choose which to keep.' });
    await expect(answer(json(422, { errors: [{ message: 'Validation error, cannot save post.', context: 'Excerpt cannot be longer than 300 characters.' }] })).create(post)).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/Excerpt cannot be longer than 300 characters/) });
    await expect(answer(new Response('<html>Not found</html>', { status: 404 })).check()).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/does not look like a Ghost site/) });
    await expect(answer(new Response('', { status: 503, headers: { 'Retry-After': '20' } })).check()).rejects.toMatchObject({ kind: 'server', retryAfterMs: 20_000 });
  });

  it('says what Ghost’s rendering of the post lost, and nothing when it kept everything', async () => {
    const post = { postId: 'p', key: 'pw-1', title: 'T', slug: 't', status: 'published' as const, date: null, dateIsDay: false, tags: [], categories: [], excerpt: null, canonicalUrl: null, cover: null, assets: [],
      html: '<h2 id="a">A</h2><p>E is <math><mi>E</mi></math>.</p><iframe src="https://www.youtube.com/embed/x"></iframe>' };
    const answer = (html: string) => new GhostPublisher({ siteUrl: 'https://blog.example.com' }, `${ID}:${SECRET}`, { fetch: async () => json(201, { posts: [{ id: '1', url: 'u', updated_at: '2024-01-01T00:00:00.000Z', title: 'T', status: 'published', html }] }) });
    // Ghost's own markup around the same constructs: nothing to report.
    const kept = await answer('<h2 id="a">A</h2>\n<!--kg-card-begin: html--><p>E is <math><mi>E</mi></math>.</p><!--kg-card-end: html--><figure class="kg-embed-card"><iframe src="https://www.youtube.com/embed/x?feature=oembed"></iframe></figure>').create(post);
    expect(kept.warnings).toBeUndefined();
    const lost = await answer('<h2 id="a">A</h2><p>E is .</p><figure class="kg-embed-card"><iframe src="https://www.youtube.com/embed/x"></iframe></figure>').create(post);
    expect(lost.warnings).toEqual(['Ghost removed all formulas (MathML <math>) from 1 block when it stored the post: readers will not see them.', expect.stringMatching(/Publish math as images/)]);
    expect(lost.mathStripped).toBe(true);
  });
});
