/// The one way Postwright writes a user file. A crash, a power cut or a full disk leaves either the
/// old file or the new one on disk, never a mix and never nothing.
import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import path from 'node:path';

/// The parts of `fs.promises` the writer uses, so tests can inject faults (a full disk, say).
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; isFile(): boolean }>;
  realpath(path: string): Promise<string>;
}
export interface AtomicFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface WriteOptions {
  /// How the blogger knows the file, e.g. the post's title; used in error messages.
  displayName?: string;
  fs?: AtomicFs;
  /// The library folder: the file's real folder must be inside its real path at the moment of
  /// writing, so a folder swapped for a link to somewhere else is never written through.
  root?: string;
  /// Runs after the new bytes are on disk and just before they replace the old file: the last
  /// moment to refuse (a lost post lock, say) with nothing changed.
  beforeCommit?: () => Promise<void>;
}

export type SaveErrorCode = 'disk-full' | 'read-only' | 'permission' | 'not-found' | 'outside-library' | 'link-loop' | 'unknown';

export class SaveError extends Error {
  override name = 'SaveError';
  constructor(
    readonly code: SaveErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const TEMP_SUFFIX = '.pw-tmp';
const queues = new Map<string, Promise<void>>();

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  // The queue key is taken before the first await so calls land in the order they were made.
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => writeNow(key, data, options));
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function writeNow(file: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  const fs = options.fs ?? (nodeFs as unknown as AtomicFs);
  let temp: string | null = null;
  let handle: AtomicFileHandle | null = null;
  let refused: unknown = null;
  try {
    const realRoot = options.root === undefined ? null : await fs.realpath(options.root);
    const target = await realTarget(fs, file, realRoot);
    const mode = await fs.stat(target).then(
      (s) => (s.isFile() ? s.mode & 0o7777 : undefined),
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      },
    );
    const dir = path.dirname(target);
    // Same folder so the rename is atomic; a short base keeps the name under the 255-byte limit.
    temp = path.join(dir, `.${path.basename(target).slice(0, 64)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    handle = await fs.open(temp, 'wx', mode ?? 0o666);
    // The folder was checked by its real path; if a part of it was swapped for a link since, the
    // temp file landed elsewhere: find it there, remove it, and write nothing.
    if (realRoot !== null) await stillAt(fs, temp, dir, realRoot, (moved) => (temp = moved));
    if (mode !== undefined) await handle.chmod(mode); // the umask must not narrow the user's mode
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await options.beforeCommit?.().catch((error: unknown) => Promise.reject((refused = error)));
    if (realRoot !== null) await stillAt(fs, temp, dir, realRoot, (moved) => (temp = moved));
    await renameWithRetry(fs, temp, target);
    temp = null;
    await syncFolder(fs, dir);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp !== null) await fs.unlink(temp).catch(() => undefined);
    throw error === refused ? error : toSaveError(error, file, options.displayName);
  }
}

/// Where the bytes really go: through a symlinked file to the real file (so the user's link stays
/// a link), always into the folder's real path. With a root, both must be inside it.
async function realTarget(fs: AtomicFs, file: string, realRoot: string | null): Promise<string> {
  const linked = await fs.realpath(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  const target = linked ?? path.join(await fs.realpath(path.dirname(file)), path.basename(file));
  if (realRoot !== null && !isInside(realRoot, path.dirname(target))) throw outsideLibrary(file);
  return target;
}

async function stillAt(fs: AtomicFs, temp: string, dir: string, realRoot: string, moved: (real: string) => void): Promise<void> {
  const real = await fs.realpath(temp);
  if (path.dirname(real) === dir) return;
  moved(real);
  if (!isInside(realRoot, path.dirname(real))) throw outsideLibrary(temp);
  throw Object.assign(new Error(`The folder ${dir} changed while saving`), { code: 'EAGAIN' });
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function outsideLibrary(file: string): Error {
  return Object.assign(new Error(`${file} leads outside the library`), { code: 'EOUTSIDE' });
}

/// On Windows a virus scanner or indexer briefly holding the target makes rename fail; retry a little.
async function renameWithRetry(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || attempt >= 5 || !['EPERM', 'EACCES', 'EBUSY'].includes(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 40));
    }
  }
}

/// Makes the rename itself durable. Windows cannot open a folder for fsync, and some file systems
/// refuse it; the new file is already in place then, so that is not a failed save.
async function syncFolder(fs: AtomicFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: AtomicFileHandle | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EACCES', 'EBADF'].includes(code ?? '')) throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function toSaveError(error: unknown, file: string, displayName?: string): SaveError {
  if (error instanceof SaveError) return error;
  const base = path.basename(file);
  const name = `“${displayName ?? (base === 'index.md' ? path.basename(path.dirname(file)) : base)}”`;
  const kept = 'Your text is still in the editor;';
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const [kind, message]: [SaveErrorCode, string] =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? ['disk-full', `The disk is full, so ${name} could not be saved. ${kept} free some space and save again.`]
      : code === 'EROFS'
        ? ['read-only', `${name} could not be saved because its disk is read-only. ${kept} save it to another folder.`]
        : code === 'EACCES' || code === 'EPERM'
          ? ['permission', `Postwright is not allowed to change ${name}. ${kept} check the folder's permissions or save it elsewhere.`]
          : code === 'ENOENT' || code === 'ENOTDIR'
            ? ['not-found', `The folder of ${name} is gone, so it could not be saved. ${kept} save it to another folder.`]
            : code === 'EOUTSIDE'
              ? ['outside-library', `The folder of ${name} is a link to a place outside the library, so Postwright will not write there. ${kept} save it as a new post.`]
              : code === 'ELOOP'
                ? ['link-loop', `The folder of ${name} is a link that leads back to itself, so it could not be saved. ${kept} remove the link and save again.`]
                : ['unknown', `${name} could not be saved (${code ?? (error as Error)?.message ?? 'unknown error'}). ${kept} try saving again.`];
  return new SaveError(kind, file, message, { cause: error });
}

/// Removes temp files left by a crash. Younger ones may belong to a save still running (another
/// window, another Postwright), so they are left alone.
export async function cleanupStaleTemps(
  dir: string,
  options: { olderThanMs?: number; recursive?: boolean } = {},
): Promise<number> {
  const cutoff = Date.now() - (options.olderThanMs ?? 60_000);
  const entries = await nodeFs.readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
    throw e;
  });
  let removed = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && options.recursive) removed += await cleanupStaleTemps(full, options);
    if (!entry.isFile() || !entry.name.startsWith('.') || !entry.name.endsWith(TEMP_SUFFIX)) continue;
    const stat = await nodeFs.lstat(full).catch(() => null);
    if (stat && stat.mtimeMs <= cutoff && (await nodeFs.unlink(full).then(() => true, () => false))) removed++;
  }
  return removed;
}
