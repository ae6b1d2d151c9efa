/// Starts the real browser host (the built `dist/main/web.cjs`) on a temporary library, the
/// way a user runs `npm run web`, and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningHost {
  url: string;
  origin: string;
  /// The API's key, from the address's fragment; sent as `Authorization: Bearer …`.
  token: string;
  library: string;
  /// SIGTERM by default; SIGKILL to crash it.
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/// A library folder, with Postwright's own state (backups, recent libraries) kept beside it
/// rather than in the user's real state folder.
export function tempLibrary(): string {
  const base = mkdtempSync(path.join(os.tmpdir(), 'postwright-e2e-'));
  mkdirSync(path.join(base, 'library'));
  return path.join(base, 'library');
}

export function stateDirFor(library: string): string {
  return path.join(path.dirname(library), 'state');
}

/// `env` adds to or overrides the host's environment (for example, no D-Bus session: no keychain).
export async function startHost(library: string, env: NodeJS.ProcessEnv = {}): Promise<RunningHost> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main', 'web.cjs'), '--library', library], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POSTWRIGHT_LIBRARY: '', POSTWRIGHT_STATE_DIR: stateDirFor(library), ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print a URL:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    library,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export function removeLibrary(library: string): void {
  rmSync(path.dirname(library), { recursive: true, force: true });
}
