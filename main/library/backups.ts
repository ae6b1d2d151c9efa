/// Hot exit: the editor's unsaved text, backed up outside the library a moment after each change,
/// so a crash, a kill or a power cut loses nothing. A backup is deleted when its post is saved;
/// at start-up the app offers to restore whatever is left.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PostId, StudioError } from '../../shared/api';
import { cleanupStaleTemps, writeFileAtomic } from '../fs/atomic-write';
import { resolveInside } from './paths';
import { hashText } from './post-file';

export interface Backup {
  postId: string;
  text: string;
  /// The hash of the saved text the edits started from; null for a post never saved.
  baseHash: string | null;
  savedAt: string;
}

export interface BackupProblem {
  file: string;
  message: string;
}

const BackupFile = z.object({
  version: z.literal(1),
  postId: PostId,
  text: z.string(),
  baseHash: z.string().nullable(),
  savedAt: z.string(),
  /// sha256 of text: a file damaged in a way that still parses is refused rather than restored.
  textHash: z.string(),
});

export class BackupStore {
  private queue: Promise<unknown> = Promise.resolve();

  /// dir: a folder for this library outside it, from backupDirFor().
  constructor(
    readonly dir: string,
    private readonly options: { onProblem?: (problem: BackupProblem) => void } = {},
  ) {}

  /// Atomic, and calls land in order: the last put wins. Returns the text's hash, which a
  /// later `patch` names as the text it applies to.
  async put(backup: Omit<Backup, 'savedAt'>): Promise<string> {
    const file = this.fileFor(backup.postId);
    if (typeof backup.text !== 'string') throw new StudioError('invalid-argument', 'A backup needs the text.');
    return this.serial(() => this.write(file, backup));
  }

  /// Applies the editor's edits since the backup whose text hashes to `base`, so typing in a
  /// long post does not send the whole post every second. Edits are [from, to, insert] in the
  /// old text's UTF-16 offsets, in order and not overlapping. A backup that is gone or has
  /// moved on (saved and discarded, or written by another window) is a conflict: the caller
  /// then sends the whole text. Returns the new text's hash.
  async patch(request: BackupPatch): Promise<string> {
    const file = this.fileFor(request.postId);
    return this.serial(async () => {
      let stored: z.infer<typeof BackupFile>;
      try {
        stored = BackupFile.parse(JSON.parse(await fs.readFile(file, 'utf8')));
      } catch {
        throw new StudioError('conflict', 'The backup to update is gone; the whole text is needed.');
      }
      if (stored.textHash !== request.base || hashText(stored.text) !== stored.textHash || stored.postId !== request.postId) {
        throw new StudioError('conflict', 'The backup has moved on; the whole text is needed.');
      }
      return this.write(file, { postId: request.postId, text: applyEdits(stored.text, request.edits), baseHash: request.baseHash });
    });
  }

  /// Every backup that can be read, newest first. Damaged files are skipped and reported.
  async list(): Promise<Backup[]> {
    await this.queue;
    const names = await fs.readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    await cleanupStaleTemps(this.dir).catch(() => 0); // left by a kill in the middle of a put
    const backups: Backup[] = [];
    for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
      const file = path.join(this.dir, name);
      try {
        const parsed = BackupFile.parse(JSON.parse(await fs.readFile(file, 'utf8')));
        if (hashText(parsed.text) !== parsed.textHash) throw new Error('its text does not match its checksum');
        if (`${fileStem(parsed.postId)}.json` !== name) throw new Error('it names another post');
        backups.push({ postId: parsed.postId, text: parsed.text, baseHash: parsed.baseHash, savedAt: parsed.savedAt });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // discarded meanwhile
        this.options.onProblem?.({ file, message: `The backup ${name} cannot be read: ${describe(error)}` });
      }
    }
    return backups.sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.postId.localeCompare(b.postId));
  }

  async discard(postId: string): Promise<void> {
    const file = this.fileFor(postId);
    return this.serial(() =>
      fs.unlink(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      }),
    );
  }

  private async write(file: string, backup: Omit<Backup, 'savedAt'>): Promise<string> {
    const content: z.infer<typeof BackupFile> = {
      version: 1,
      postId: backup.postId,
      text: backup.text,
      baseHash: backup.baseHash ?? null,
      savedAt: new Date().toISOString(),
      textHash: hashText(backup.text),
    };
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, JSON.stringify(content));
    return content.textHash;
  }

  /// Files are named by a hash of the post id: any id fits in a file name, and ids differing only
  /// in case stay apart on case-insensitive disks.
  private fileFor(postId: string): string {
    if (typeof postId !== 'string' || !PostId.safeParse(postId).success) {
      throw new StudioError('invalid-argument', `“${String(postId).slice(0, 80)}” is not a post id.`);
    }
    resolveInside(this.dir, postId); // the id alone must not name a path outside
    return resolveInside(this.dir, `${fileStem(postId)}.json`);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export interface BackupPatch {
  postId: string;
  base: string;
  baseHash: string | null;
  edits: [from: number, to: number, insert: string][];
}

/// The edits applied to `text`; refused unless they are in order, apart and inside the text.
export function applyEdits(text: string, edits: readonly (readonly [number, number, string])[]): string {
  let out = '';
  let at = 0;
  for (const [from, to, insert] of edits) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < at || to < from || to > text.length) {
      throw new StudioError('invalid-argument', 'The backup’s edits do not fit its text.');
    }
    out += text.slice(at, from) + insert;
    at = to;
  }
  return out + text.slice(at);
}

function fileStem(postId: string): string {
  return createHash('sha256').update(postId).digest('hex').slice(0, 32);
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return 'it is not a Postwright backup';
  if (error instanceof SyntaxError) return 'it is damaged';
  return error instanceof Error ? error.message : String(error);
}

/// Where a library's backups live: `$POSTWRIGHT_STATE_DIR`, else `$XDG_STATE_HOME/postwright`,
/// else the platform's per-user state folder; then `backups/<first 16 hex of sha256(root)>/`.
export function backupDirFor(
  libraryRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const absolute = (value: string | undefined) => (value && p.isAbsolute(value) ? value : null);
  const base =
    (env.POSTWRIGHT_STATE_DIR ? p.resolve(env.POSTWRIGHT_STATE_DIR) : null) ??
    (absolute(env.XDG_STATE_HOME) ? p.join(env.XDG_STATE_HOME!, 'postwright') : null) ??
    (platform === 'darwin'
      ? p.join(home, 'Library', 'Application Support', 'Postwright')
      : platform === 'win32'
        ? p.join(absolute(env.LOCALAPPDATA) ?? p.join(home, 'AppData', 'Local'), 'Postwright')
        : p.join(home, '.local', 'state', 'postwright'));
  // Windows paths are case-insensitive: C:\Blog and c:\blog are one library.
  let root = p.resolve(libraryRoot);
  if (platform === 'win32') root = root.toLowerCase();
  const key = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return p.join(base, 'backups', key);
}
