/// Adding a Blogger target the way the app does it, through the services: the Google sign-in
/// (against the Blogger contract server, which answers its consent screen at once), the
/// account's blogs, the chosen blog saved with its refresh token in the secret store only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventOf } from '../../shared/api';
import { MemorySecretStore } from '../../main/publish/secrets';
import { openServices, type Services } from '../../main/services';
import { startBloggerContract, type BloggerContract } from '../servers/blogger-contract';

let google: BloggerContract;
let services: Services;
let base: string;
const secrets = new MemorySecretStore();

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const envelope = await services.dispatch(channel, args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  google = await startBloggerContract();
  Object.assign(process.env, google.env);
  google.blogs.set('7001', { id: '7001', name: 'Ada’s Science Notes', url: 'https://ada-science.blogspot.com', authors: ['u1'] });
  google.blogs.set('7002', { id: '7002', name: 'Ada’s Recipes', url: 'https://ada-cooks.blogspot.com', authors: ['u1'] });
  base = mkdtempSync(path.join(os.tmpdir(), 'pw-blogger-'));
  services = await openServices(path.join(base, 'Blog'), { secrets });
  // Blogger keeps no images: a media target must exist (it is not contacted here).
  await call('targets.add', { settings: { name: 'Images', kind: 'wordpress', siteUrl: 'https://images.example', username: 'ada' }, secret: 'aaaa bbbb cccc dddd' });
});

afterAll(async () => {
  await services?.close();
  await google?.stop();
  rmSync(base, { recursive: true, force: true });
});

it('signs in with Google, lists the blogs and saves the chosen one', async () => {
  const blogs = new Promise<EventOf<'targets.googleBlogs'>>((resolve) => {
    services.subscribe((event, payload) => event === 'targets.googleBlogs' && resolve(payload as EventOf<'targets.googleBlogs'>));
  });
  const started = await call<{ flowId: string; url: string }>('targets.googleSignIn', {
    name: 'Science notes',
    clientId: 'desktop-client.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-desktop-secret',
    mediaTarget: 'Images',
  });
  expect(new URL(started.url).searchParams.get('code_challenge_method')).toBe('S256');
  // The "browser": Google's consent screen sends it back to Postwright's loopback address.
  const consent = await fetch(started.url, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '');

  const listed = await blogs;
  expect(listed).toMatchObject({ flowId: started.flowId, error: null });
  expect(listed.blogs.map((blog) => blog.name)).toEqual(expect.arrayContaining(['Ada’s Recipes', 'Ada’s Science Notes']));

  const target = await call<{ settings: { kind: string; blogId: string; blogUrl: string }; hasSecret: boolean }>('targets.googleFinish', started.flowId, '7001');
  expect(target.settings).toMatchObject({ kind: 'blogger', blogId: '7001', blogUrl: 'https://ada-science.blogspot.com' });
  expect(target.hasSecret).toBe(true);
  const settingsFile = readFileSync(path.join(base, 'Blog', '.postwright', 'targets.json'), 'utf8');
  expect(settingsFile).toContain('7001');
  expect(settingsFile).not.toMatch(/refresh|GOCSPX/);

  await expect(call('targets.googleFinish', started.flowId, '7002')).rejects.toThrow(/Sign in again/);
});

it('says so when the Google account declines', async () => {
  google.consent.deny = true;
  const outcome = new Promise<EventOf<'targets.googleBlogs'>>((resolve) => {
    services.subscribe((event, payload) => event === 'targets.googleBlogs' && resolve(payload as EventOf<'targets.googleBlogs'>));
  });
  const started = await call<{ url: string }>('targets.googleSignIn', {
    name: 'Declined', clientId: 'desktop-client.apps.googleusercontent.com', clientSecret: 'GOCSPX-desktop-secret', mediaTarget: 'Images',
  });
  const consent = await fetch(started.url, { redirect: 'manual' });
  await fetch(consent.headers.get('location') ?? '').catch(() => undefined);
  const { error, blogs } = await outcome;
  expect(blogs).toEqual([]);
  expect(error).toMatch(/declined|denied|access/i);
  google.consent.deny = false;
});
