/// PublishService without a real blog: targets are validated and kept without their secrets,
/// secrets live in the SecretStore, and a publish that cannot reach its target is queued.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecret } from '../../../main/publish/bound-secret';
import { PublishError } from '../../../main/publish/errors';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import { MemoryStore } from './fakes';

const wordpress = (name: string, username = 'alice', siteUrl = 'https://blog.example.com/') => ({ name, kind: 'wordpress' as const, siteUrl, username });

describe('PublishService', () => {
  let store: MemoryStore;
  let secrets: MemorySecretStore;
  let service: PublishService;
  let fetchCalls = 0;
  const targetsFile = () => readFileSync(path.join(store.root, '.postwright', 'targets.json'), 'utf8');

  beforeEach(() => {
    store = new MemoryStore();
    secrets = new MemorySecretStore();
    fetchCalls = 0;
    const offline = async () => {
      fetchCalls++;
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    };
    service = new PublishService({ libraryRoot: store.root, store, secrets, backend: { fetch: offline }, outbox: { baseDelayMs: 60_000 } });
  });
  afterEach(() => {
    service.close();
    store.remove();
  });

  it('keeps target settings in the library and the password in the secret store only', async () => {
    const info = await service.targets.add({ settings: wordpress('My blog'), secret: '  abcd efgh ijkl  ' });
    expect(info).toMatchObject({ settings: { name: 'My blog', siteUrl: 'https://blog.example.com', username: 'alice' }, hasSecret: true, needsSecret: true, storage: { kind: 'memory' } });
    expect(targetsFile()).not.toContain('abcd');
    expect(JSON.parse(targetsFile())).toEqual({ version: 1, targets: [{ name: 'My blog', kind: 'wordpress', siteUrl: 'https://blog.example.com', username: 'alice' }] });
    // The keychain entry holds the password with the site it was saved for.
    expect(openSecret((await secrets.get('wordpress https://blog.example.com alice'))!, 'legacy:')).toEqual({ value: 'abcd efgh ijkl', origin: 'https://blog.example.com' });
  });

  it('explains settings it cannot accept', async () => {
    await expect(service.targets.add({ settings: { ...wordpress('x'), siteUrl: 'blog.example.com' } })).rejects.toThrow('The target’s settings are not right: siteUrl: the site address must be a full URL, like https://example.com.');
    await expect(service.targets.add({ settings: { ...wordpress('../up') } })).rejects.toThrow(/name: a target name is 1–63 letters/);
    await service.targets.add({ settings: wordpress('blog') });
    await expect(service.targets.add({ settings: wordpress('Blog') })).rejects.toThrow('There is already a target called “Blog”. Choose another name.');
    await expect(service.targets.update('blog', { settings: wordpress('renamed') })).rejects.toThrow(/cannot be renamed/);
    await expect(service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: '/srv/site', generator: 'gatsby' } as never })).rejects.toThrow(/generator/);
  });

  it('fills in the defaults of a static-site target', async () => {
    const info = await service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: '/srv/site', generator: 'hugo' } as never });
    expect(info).toMatchObject({ settings: { branch: 'main', remote: 'origin' }, needsSecret: false, hasSecret: false });
  });

  it('starts afresh when a target points at another site', async () => {
    const state = path.join(store.root, '.postwright', 'targets', 'blog');
    await service.targets.add({ settings: wordpress('blog') });
    mkdirSync(state, { recursive: true });
    writeFileSync(path.join(state, 'assets.json'), '{}');
    await service.targets.update('blog', { settings: wordpress('blog', 'bob') });
    expect(readdirSync(state)).toEqual(['assets.json']);
    await service.targets.update('blog', { settings: wordpress('blog', 'bob', 'https://new.example.com') });
    expect(existsSync(state)).toBe(false);
  });

  it('forgets a password when the last target using it goes', async () => {
    await service.targets.add({ settings: wordpress('one'), secret: 'pw' });
    await service.targets.add({ settings: wordpress('two') });
    expect((await service.targets.list()).map((t) => t.hasSecret)).toEqual([true, true]);
    await service.targets.remove('one');
    expect(openSecret((await secrets.get('wordpress https://blog.example.com alice'))!, 'legacy:').value).toBe('pw');
    await service.targets.remove('two');
    expect(await secrets.get('wordpress https://blog.example.com alice')).toBeNull();
  });

  it('says what to do when no password was saved', async () => {
    await service.targets.add({ settings: wordpress('blog') });
    store.write('p', '---\ntitle: P\n---\nHi\n');
    const error = (await service.publish('p', 'blog').catch((e: unknown) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error.message).toMatch(/No application password is saved for alice on https:\/\/blog\.example\.com\. Create one under Users → Profile → Application Passwords/);
    await expect(service.publish('p', 'nowhere')).rejects.toThrow('There is no publishing target called “nowhere”. Add it under Publish → Targets.');
  });

  it('queues a publish that cannot reach the blog, with the reason', async () => {
    // Classic HTML: the dry run below need not load WordPress's block library.
    await service.targets.add({ settings: { ...wordpress('blog'), editor: 'classic' }, secret: 'pw' });
    store.write('p', '---\ntitle: P\n---\nHi\n');
    const result = await service.publish('p', 'blog');
    expect(result).toMatchObject({ kind: 'queued', target: 'blog', reason: { kind: 'network' } });
    if (result.kind !== 'queued') return;
    expect(result.reason.message).toBe('Publishing stopped because the name blog.example.com could not be found (are you online, and is the address right?). Postwright will try again; nothing is lost.');
    expect(service.outbox.list()).toMatchObject([{ id: result.outboxId, postId: 'p', target: 'blog', status: { state: 'retrying' } }]);
    expect(fetchCalls).toBe(1);
    // A dry run is never queued.
    await expect(service.publish('p', 'blog', { dryRun: true })).resolves.toMatchObject({ kind: 'preview' });
    expect(await service.outbox.cancel(result.outboxId)).toBe(true);
  });

  it('reads a hand-edited targets file, and says what is wrong with a broken one', async () => {
    mkdirSync(path.join(store.root, '.postwright'), { recursive: true });
    writeFileSync(path.join(store.root, '.postwright', 'targets.json'), '{"version":1,"targets":[{"name":"b","kind":"wordpress","siteUrl":"nope","username":"a"}]}');
    await expect(service.targets.list()).rejects.toThrow(/targets\.json has a problem: targets\.0\.siteUrl: the site address must be a full URL/);
    rmSync(path.join(store.root, '.postwright', 'targets.json'));
    expect(await service.targets.list()).toEqual([]);
  });
});
