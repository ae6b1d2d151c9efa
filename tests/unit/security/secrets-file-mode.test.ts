/// Publishing secrets on disk are readable by the user alone, in the desktop app's encrypted
/// file (secrets.bin.json) as in the plain fallback file, and a file left open by an older
/// version is closed up the next time it is read.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Stand-in for Electron's safeStorage: reversible, so what was stored can be read back.
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
    decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString('utf8'),
  },
}));

const { SafeStorageSecretStore } = await import('../../../main/electron/safe-storage');
const { FileSecretStore } = await import('../../../main/publish/secrets');

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('secrets files are private to the user', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pw-secrets-mode-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the desktop app writes secrets.bin.json with mode 0600', async () => {
    const store = SafeStorageSecretStore.create(dir)!;
    await store.set('ghost https://blog.test', 'id:secret');
    expect(mode(path.join(dir, 'secrets.bin.json'))).toBe(0o600);
    expect(await store.get('ghost https://blog.test')).toBe('id:secret');
  });

  it('an existing world-readable secrets.bin.json is made 0600 when read', async () => {
    const file = path.join(dir, 'secrets.bin.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o644);
    await SafeStorageSecretStore.create(dir)!.get('anything');
    expect(mode(file)).toBe(0o600);
  });

  it('an existing world-readable fallback secrets.json is made 0600 when read', async () => {
    const file = path.join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ key: 'value' }));
    chmodSync(file, 0o644);
    expect(await new FileSecretStore(file).get('key')).toBe('value');
    expect(mode(file)).toBe(0o600);
  });
});
