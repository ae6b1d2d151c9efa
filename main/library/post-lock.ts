/// One writer per post at a time: two windows, two tabs, the CLI and the app, or two computers
/// sharing a synced folder must not both save from the same base. In this process a promise queue
/// per post; across processes a lock file per post in `.postwright/locks/`, created with O_EXCL
/// and holding its owner's pid, host and a token, so a lock left by a killed process is taken over.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../shared/api';
import { PathOutsideLibraryError, resolveInsideReal } from './paths';

interface Owner {
  pid: number;
  host: string;
  token: string;
}

/// A lock from another computer cannot be checked by pid; a save takes well under a second, so one
/// this old was left by a computer that crashed or lost the folder.
const OTHER_HOST_STALE_MS = 60_000;
/// A lock file still empty this long after it was made belongs to a process killed while making it.
const EMPTY_STALE_MS = 5_000;

export interface PostLockOptions {
  /// How long to wait for another process's save before giving up.
  waitMs?: number;
  /// The library folder: the lock folder must really be inside it.
  root?: string;
}

export class PostLocks {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly waitMs: number;
  private readonly root: string | undefined;

  constructor(
    private readonly dir: string,
    options: PostLockOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 30_000;
    this.root = options.root;
  }

  /// Runs `task` holding the post's lock. `stillOwned` throws if the lock was taken over meanwhile
  /// (only a process that thought this one dead would do that): call it just before committing.
  run<T>(id: string, task: (stillOwned: () => Promise<void>) => Promise<T>): Promise<T> {
    const key = id.normalize('NFC');
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.holdFile(key, task));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  private async holdFile<T>(id: string, task: (stillOwned: () => Promise<void>) => Promise<T>): Promise<T> {
    const file = path.join(this.dir, `${Buffer.from(id).toString('hex').slice(0, 200)}.lock`);
    const me: Owner = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex') };
    await this.acquire(file, me, id);
    try {
      return await task(async () => {
        const owner = await readOwner(file);
        if (owner?.token !== me.token) {
          throw new StudioError('conflict', `Another Postwright took over saving “${id}”. Your text has not been saved yet.`);
        }
      });
    } finally {
      const owner = await readOwner(file);
      if (owner?.token === me.token) await fs.unlink(file).catch(() => undefined);
    }
  }

  private async acquire(file: string, me: Owner, id: string): Promise<void> {
    // The library may be synced or shared: a link planted here must not make us write elsewhere.
    if (this.root !== undefined) await resolveInsideReal(this.root, path.relative(this.root, this.dir)).catch((error: unknown) => {
      throw error instanceof PathOutsideLibraryError ? new StudioError('save-failed', 'The library’s .postwright folder links outside the library, so Postwright will not save there.') : error;
    });
    await fs.mkdir(this.dir, { recursive: true });
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await createWhole(file, JSON.stringify(me));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (await this.breakIfStale(file)) continue;
      if (Date.now() - started > this.waitMs) {
        throw new StudioError('save-failed', `Another Postwright is still saving “${id}”. Your text has not been saved yet; try again.`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 100)));
    }
  }

  /// Moves a dead owner's lock aside. The move, not the check, decides: if another process replaced
  /// the lock between our check and our move, its live lock is put back.
  private async breakIfStale(file: string): Promise<boolean> {
    const owner = await readOwner(file);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) return true;
    const stale = owner === null ? Date.now() - stat.mtimeMs > EMPTY_STALE_MS : isDead(owner, stat.mtimeMs);
    if (!stale) return false;
    const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
    try {
      await fs.rename(file, aside);
    } catch {
      return true; // someone else moved it first: just try again
    }
    const moved = await readOwner(aside);
    if (owner !== null && moved?.token !== owner.token) await fs.link(aside, file).catch(() => undefined);
    await fs.unlink(aside).catch(() => undefined);
    return true;
  }
}

/// Creates `file` with its content, failing with EEXIST if it is there. Linking a finished temp
/// file means a process killed half way never leaves an empty lock; where links are not
/// supported (FAT, some network shares) an O_EXCL create does.
async function createWhole(file: string, content: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.new`;
  await fs.writeFile(temp, content, { flag: 'wx' });
  try {
    await fs.link(temp, file);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
  await fs.writeFile(file, content, { flag: 'wx' });
}

function isDead(owner: Owner, mtimeMs: number): boolean {
  if (owner.host !== os.hostname()) return Date.now() - mtimeMs > OTHER_HOST_STALE_MS;
  if (owner.pid === process.pid) return false; // our own: a save in this process, queued above
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readOwner(file: string): Promise<Owner | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Owner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') {
      return { pid: parsed.pid, host: parsed.host, token: parsed.token };
    }
  } catch {
    // missing, half written or not ours
  }
  return null;
}
