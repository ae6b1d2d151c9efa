/// The WordPress backend against a scripted fetch: how each kind of failure reads to a blogger,
/// the term_exists race, upload headers, dates, and the ?rest_route= fallback.
import { describe, expect, it } from 'vitest';
import { PublishError } from '../../../main/publish/errors';
import { kindOfStatus, retryAfterMs } from '../../../main/publish/http';
import type { OutgoingPost } from '../../../main/publish/publisher';
import { WordPressPublisher } from '../../../main/publish/wordpress';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;
type Handler = (url: URL, init: RequestInit) => Reply | undefined;

/// Classic content by default: these tests are about the conversation with WordPress; the
/// blocks are tested in wp-blocks.test.ts.
function wordpress(handler: Handler, siteUrl = 'https://blog.example.com', editor: 'blocks' | 'classic' = 'classic') {
  const requests: Array<{ method: string; url: URL; init: RequestInit }> = [];
  const fetch = async (url: string, init: RequestInit) => {
    const parsed = new URL(url);
    requests.push({ method: init.method ?? 'GET', url: parsed, init });
    if (parsed.pathname === '/wp-json/' && !parsed.searchParams.has('rest_route')) {
      const custom = handler(parsed, init);
      if (!custom) return new Response('{"namespaces":["wp/v2"]}', { status: 200 });
    }
    const reply = handler(parsed, init) ?? { status: 404, body: { code: 'rest_no_route', message: 'No route' } };
    if (reply instanceof Error) throw reply;
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
  };
  const wp = new WordPressPublisher({ siteUrl, username: 'alice', editor }, 'abcd efgh ijkl mnop qrst uvwx', { fetch, timeoutMs: 200, now: () => Date.parse('2025-06-01T10:00:00Z') });
  return { wp, requests };
}

const post = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
  postId: 'p', key: 'pw-key', title: 'T', slug: 't', status: 'published', date: null, dateIsDay: false,
  tags: [], categories: [], excerpt: null, canonicalUrl: null, html: '<p>Hi</p>', cover: null, assets: [], ...over,
});
const asset = { file: 'Photo d’été.PNG', hash: 'abcdef0123456789'.repeat(4), bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' };
const failure = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as PublishError;

describe('WordPress errors', () => {
  it('calls a 401 whose code does not say more a refused application password', async () => {
    for (const code of ['rest_cannot_create', 'rest_not_logged_in']) {
      const { wp } = wordpress(() => ({ status: 401, body: { code, message: 'Sorry, you are not allowed to create posts as this user.' } }));
      const error = await failure(wp.create(post()));
      expect(error.kind).toBe('auth');
      expect(error.message).toBe('WordPress at blog.example.com refused the application password for alice: it may have been revoked or mistyped. Create a new one under Users → Profile → Application Passwords and update the target.');
    }
  });

  it('explains 403, 429, 500, a rejected request and a dead network', async () => {
    const cases: Array<[Reply, string, RegExp]> = [
      [{ status: 403, body: { code: 'rest_cannot_publish', message: 'Sorry, you are not allowed to publish posts in this post type.' } }, 'permission', /did not allow alice to create the post \(WordPress said: “Sorry, you are not allowed to publish posts in this post type\.”\)\. Ask the site’s admin/],
      [{ status: 429, headers: { 'Retry-After': '120' } }, 'rate-limited', /asked Postwright to slow down while trying to create the post/],
      [{ status: 502 }, 'server', /had a problem \(HTTP 502\) while Postwright tried to create the post\. Postwright will try again/],
      [{ status: 400, body: { code: 'rest_invalid_param', message: 'Invalid parameter(s): <b>status</b>' } }, 'rejected', /refused to create the post \(WordPress said: “Invalid parameter\(s\): status”\)/],
      [Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'network', /blog\.example\.com refused the connection \(is the site up\?\)\. Postwright will try again; nothing is lost\./],
    ];
    for (const [reply, kind, message] of cases) {
      const { wp } = wordpress((url) => (url.pathname === '/wp-json/' ? undefined : reply));
      const error = await failure(wp.create(post()));
      expect(error.kind, kind).toBe(kind);
      expect(error.message).toMatch(message);
      if (kind === 'rate-limited') expect(error.retryAfterMs).toBe(120_000);
    }
  });

  it('gives up on a server that never answers', async () => {
    const hang = new WordPressPublisher({ siteUrl: 'https://blog.example.com', username: 'alice', editor: 'classic' }, 'x', {
      timeoutMs: 50,
      fetch: (_url, init) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    const error = await failure(hang.create(post()));
    expect(error).toMatchObject({ kind: 'network', message: 'blog.example.com did not answer within 1 second. Postwright will try again; nothing is lost.' });
  });

  it('classifies statuses and reads Retry-After as seconds or a date', () => {
    expect([401, 403, 404, 409, 429, 500, 503, 408, 400, 413].map(kindOfStatus)).toEqual(['auth', 'permission', 'not-found', 'conflict', 'rate-limited', 'server', 'server', 'server', 'rejected', 'rejected']);
    const now = Date.parse('2025-06-01T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'Retry-After': '7' }), now)).toBe(7_000);
    expect(retryAfterMs(new Headers({ 'Retry-After': 'Sun, 01 Jun 2025 10:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('WordPress requests', () => {
  it('reuses the term another publish created in the meantime (term_exists)', async () => {
    const { wp, requests } = wordpress((url, init) => {
      if (url.pathname.endsWith('/wp/v2/tags') && init.method === 'GET') return { status: 200, body: [{ id: 3, name: 'Q&amp;A' }] };
      if (url.pathname.endsWith('/wp/v2/tags')) return { status: 400, body: { code: 'term_exists', message: 'A term with the name provided already exists.', data: { status: 400, term_id: 42 } } };
      if (url.pathname.endsWith('/wp/v2/posts')) return { status: 201, body: { id: 9, link: 'https://blog.example.com/t/', modified_gmt: '2025-06-01T10:00:00' } };
      return undefined;
    });
    await wp.create(post({ tags: ['Q&A', 'Travel'] }));
    const sent = JSON.parse(String(requests.at(-1)!.init.body)) as { tags: number[]; featured_media: number; categories?: number[] };
    expect(sent.tags).toEqual([3, 42]);
    expect(sent.featured_media).toBe(0);
    expect(sent.categories).toBeUndefined();
  });

  it('uploads with a quoted ASCII file name led by the content hash', async () => {
    const { wp, requests } = wordpress((url) => (url.pathname.endsWith('/wp/v2/media') ? { status: 201, body: { id: 5, source_url: 'https://blog.example.com/wp-content/uploads/x.png' } } : undefined));
    expect(await wp.uploadAsset(asset)).toEqual({ id: '5', url: 'https://blog.example.com/wp-content/uploads/x.png' });
    const headers = new Headers(requests.at(-1)!.init.headers);
    expect(headers.get('content-disposition')).toBe('attachment; filename="abcdef012345-Photo-d-ete.png"');
    expect(headers.get('content-type')).toBe('image/png');
    expect(headers.get('authorization')).toBe(`Basic ${Buffer.from('alice:abcd efgh ijkl mnop qrst uvwx').toString('base64')}`);
  });

  it('sends dates only when they mean something', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const { wp } = wordpress((url, init) => {
      if (!url.pathname.includes('/wp/v2/posts')) return undefined;
      bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      return { status: 200, body: { id: 1, link: 'l', modified_gmt: 'm' } };
    });
    await wp.create(post({ date: '2025-06-01T00:00:00.000Z', dateIsDay: true }));
    await wp.create(post({ date: '2024-02-03T00:00:00.000Z', dateIsDay: true }));
    await wp.create(post({ date: '2030-02-03T09:30:00.000Z', status: 'scheduled' }));
    const remote = { id: '1', url: 'l', modified: 'm', title: 'T', content: '', status: 'publish' };
    await wp.update(remote, post({ date: '2024-02-03T00:00:00.000Z', dateIsDay: true }));
    expect(bodies.map((b) => [b.status, b.date_gmt])).toEqual([['publish', undefined], ['publish', '2024-02-03T00:00:00'], ['future', '2030-02-03T09:30:00'], ['publish', undefined]]);
  });

  it('falls back to ?rest_route= where pretty permalinks are off', async () => {
    const { wp, requests } = wordpress((url) => {
      if (url.pathname === '/wp-json/') return { status: 404 };
      if (url.searchParams.get('rest_route') === '/') return { status: 200, body: { namespaces: ['wp/v2'] } };
      if (url.searchParams.get('rest_route') === '/wp/v2/users/me') return { status: 200, body: { name: 'Alice', capabilities: { edit_posts: true } } };
      return undefined;
    });
    expect(await wp.check()).toBe('Alice on blog.example.com');
    expect(requests.at(-1)!.url.search).toBe('?rest_route=%2Fwp%2Fv2%2Fusers%2Fme&context=edit');
  });

  it('says when the address is not a WordPress site', async () => {
    const { wp } = wordpress(() => ({ status: 404 }));
    await expect(wp.check()).rejects.toThrow('https://blog.example.com does not look like a WordPress site with its REST API on (no answer at /wp-json/). Check the site address in the target’s settings.');
  });

  it('sends a Classic Editor site the article HTML with the post’s key, and reads it back', async () => {
    const { wp } = wordpress(() => undefined);
    const content = (await wp.payload(post())).fields.content as string;
    expect(content).toBe('<p>Hi</p>\n<!-- postwright pw-key -->');
    const remote = { id: '1', url: '', modified: null, title: 'T', content, status: 'publish' };
    expect(await wp.holds(remote, post())).toBe(true);
    expect(wp.remoteHtml(remote)).toBe('<p>Hi</p>');
    expect(wp.remoteHtml({ ...remote, content: 'Classic text.\n\nSecond line' })).toBe('<p>Classic text.</p>\n<p>Second line</p>');
  });
});
