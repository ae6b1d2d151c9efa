/// Where the library lives: `--library DIR`, else POSTWRIGHT_LIBRARY, else a folder in the
/// user's Documents, where people look for their own files.
import os from 'node:os';
import path from 'node:path';

export function resolveLibraryRoot(options: { flag?: string | undefined; env?: NodeJS.ProcessEnv; home?: string } = {}): string {
  const env = options.env ?? process.env;
  const chosen = options.flag ?? env.POSTWRIGHT_LIBRARY;
  if (chosen && chosen.trim()) return path.resolve(expandHome(chosen.trim(), options.home));
  return path.join(options.home ?? os.homedir(), 'Documents', 'Postwright');
}

function expandHome(dir: string, home = os.homedir()): string {
  return dir === '~' || dir.startsWith('~/') ? path.join(home, dir.slice(1)) : dir;
}
