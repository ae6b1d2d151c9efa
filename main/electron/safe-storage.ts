/// Publishing secrets in the desktop app: encrypted with Electron's safeStorage (the OS
/// keychain's key) into a file in the app's data folder, never in the library.
import { safeStorage } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SecretStorage } from '../../shared/publish';
import { tightenSecretFile, writeSecretFile, type SecretStore } from '../publish/secrets';

export class SafeStorageSecretStore implements SecretStore {
  readonly storage: SecretStorage;

  private constructor(private readonly file: string) {
    // On Linux without a keyring Electron falls back to a fixed key: say so plainly.
    const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    this.storage = {
      kind: 'safe-storage',
      encrypted: !weak,
      warning: weak
        ? 'No system keyring (GNOME Keyring or KWallet) is running, so your publishing passwords are stored with only basic obfuscation. Install or unlock a keyring and restart Postwright to protect them.'
        : null,
    };
  }

  /// Null where the OS offers no encryption at all; the caller falls back to the keychain module.
  static create(dataDir: string): SafeStorageSecretStore | null {
    return safeStorage.isEncryptionAvailable() ? new SafeStorageSecretStore(path.join(dataDir, 'secrets.bin.json')) : null;
  }

  async get(key: string): Promise<string | null> {
    const sealed = (await this.read())[key];
    return sealed ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.write({ ...(await this.read()), [key]: safeStorage.encryptString(value).toString('base64') });
  }

  async delete(key: string): Promise<void> {
    const all = await this.read();
    delete all[key];
    await this.write(all);
  }

  private async read(): Promise<Record<string, string>> {
    await tightenSecretFile(this.file).catch(() => undefined);
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private async write(all: Record<string, string>): Promise<void> {
    await writeSecretFile(this.file, JSON.stringify(all));
  }
}
