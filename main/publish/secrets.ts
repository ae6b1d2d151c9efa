/// Where publishing passwords live: never in the library or the targets file. The OS keychain
/// (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) when it answers;
/// otherwise a file in Postwright's state folder readable only by the user, with a plain warning
/// that it is not encrypted. The desktop app may plug in Electron's safeStorage instead.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SecretStorage } from '../../shared/publish';
import { writeFileAtomic } from '../fs/atomic-write';

export interface SecretStore {
  readonly storage: SecretStorage;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const SERVICE = 'Postwright';

/// The part of @napi-rs/keyring used here; it is loaded only when present.
interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(value: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}
type EntryClass = new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;

export class KeychainSecretStore implements SecretStore {
  readonly storage: SecretStorage = { kind: 'keychain', encrypted: true, warning: null };

  private constructor(
    private readonly Entry: EntryClass,
    private readonly service: string,
  ) {}

  /// The keychain if it answers, else null. On Linux only the Secret Service counts: the
  /// kernel keyring forgets everything at logout.
  static async open(service = SERVICE): Promise<KeychainSecretStore | null> {
    try {
      const moduleName = '@napi-rs/keyring';
      const mod = (await import(moduleName)) as { AsyncEntry?: EntryClass };
      if (!mod.AsyncEntry) return null;
      const store = new KeychainSecretStore(mod.AsyncEntry, service);
      // Reading alone succeeds on a locked keyring that would then refuse to store (or pop up
      // a prompt nobody answers): write, read back and remove a probe instead.
      const probe = store.entry('postwright-probe');
      await probe.setPassword('probe');
      const ok = (await probe.getPassword()) === 'probe';
      await probe.deletePassword().catch(() => false);
      return ok ? store : null;
    } catch {
      return null;
    }
  }

  get(key: string): Promise<string | null> {
    return this.entry(key).getPassword();
  }

  async set(key: string, value: string): Promise<void> {
    await this.entry(key).setPassword(value);
  }

  async delete(key: string): Promise<void> {
    await this.entry(key).deletePassword().catch(() => false);
  }

  private entry(key: string): KeyringEntry {
    return new this.Entry(this.service, key, process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  }
}

/// Plain JSON, mode 0600 in a 0700 folder. Only used when no keychain answers.
export class FileSecretStore implements SecretStore {
  readonly storage: SecretStorage;

  constructor(readonly file: string) {
    this.storage = {
      kind: 'file',
      encrypted: false,
      warning:
        `Your publishing passwords are stored unencrypted in ${file}, because no system keychain answered ` +
        '(on Linux: GNOME Keyring, KWallet or another Secret Service). Only your user account can read the file, ' +
        'but anyone with access to your account or a backup of it can. Install or unlock a keychain and restart Postwright to move them there.',
    };
  }

  async get(key: string): Promise<string | null> {
    return (await this.read())[key] ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.write({ ...(await this.read()), [key]: value });
  }

  async delete(key: string): Promise<void> {
    const all = await this.read();
    if (!(key in all)) return;
    delete all[key];
    await this.write(all);
  }

  async read(): Promise<Record<string, string>> {
    await tightenSecretFile(this.file);
    const text = await fs.readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '{}' : Promise.reject(e)));
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null ? (data as Record<string, string>) : {};
  }

  private async write(all: Record<string, string>): Promise<void> {
    await writeSecretFile(this.file, JSON.stringify(all, null, 2) + '\n');
  }
}

/// Writes a file of secrets readable by the user alone: 0600 in a 0700 folder.
export async function writeSecretFile(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.chmod(path.dirname(file), 0o700).catch(() => undefined);
  // Create it 0600 first: the atomic writer keeps an existing file's mode.
  const handle = await fs.open(file, 'a', 0o600);
  await handle.close();
  await fs.chmod(file, 0o600);
  await writeFileAtomic(file, text);
}

/// A secrets file an older version (or a copy from a backup) left readable by others is
/// closed up before it is read.
export async function tightenSecretFile(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => null);
  if (stat?.isFile() && (stat.mode & 0o077) !== 0) await fs.chmod(file, 0o600);
}

export class MemorySecretStore implements SecretStore {
  readonly storage: SecretStorage = { kind: 'memory', encrypted: false, warning: null };
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

/// The keychain when there is one (moving any secrets the fallback file holds into it), else the file.
export async function openSecretStore(stateDir: string, options: { keychain?: boolean; service?: string } = {}): Promise<SecretStore> {
  const file = new FileSecretStore(path.join(stateDir, 'secrets.json'));
  const keychain = options.keychain === false ? null : await KeychainSecretStore.open(options.service);
  if (!keychain) return file;
  const leftover = await file.read().catch(() => ({}) as Record<string, string>);
  for (const [key, value] of Object.entries(leftover)) {
    await keychain.set(key, value);
    await file.delete(key);
  }
  if (Object.keys(leftover).length > 0) await fs.rm(file.file, { force: true });
  return keychain;
}
