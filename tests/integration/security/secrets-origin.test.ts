/// Attack: someone who can edit the library's `.postwright/targets.json` (it is shared, synced
/// and put in git) points a target at a server of theirs, or the real server redirects there,
/// hoping Postwright sends it the blogger's saved password, Ghost key or Google refresh token.
/// Publish, test and import must send that server no secret, and tell the blogger to sign in again.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TargetSettings } from '../../../shared/publish';
import { importSourceForTarget } from '../../../main/import/index';
import { bloggerSecret } from '../../../main/publish/blogger-api';
import { secretKey } from '../../../main/publish/targets';
import { FileSecretStore } from '../../../main/publish/secrets';
import type { PublishService } from '../../../main/publish/service';
import { startBloggerContract, type BloggerContract } from '../../servers/blogger-contract';
import { makeLibrary, type TestLibrary } from '../publish-fixtures';

const POST = 'secret-test';
const PASSWORD = 'abcd efgh ijkl mnop';
const GHOST_KEY = `${'a1'.repeat(12)}:${'b2'.repeat(32)}`;
const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const CLIENT_SECRET = 'GOCSPX-desktop-secret';
const BLOG = '3141592653589793238';
const SIGN_IN_AGAIN = /sign in again/i;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/// A server that records everything and answers like a blog would, to lure the client on.
async function listen(host: string, answer?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (answer?.(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.startsWith('/wp-json/') && req.url.length <= '/wp-json/'.length) res.end(JSON.stringify({ namespaces: ['wp/v2'], authentication: {} }));
      else if (req.url?.includes('/token')) res.end(JSON.stringify({ access_token: 'ya29.lure', expires_in: 3600, scope: 'https://www.googleapis.com/auth/blogger' }));
      else res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
type Listener = Awaited<ReturnType<typeof listen>>;

/// Whatever of a secret a request carries: a credential header, or a secret in its body or address.
function secretsIn(seen: Seen[], secrets: string[]): string[] {
  return seen.flatMap((s) => {
    const found: string[] = [];
    if (s.headers.authorization) found.push(`Authorization: ${s.headers.authorization}`);
    for (const secret of secrets) {
      for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
        if (s.body.includes(form) || s.url.includes(form)) found.push(`${s.method} ${s.url} carries ${secret}`);
      }
    }
    return found;
  });
}

let thief: Listener;
let elsewhere: Listener;
// The "real" site, which the blogger signed in to; in the redirect cases it sends clients to the thief.
let real: Listener;
let redirectTo: string | null = null;
let lib: TestLibrary;
let service: PublishService;
let refreshToken: string;
let google: BloggerContract;

beforeAll(async () => {
  thief = await listen('127.0.0.1');
  // Another host than the real site's (the whole 127/8 is this machine on Linux).
  elsewhere = await listen('127.0.0.2').catch(() => listen('127.0.0.1'));
  real = await listen('127.0.0.1', (req, res) => {
    if (!redirectTo) return false;
    res.writeHead(307, { Location: `${redirectTo}${req.url}` }).end();
    return true;
  });
  google = await startBloggerContract();
  Object.assign(process.env, google.env);
  refreshToken = google.grant('u1', CLIENT_ID);
});
afterAll(async () => {
  await Promise.all([thief?.close(), elsewhere?.close(), real?.close(), google?.stop()]);
});

beforeEach(async () => {
  lib = await makeLibrary();
  lib.writePost('---\ntitle: A post\nstatus: published\n---\n\nNothing secret here.\n', POST);
  service = lib.service();
  redirectTo = null;
  thief.seen.length = 0;
  elsewhere.seen.length = 0;
  real.seen.length = 0;
  Object.assign(process.env, google.env);
});
afterEach(() => {
  service.close();
  lib.remove();
});

function editTargetsFile(name: string, change: Record<string, string>): void {
  const file = path.join(lib.root, '.postwright', 'targets.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { targets: Array<Record<string, string>> };
  Object.assign(json.targets.find((t) => t.name === name)!, change);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/// Publish, test and import the target; each must be refused with words that say to sign in
/// again. Soft, so that what reached the attacker is checked whatever the wording.
async function attempts(name: string): Promise<void> {
  await expect.soft(service.targets.test(name)).rejects.toThrow(SIGN_IN_AGAIN);
  await expect.soft(service.publish(POST, name)).rejects.toThrow(SIGN_IN_AGAIN);
  const settings = (await service.targets.list()).find((t) => t.settings.name === name)!.settings as TargetSettings;
  const stored = await new FileSecretStore(path.join(lib.stateDir, 'secrets.json')).get(secretKey(settings)!);
  const importing = (async () => {
    const source = importSourceForTarget(settings, stored);
    for await (const page of source.pages(new AbortController().signal)) void page;
  })();
  await expect.soft(importing).rejects.toThrow(SIGN_IN_AGAIN);
}

function expectNothingLeaked(...secrets: string[]): void {
  expect(secretsIn([...thief.seen, ...elsewhere.seen], secrets)).toEqual([]);
}

describe('WordPress: the application password goes only to the site it was saved for', () => {
  // Classic HTML: where the password goes does not depend on the post's format, and loading
  // WordPress's block library takes longer than a test should wait on a busy machine.
  const cases: Array<[string, () => string]> = [
    ['another port', () => thief.url],
    ['another host', () => elsewhere.url],
    ['the real site as user name of another address', () => `http://127.0.0.1:${real.port}@127.0.0.1:${thief.port}`],
  ];
  it.each(cases)('a targets file edited to %s gets no password', async (_, address) => {
    await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: real.url, username: 'ada', editor: 'classic' }, secret: PASSWORD });
    editTargetsFile('blog', { siteUrl: address() });
    await attempts('blog');
    expectNothingLeaked(PASSWORD);
  });

  it('a targets file downgraded from https to http gets no password', async () => {
    await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: `https://127.0.0.1:${thief.port}`, username: 'ada', editor: 'classic' }, secret: PASSWORD });
    editTargetsFile('blog', { siteUrl: thief.url });
    await attempts('blog');
    expectNothingLeaked(PASSWORD);
  });

  it('the real site redirecting to another origin gets no password there', async () => {
    await service.targets.add({ settings: { name: 'blog', kind: 'wordpress', siteUrl: real.url, username: 'ada', editor: 'classic' }, secret: PASSWORD });
    redirectTo = thief.url;
    await attempts('blog');
    expectNothingLeaked(PASSWORD);
    // The password did go to the real site, which is where it belongs.
    expect(real.seen.some((s) => s.headers.authorization?.startsWith('Basic '))).toBe(true);
  });
});

describe('Ghost: the Admin API key signs requests only for the site it was saved for', () => {
  it.each([
    ['another port', () => thief.url],
    ['another host', () => elsewhere.url],
  ])('a targets file edited to %s gets no key or token', async (_, address) => {
    await service.targets.add({ settings: { name: 'ghost', kind: 'ghost', siteUrl: real.url }, secret: GHOST_KEY });
    editTargetsFile('ghost', { siteUrl: address() });
    await attempts('ghost');
    expectNothingLeaked(GHOST_KEY, GHOST_KEY.split(':')[1]!);
  });

  it('the real site redirecting to another origin gets no token there', async () => {
    await service.targets.add({ settings: { name: 'ghost', kind: 'ghost', siteUrl: real.url }, secret: GHOST_KEY });
    redirectTo = thief.url;
    await attempts('ghost');
    expectNothingLeaked(GHOST_KEY);
  });
});

describe('Blogger: the refresh token and client secret go only to Google', () => {
  const secrets = () => [refreshToken, CLIENT_SECRET];
  async function addBlogger(): Promise<void> {
    await service.targets.add({ settings: { name: 'wp', kind: 'wordpress', siteUrl: real.url, username: 'ada', editor: 'classic' }, secret: PASSWORD });
    await service.targets.add({
      settings: { name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID, mediaTarget: 'wp' },
      secret: bloggerSecret({ refreshToken, clientSecret: CLIENT_SECRET }),
    });
  }

  it.each([
    ['a server of theirs', () => ({ tokenUrl: `${thief.url}/token`, apiBase: `${thief.url}/blogger/v3` })],
    ['another host', () => ({ tokenUrl: `${elsewhere.url}/token`, apiBase: `${elsewhere.url}/blogger/v3` })],
    ['Google as user name of their address', () => ({ tokenUrl: `http://oauth2.googleapis.com@127.0.0.1:${thief.port}/token`, apiBase: `http://www.googleapis.com@127.0.0.1:${thief.port}/blogger/v3` })],
  ])('a targets file whose tokenUrl and apiBase name %s gets nothing', async (_, change) => {
    await addBlogger();
    editTargetsFile('science', change());
    await attempts('science');
    expectNothingLeaked(...secrets());
    expect(thief.seen.concat(elsewhere.seen).filter((s) => s.url.includes('token') || s.url.includes('blogger'))).toEqual([]);
  });

  it('a token service that redirects elsewhere does not get the refresh token re-sent there', async () => {
    // The "real" Google of this test is a server that answers every request with a 307 to the thief.
    Object.assign(process.env, { POSTWRIGHT_TEST_GOOGLE_BASE: real.url });
    redirectTo = thief.url;
    await addBlogger();
    await attempts('science');
    expectNothingLeaked(...secrets());
  });
});
