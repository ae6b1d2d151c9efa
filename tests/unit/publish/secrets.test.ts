/// Secrets: the fallback file is private and says plainly that it is not encrypted; the OS
/// keychain is used when one answers. The keychain tests need @napi-rs/keyring and, on Linux, a
/// Secret Service; in CI run them inside a throwaway one:
///   dbus-run-session -- bash -c 'echo -n ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run tests/unit/publish/secrets.test.ts'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, KeychainSecretStore, openSecretStore } from '../../../main/publish/secrets';

const TEST_SERVICE = 'Postwright-tests';
const keychain = await KeychainSecretStore.open(TEST_SERVICE);
const noKeychain = 'no OS keychain here (needs @napi-rs/keyring and, on Linux, an unlocked Secret Service such as gnome-keyring under dbus-run-session)';

describe('secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pw-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the fallback file readable by the user alone, and warns that it is not encrypted', async () => {
    const store = new FileSecretStore(path.join(dir, 'state', 'secrets.json'));
    await store.set('wordpress https://a.test alice', 'abcd efgh');
    await store.set('wordpress https://b.test bob', 'ijkl');
    expect(await store.get('wordpress https://a.test alice')).toBe('abcd efgh');
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(store.file)).mode & 0o777).toBe(0o700);
    await store.delete('wordpress https://b.test bob');
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual({ 'wordpress https://a.test alice': 'abcd efgh' });
    expect(store.storage).toMatchObject({ kind: 'file', encrypted: false });
    expect(store.storage.warning).toMatch(/^Your publishing passwords are stored unencrypted in .*secrets\.json, because no system keychain answered/);
  });

  it('falls back to the file when told not to use a keychain', async () => {
    const store = await openSecretStore(dir, { keychain: false });
    expect(store.storage.kind).toBe('file');
  });

  it.skipIf(!keychain)(keychain ? 'stores, reads and deletes in the OS keychain' : `stores in the OS keychain (skipped: ${noKeychain})`, async () => {
    await keychain!.set('probe key', 'секрет 1');
    expect(await keychain!.get('probe key')).toBe('секрет 1');
    await keychain!.delete('probe key');
    expect(await keychain!.get('probe key')).toBeNull();
    expect(keychain!.storage).toEqual({ kind: 'keychain', encrypted: true, warning: null });
  });

  it.skipIf(!keychain)(keychain ? 'moves secrets from the fallback file into the keychain once there is one' : `moves secrets into the keychain (skipped: ${noKeychain})`, async () => {
    writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ 'moved key': 'pw' }), { mode: 0o600 });
    const store = await openSecretStore(dir, { service: TEST_SERVICE });
    expect(store.storage.kind).toBe('keychain');
    expect(await store.get('moved key')).toBe('pw');
    expect(() => statSync(path.join(dir, 'secrets.json'))).toThrow();
    await store.delete('moved key');
  });
});
