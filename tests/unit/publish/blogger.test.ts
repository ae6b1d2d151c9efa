/// Blogger against the local contract server (tests/servers/blogger-contract.ts), never Google:
/// the installed-app sign-in with PKCE, the post's life (draft, publish, update, schedule, revert),
/// labels, conflicts, images on another target and the check of their URLs, and how each of
/// Google's refusals reads to a blogger.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parsePostFile } from '../../../shared/frontmatter';
import { createPublisher as createReal } from '../../../main/publish/backends';
import { PublishError } from '../../../main/publish/errors';
import { BloggerApi, bloggerSecret } from '../../../main/publish/blogger-api';
import { BloggerPublisher } from '../../../main/publish/blogger';
import { signInWithGoogle } from '../../../main/publish/google-oauth';
import { PublishPipeline } from '../../../main/publish/pipeline';
import type { LocalAsset, OutgoingPost, RemoteAsset } from '../../../main/publish/publisher';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import { startBloggerContract, type BloggerContract } from '../../servers/blogger-contract';
import { FakeBlog, MemoryStore } from './fakes';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-desktop-secret';
const BLOG = '3141592653589793238';
const OTHER_BLOG = '2718281828459045235';
const NOW = Date.parse('2025-06-01T12:00:00Z');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452cafe', 'hex');

let google: BloggerContract;
beforeAll(async () => {
  google = await startBloggerContract({ now: () => NOW });
  Object.assign(process.env, google.env);
});
afterAll(() => google.stop());
beforeEach(() => {
  google.posts.clear();
  google.log.length = 0;
  Object.assign(google.consent, { userId: 'u1', deny: false, scope: null });
});

const failure = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as PublishError;
const settings = (blogId = BLOG) => ({ blogId, blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID });
const secretFor = (userId = 'u1') => bloggerSecret({ refreshToken: google.grant(userId, CLIENT_ID), clientSecret: CLIENT_SECRET });
const blogger = (blogId = BLOG, secret = secretFor()) => new BloggerPublisher(settings(blogId), secret, { timeoutMs: 5_000, imageTimeoutMs: 2_000, now: () => NOW });
const outgoing = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
  postId: 'p', key: 'pw-key-1', title: 'Leaky gut, revisited', slug: 'leaky-gut', status: 'draft', date: null, dateIsDay: false,
  tags: [], categories: [], excerpt: null, canonicalUrl: null, html: '<p>Hi</p>', cover: null, assets: [], ...over,
});

/// A "browser" that follows the consent screen's redirect back to the app's loopback listener.
const browser = (tamper?: (location: URL) => void) => async (url: string) => {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = new URL(consent.headers.get('location')!);
  tamper?.(location);
  await fetch(location);
};

describe('Google sign-in (installed app, loopback + PKCE)', () => {
  const client = () => ({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ['https://www.googleapis.com/auth/blogger'], service: 'Blogger' });

  it('runs the whole flow and the refresh token then publishes', async () => {
    let opened = '';
    const tokens = await signInWithGoogle({ ...client(), openBrowser: async (url) => { opened = url; await browser()(url); } });
    const auth = new URL(opened);
    expect(auth.origin + auth.pathname).toBe(google.authUrl);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(auth.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(tokens).toMatchObject({ refreshToken: expect.stringMatching(/^1\/\//), accessToken: expect.stringMatching(/^ya29\./), scope: 'https://www.googleapis.com/auth/blogger' });
    // The token endpoint checked the verifier against the challenge (the contract refuses a wrong one; see below).
    const p = blogger(BLOG, bloggerSecret({ refreshToken: tokens.refreshToken, clientSecret: CLIENT_SECRET }));
    expect(await p.check()).toBe('Ada Student on Gut Feelings');
  });

  it('the contract refuses a code exchanged with the wrong PKCE verifier', async () => {
    const challenge = 'A'.repeat(43);
    const consent = await fetch(`${google.authUrl}?${new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: 'http://127.0.0.1:9/', response_type: 'code', scope: 'https://www.googleapis.com/auth/blogger', code_challenge: challenge, code_challenge_method: 'S256', state: 's' })}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const token = await fetch(google.tokenUrl, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: 'http://127.0.0.1:9/', code_verifier: 'not-the-verifier-'.repeat(3) }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
  });

  it('says so when the blogger declines, the state does not match, or nobody finishes', async () => {
    google.consent.deny = true;
    expect((await failure(signInWithGoogle({ ...client(), openBrowser: browser() }))).message).toBe('You declined access in the browser, so Postwright cannot post to Blogger. Sign in again and allow access to publish there.');
    google.consent.deny = false;
    const forged = await failure(signInWithGoogle({ ...client(), openBrowser: browser((l) => l.searchParams.set('state', 'forged')) }));
    expect(forged).toMatchObject({ kind: 'auth', message: expect.stringMatching(/^The Blogger sign-in answer did not match the sign-in Postwright started \(the state check failed\)/) });
    const idle = await failure(signInWithGoogle({ ...client(), waitMs: 100, openBrowser: () => undefined }));
    expect(idle.message).toBe('The Blogger sign-in was not finished in the browser within 1 minute. Start it again when you are ready.');
  });

  it('a wrong client secret is named as such', async () => {
    const error = await failure(signInWithGoogle({ ...client(), clientSecret: 'wrong', openBrowser: browser() }));
    expect(error.message).toMatch(/^Google did not accept the OAuth client id or secret in this target’s settings/);
  });
});

describe('Blogger errors', () => {
  it('a revoked sign-in: sign in again', async () => {
    const p = blogger();
    google.revoke('u1');
    const error = await failure(p.check());
    expect(error).toMatchObject({ kind: 'auth', message: 'Blogger sign-in has expired or was revoked: sign in again. (Google said: “Token has been expired or revoked.”)' });
  });

  it('a sign-in revoked while Postwright holds a working access token: sign in again', async () => {
    const p = blogger();
    await p.check();
    google.revoke('u1');
    // The API answers 401 for the old access token; the renewal then gets invalid_grant.
    expect(await failure(p.create(outgoing()))).toMatchObject({ kind: 'auth', message: expect.stringMatching(/^Blogger sign-in has expired or was revoked: sign in again\./) });
    expect(google.log.slice(-2).map((l) => `${l.status} ${l.path}`)).toEqual([`401 /blogger/v3/blogs/${BLOG}/posts`, '400 /token']);
  });

  it('renews an access token that ran out, without asking the blogger', async () => {
    const p = blogger();
    await p.check();
    google.expireAccessTokens();
    await expect(p.check()).resolves.toBe('Ada Student on Gut Feelings');
    expect(google.log.filter((l) => l.path === '/token').length).toBe(2);
  });

  it('the wrong Google account: this account cannot post to that blog', async () => {
    const p = blogger(OTHER_BLOG);
    expect((await failure(p.check())).message).toMatch(/^This Google account cannot post to that blog: Ada Student is not an author or admin of blog 2718281828459045235/);
    const write = await failure(p.create(outgoing()));
    expect(write).toMatchObject({ kind: 'permission', message: expect.stringMatching(/^This Google account cannot post to that blog \(Google said: “We’re sorry, but you don’t have permission to access this resource\.”\)/) });
  });

  it('the API not enabled, quota and rate limits', async () => {
    const p = blogger();
    google.inject({ path: /\/posts$/, status: 403, reason: 'accessNotConfigured', domain: 'usageLimits', message: 'Blogger API v3 has not been used in project 123456 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/blogger.googleapis.com/overview?project=123456 then retry.' });
    expect(await failure(p.create(outgoing()))).toMatchObject({ kind: 'permission', message: 'Enable the Blogger API in your Google Cloud project: open https://console.developers.google.com/apis/api/blogger.googleapis.com/overview?project=123456, click Enable, wait a minute, then publish again.' });

    google.inject({ path: /\/posts$/, status: 429, reason: 'rateLimitExceeded', domain: 'usageLimits', message: 'Rate Limit Exceeded', retryAfter: '30' });
    const limited = await failure(p.create(outgoing()));
    expect(limited).toMatchObject({ kind: 'rate-limited', retryable: true, retryAfterMs: 30_000 });
    expect(limited.message).toMatch(/^Blogger asked Postwright to slow down \(too many requests\) while trying to create the post/);

    google.inject({ path: /\/posts$/, status: 403, reason: 'userRateLimitExceeded', domain: 'usageLimits', message: 'User Rate Limit Exceeded' });
    expect(await failure(p.create(outgoing()))).toMatchObject({ kind: 'rate-limited', retryable: true });

    google.inject({ path: /\/posts$/, status: 403, reason: 'dailyLimitExceeded', domain: 'usageLimits', message: 'Daily Limit Exceeded' });
    expect((await failure(p.create(outgoing()))).message).toMatch(/used up its Blogger API quota for today/);
    expect(google.posts.size).toBe(0);
  });
});

describe('Blogger posts', () => {
  it('creates a draft, publishes it, updates it and takes it back to draft', async () => {
    const p = blogger();
    const created = await p.create(outgoing({ tags: ['gut', 'Microbiome'], categories: ['microbiome', 'Science'] }));
    const stored = google.posts.get(created.id)!;
    expect(stored).toMatchObject({ status: 'DRAFT', title: 'Leaky gut, revisited', labels: ['gut', 'Microbiome', 'Science'] });
    expect(stored.content).toBe('<p>Hi</p>\n<!-- postwright pw-key-1 -->');
    expect(created.url).toBe(`https://www.blogger.com/blog/post/edit/${BLOG}/${created.id}`);

    let remote = (await p.get(created.id))!;
    expect(remote.modified).toBe(created.modified);
    const live = await p.update(remote, outgoing({ status: 'published', html: '<p>Now live</p>' }));
    expect(google.posts.get(created.id)).toMatchObject({ status: 'LIVE', content: '<p>Now live</p>\n<!-- postwright pw-key-1 -->' });
    expect(live.url).toBe('http://gut-feelings.blogspot.test/2025/06/leaky-gut-revisited.html');
    expect(google.log.filter((l) => l.method !== 'GET').map((l) => `${l.method} ${l.path.replace(/^.*\/posts/, 'posts')}`)).toEqual(
      ['POST /token', 'POST posts', `PUT posts/${created.id}`, `POST posts/${created.id}/publish`],
    );

    remote = (await p.get(created.id))!;
    expect(p.holds(remote, outgoing({ status: 'published', html: '<p>Now live</p>' }))).toBe(true);
    await p.update(remote, outgoing({ status: 'draft', html: '<p>Now live</p>' }));
    expect(google.posts.get(created.id)!.status).toBe('DRAFT');
    expect(google.log.at(-2)).toMatchObject({ method: 'POST', path: `/blogger/v3/blogs/${BLOG}/posts/${created.id}/revert` });

    expect(await p.find(outgoing())).toMatchObject({ id: created.id, status: 'DRAFT' });
    expect(await p.find(outgoing({ key: 'pw-other' }))).toBeNull();
    expect(p.remoteHtml(remote)).toBe('<p>Now live</p>');
  });

  it('schedules with publishDate, and moves a live post to a later date', async () => {
    const p = blogger();
    const at = '2025-07-01T09:00:00.000Z';
    const created = await p.create(outgoing({ status: 'scheduled', date: at }));
    expect(google.posts.get(created.id)).toMatchObject({ status: 'SCHEDULED', published: '2025-07-01T09:00:00+00:00' });
    expect(google.log.find((l) => l.path.endsWith('/publish'))?.query).toBe(`?publishDate=${encodeURIComponent(at)}`);

    const now = await p.create(outgoing({ key: 'pw-2', status: 'published' }));
    expect(google.posts.get(now.id)!.status).toBe('LIVE');
    await p.update((await p.get(now.id))!, outgoing({ key: 'pw-2', status: 'scheduled', date: at }));
    expect(google.posts.get(now.id)).toMatchObject({ status: 'SCHEDULED', published: '2025-07-01T09:00:00+00:00' });
  });

  it('refuses to overwrite an edit made on Blogger after it was read (If-Match → 412)', async () => {
    const p = blogger();
    const created = await p.create(outgoing());
    const stale = (await p.get(created.id))!;
    google.editRemotely(created.id, { content: '<p>Edited on blogger.com</p>' });
    const error = await failure(p.update(stale, outgoing({ html: '<p>Mine</p>' })));
    expect(error.kind).toBe('conflict');
    expect(google.posts.get(created.id)!.content).toBe('<p>Edited on blogger.com</p>');
  });
});

/// Images go to a media target; here a fake one that serves them from the contract server.
class MediaHost extends FakeBlog {
  override async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    this.calls.push(`upload ${asset.file}`);
    const where = `/images/${asset.hash.slice(0, 12)}-${path.basename(asset.file)}`;
    google.images.set(where, asset.bytes);
    const remote = { id: where, url: `${google.url}${where}`, hash: asset.hash };
    this.media.set(remote.id, remote);
    return remote;
  }
}

describe('Blogger through the pipeline', () => {
  let store: MemoryStore;
  let media: MediaHost;
  let pipeline: PublishPipeline;
  const record = () => (parsePostFile(store.texts.get('gut')!).data.publish as Record<string, Record<string, string>>).blogger!;

  beforeEach(() => {
    store = new MemoryStore();
    media = new MediaHost();
    const target = { name: 'blogger', publisher: blogger(), media: { name: 'photos', publisher: media } };
    pipeline = new PublishPipeline({ store, libraryRoot: store.root, target: async () => target, now: () => NOW });
  });
  afterEach(() => store.remove());

  it('puts the images on the media target, records the post, detects a remote edit and reports broken images', async () => {
    const text = (status: string, body: string) => `---\ntitle: Tight junctions\nstatus: ${status}\ntags: [gut]\ncategories: [Biology]\n---\n${body}`;
    store.write('gut', text('draft', 'Zonulin opens the gaps.\n\n![Villi](villi.png)\n'), { 'villi.png': PNG });
    const first = await pipeline.publish('gut', 'blogger');
    expect(first).toMatchObject({ kind: 'published', created: true, uploaded: 1 });
    expect(first).not.toHaveProperty('brokenImages');
    expect(media.calls).toEqual(['upload villi.png']);
    const id = record().id!;
    expect(google.posts.get(id)).toMatchObject({ status: 'DRAFT', labels: ['gut', 'Biology'] });
    expect(google.posts.get(id)!.content).toContain(`src="${google.url}/images/`);

    store.texts.set('gut', text('published', 'Zonulin opens the gaps.\n\n![Villi](villi.png)\n\n![Gone](http://127.0.0.1:9/nothing-listens-here.png)\n\n![Missing](' + google.url + '/images/missing.png)\n'));
    const second = await pipeline.publish('gut', 'blogger');
    expect(second).toMatchObject({ kind: 'published', created: false, uploaded: 0, brokenImages: ['http://127.0.0.1:9/nothing-listens-here.png', `${google.url}/images/missing.png`] });
    expect(google.posts.get(id)!.status).toBe('LIVE');
    expect(record().url).toBe('http://gut-feelings.blogspot.test/2025/06/tight-junctions.html');

    google.editRemotely(id, { title: 'Edited on blogger.com' });
    store.texts.set('gut', store.texts.get('gut')!.replace('Zonulin', 'Zonulin (really)'));
    expect(await failure(pipeline.publish('gut', 'blogger'))).toMatchObject({ kind: 'conflict', remote: { title: 'Edited on blogger.com' } });
    expect(await pipeline.publish('gut', 'blogger', { overwrite: true })).toMatchObject({ kind: 'published' });
    expect(google.posts.get(id)!.title).toBe('Tight junctions');
  });
});

describe('Blogger as a configured target', () => {
  let store: MemoryStore;
  let service: PublishService;
  let media: MediaHost;

  beforeEach(() => {
    store = new MemoryStore();
    media = new MediaHost();
    service = new PublishService({
      libraryRoot: store.root, store, secrets: new MemorySecretStore(), backend: { timeoutMs: 5_000 },
      publisher: (settings, secret, backend) => (settings.kind === 'wordpress' ? media : createReal(settings, secret, backend)),
    });
  });
  afterEach(() => {
    service.close();
    store.remove();
  });

  const target = (mediaTarget: string) => ({ name: 'Science blog', kind: 'blogger' as const, ...settings(), mediaTarget });

  it('resolves the media target from the settings, and says so when it is missing', async () => {
    await service.targets.add({ settings: { name: 'photos', kind: 'wordpress', siteUrl: 'https://photos.example.com', username: 'ada' }, secret: 'x' });
    const info = await service.targets.add({ settings: target('photos'), secret: secretFor() });
    expect(info).toMatchObject({ hasSecret: true, needsSecret: true });
    store.write('gut', '---\ntitle: Hello Blogger\nstatus: published\n---\n![A](a.png)\n', { 'a.png': PNG });
    expect(await service.status('gut')).toMatchObject([{ target: 'photos', state: 'not-published' }, { target: 'Science blog', state: 'not-published' }]);
    expect(await service.publish('gut', 'Science blog')).toMatchObject({ kind: 'published', created: true, uploaded: 1 });
    expect(media.calls).toEqual(['upload a.png']);
    expect(await service.status('gut')).toMatchObject([{ target: 'photos' }, { target: 'Science blog', state: 'published' }]);

    await service.targets.update('Science blog', { settings: target('nowhere') });
    expect((await failure(service.publish('gut', 'Science blog'))).message).toBe('The target “Science blog” keeps its images on “nowhere”, but there is no such target. Choose an image host (or a WordPress or Ghost target) for its images in its settings.');
  });

  it('lists the blogs the account can write to, for picking one', async () => {
    const api = new BloggerApi(settings(), { refreshToken: google.grant('u1', CLIENT_ID), clientSecret: CLIENT_SECRET });
    expect(await api.blogs()).toEqual([{ id: BLOG, name: 'Gut Feelings', url: 'http://gut-feelings.blogspot.test' }]);
  });
});
