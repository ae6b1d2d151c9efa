/// Local history of each post, kept inside the library so it travels with it:
/// `<root>/.postwright/history/<postId>/<stamp>-<reason>.md`, each file the post's text verbatim.
/// The file name is the whole record (time and reason); bytes and hash are read from the file, so
/// there is no separate manifest that could disagree with the files.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PostId, StudioError } from '../../shared/api';
import { writeFileAtomic } from '../fs/atomic-write';
import { PathOutsideLibraryError, resolveInside, resolveInsideReal } from './paths';
import { hashText } from './post-file';

export type RevisionReason = 'save' | 'publish' | 'restore' | 'outside-edit';

export interface Revision {
  /// The file name without `.md`, e.g. `20261125T143005123Z-save`: safe in URLs and file names.
  id: string;
  postId: string;
  at: string;
  reason: RevisionReason;
  bytes: number;
  hash: string;
}

/// How much history is kept. The README quotes this:
///
/// - Saves within `coalesceMs` (10 minutes) of each other share one revision, the latest text;
///   a run of such saves never spans more than 10 minutes, so a long session keeps one revision
///   per 10 minutes. Saving text identical to the newest revision records nothing.
/// - Every revision from the last `keepAllForMs` (24 hours) is kept.
/// - From 24 hours to `dailyForMs` (30 days) old, one revision per day is kept: the newest of that day.
/// - Older than 30 days, one per ISO week is kept (the newest of that week), for ever.
/// - A post keeps at most `maxPerPost` (200) revisions; past that the oldest go first.
/// - The newest revision and every 'publish' revision are always kept, whatever their age
///   (so a post published more than 200 times keeps all its published versions).
/// Days and weeks are counted in UTC, so the result does not depend on the machine's time zone.
export interface RevisionPolicy {
  coalesceMs: number;
  keepAllForMs: number;
  dailyForMs: number;
  weeklyForever: true;
  maxPerPost: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEFAULT_REVISION_POLICY: RevisionPolicy = {
  coalesceMs: 10 * 60_000,
  keepAllForMs: DAY,
  dailyForMs: 30 * DAY,
  weeklyForever: true,
  maxPerPost: 200,
};

const REASONS = ['save', 'publish', 'restore', 'outside-edit'] as const;
const REVISION_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-(save|publish|restore|outside-edit)$/;

/// The revisions the policy drops, given all of a post's revisions. Pure: no disk, no clock.
export function revisionsToPrune(revisions: readonly Revision[], now: Date, policy: Partial<RevisionPolicy> = {}): Revision[] {
  const { keepAllForMs, dailyForMs, maxPerPost } = { ...DEFAULT_REVISION_POLICY, ...policy };
  const nowMs = now.getTime();
  const sorted = [...revisions].sort(newestFirst);
  const kept: Revision[] = [];
  const buckets = new Set<string>();
  sorted.forEach((revision, index) => {
    const atMs = Date.parse(revision.at);
    const age = nowMs - atMs;
    const protectedOne = index === 0 || revision.reason === 'publish';
    if (age < keepAllForMs) {
      kept.push(revision);
      return;
    }
    const bucket = age < dailyForMs ? `d${new Date(atMs).toISOString().slice(0, 10)}` : `w${isoWeek(atMs)}`;
    // Sorted newest first, so the first revision seen in a day or week is that bucket's newest.
    if (protectedOne || !buckets.has(bucket)) kept.push(revision);
    buckets.add(bucket);
  });
  const keptSet = new Set(kept);
  const drop = new Set(sorted.filter((revision) => !keptSet.has(revision)));
  let excess = kept.length - maxPerPost;
  for (let i = kept.length - 1; i > 0 && excess > 0; i--) {
    const revision = kept[i]!;
    if (revision.reason === 'publish') continue;
    drop.add(revision);
    excess--;
  }
  return sorted.filter((revision) => drop.has(revision));
}

function newestFirst(a: Revision, b: Revision): number {
  return Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/// `2026-W48` for the ISO week (Monday to Sunday, week 1 holds the year's first Thursday).
function isoWeek(ms: number): string {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export class RevisionStore {
  private readonly policy: RevisionPolicy;
  private readonly root: string;
  private readonly historyDir: string;
  private queue: Promise<unknown> = Promise.resolve();
  /// Hashes of revision files already read, by path, size and mtime: list() stays cheap.
  private readonly hashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();
  /// Where the current run of coalesced saves began, so a run never outgrows coalesceMs.
  private readonly runs = new Map<string, { id: string; startMs: number }>();

  constructor(
    libraryRoot: string,
    policy: Partial<RevisionPolicy> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.policy = { ...DEFAULT_REVISION_POLICY, ...policy };
    this.root = path.resolve(libraryRoot);
    this.historyDir = path.join(this.root, '.postwright', 'history');
  }

  /// Call after each successful save (or publish, restore, outside edit). Returns the revision
  /// written, or null when the text is the same as the newest revision's.
  async record(postId: string, text: string, reason: RevisionReason): Promise<Revision | null> {
    if (!REASONS.includes(reason)) throw new StudioError('invalid-argument', `“${String(reason)}” is not a reason for a revision.`);
    return this.serial(async () => this.recordNow(postId, text, reason, await this.list(postId)));
  }

  /// Call before replacing a post's text: keeps that text unless a revision already holds it, so
  /// whatever replaces it (a save, an import, the remote version, a restore) can be undone.
  async keep(postId: string, text: string): Promise<Revision | null> {
    return this.serial(async () => {
      const existing = await this.list(postId);
      const hash = hashText(text);
      if (existing.some((revision) => revision.hash === hash)) return null;
      // Not 'save': a later save must not coalesce it away.
      return this.recordNow(postId, text, 'outside-edit', existing);
    });
  }

  private async recordNow(postId: string, text: string, reason: RevisionReason, existing: Revision[]): Promise<Revision | null> {
    const dir = this.postDir(postId);
    const newest = existing[0];
    const hash = hashText(text);
    const replaced: Revision[] = [];
    if (newest?.hash === hash) {
      // Publishing the text just saved: the publish revision takes the save's place, so that
      // version is kept for good.
      if (reason !== 'publish' || newest.reason !== 'save') return null;
      replaced.push(newest);
    }
    const nowMs = this.now().getTime();
    const newestMs = newest ? Date.parse(newest.at) : -Infinity;
    let runStartMs = nowMs;
    if (reason === 'save' && newest?.reason === 'save' && replaced.length === 0) {
      const run = this.runs.get(postId);
      const startMs = run?.id === newest.id ? run.startMs : newestMs;
      if (nowMs - startMs < this.policy.coalesceMs) {
        replaced.push(newest);
        runStartMs = startMs;
      }
    }
    // Stamps only grow, so "newest" stays well defined if the clock steps back.
    let atMs = Math.max(nowMs, newestMs + 1);
    let id = revisionId(atMs, reason);
    while (existing.some((r) => r.id.slice(0, 19) === id.slice(0, 19))) id = revisionId(++atMs, reason);

    await fs.mkdir(dir, { recursive: true });
    await this.checkReal(postId);
    const file = path.join(dir, `${id}.md`);
    await writeFileAtomic(file, text, { root: this.root });
    for (const old of replaced) await this.unlink(path.join(dir, `${old.id}.md`));
    const revision: Revision = { id, postId, at: new Date(atMs).toISOString(), reason, bytes: Buffer.byteLength(text), hash };
    this.runs.set(postId, { id, startMs: runStartMs });

    const all = [revision, ...existing.filter((r) => !replaced.includes(r))];
    for (const old of revisionsToPrune(all, this.now(), this.policy)) await this.unlink(path.join(dir, `${old.id}.md`));
    return revision;
  }

  /// Newest first. A post with no history has an empty list.
  async list(postId: string): Promise<Revision[]> {
    const dir = this.postDir(postId);
    await this.checkReal(postId);
    const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [] as string[];
      throw error;
    });
    const revisions = await Promise.all(
      names.map(async (name): Promise<Revision | null> => {
        const id = name.endsWith('.md') ? name.slice(0, -3) : '';
        const at = parseRevisionId(id);
        if (!at) return null;
        const file = path.join(dir, name);
        const stat = await fs.lstat(file).catch(() => null);
        if (!stat?.isFile()) return null; // a link is not a revision Postwright wrote
        const hash = await this.hashOf(file, stat.size, stat.mtimeMs);
        if (hash === null) return null;
        return { id, postId, at: at.at, reason: at.reason, bytes: stat.size, hash };
      }),
    );
    return revisions.filter((r): r is Revision => r !== null).sort(newestFirst);
  }

  async read(postId: string, revisionId: string): Promise<string> {
    const dir = this.postDir(postId);
    if (typeof revisionId !== 'string' || !parseRevisionId(revisionId)) {
      throw new StudioError('invalid-argument', `“${String(revisionId).slice(0, 80)}” is not a revision name.`);
    }
    try {
      await this.checkReal(postId);
      const file = resolveInside(dir, `${revisionId}.md`);
      if (!(await fs.lstat(file)).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StudioError('not-found', `The version ${revisionId} of “${postId}” is not in its history.`);
      }
      throw error;
    }
  }

  /// Moves a post's history to a new id (the post was trashed, restored or renamed). Nothing to
  /// move is fine; revisions already under the new id are kept beside the moved ones.
  async rename(oldPostId: string, newPostId: string): Promise<void> {
    const from = this.postDir(oldPostId);
    const to = this.postDir(newPostId);
    if (from === to) return;
    return this.serial(async () => {
      this.runs.delete(oldPostId);
      await fs.mkdir(this.historyDir, { recursive: true });
      try {
        return await fs.rename(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      }
      await this.merge(from, to);
    });
  }

  /// Deletes a post's whole history (its trash entry was purged).
  async remove(postId: string): Promise<void> {
    const dir = this.postDir(postId);
    return this.serial(async () => {
      this.runs.delete(postId);
      await fs.rm(dir, { recursive: true, force: true });
    });
  }

  private async merge(from: string, to: string): Promise<void> {
    const taken = new Set(await fs.readdir(to));
    for (const name of await fs.readdir(from)) {
      const parsed = parseRevisionId(name.replace(/\.md$/, ''));
      let target = name;
      if (parsed) {
        let ms = Date.parse(parsed.at);
        while (taken.has(target)) target = `${revisionId(++ms, parsed.reason)}.md`;
      } else if (taken.has(target)) {
        continue; // not ours (a temp file, say): leave it to be removed with the folder
      }
      await fs.rename(path.join(from, name), path.join(to, target));
      taken.add(target);
    }
    await fs.rm(from, { recursive: true, force: true });
  }

  private postDir(postId: string): string {
    if (!PostId.safeParse(postId).success) throw new StudioError('invalid-argument', `“${String(postId).slice(0, 80)}” is not a post id.`);
    return resolveInside(this.historyDir, postId);
  }

  /// History lives in the library, which may be synced or shared: a link planted there must not
  /// make Postwright read or write outside it.
  private async checkReal(postId: string): Promise<void> {
    try {
      await resolveInsideReal(this.root, '.postwright', 'history', postId);
    } catch (error) {
      if (error instanceof PathOutsideLibraryError) {
        throw new StudioError('invalid-argument', `The history of “${postId}” links outside the library, so Postwright will not use it.`);
      }
      throw error;
    }
  }

  private async hashOf(file: string, size: number, mtimeMs: number): Promise<string | null> {
    const known = this.hashes.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.hash;
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text === null) return null;
    const hash = hashText(text);
    this.hashes.set(file, { size, mtimeMs, hash });
    return hash;
  }

  private async unlink(file: string): Promise<void> {
    this.hashes.delete(file);
    await fs.unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /// One change at a time, in call order. One queue for the whole store keeps rename (two posts)
  /// simple; changes are a few small files each, so posts do not wait on each other for long.
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function revisionId(ms: number, reason: RevisionReason): string {
  return `${new Date(ms).toISOString().replace(/[-:.]/g, '')}-${reason}`;
}

export function parseRevisionId(id: string): { at: string; reason: RevisionReason } | null {
  const m = REVISION_ID.exec(id);
  if (!m) return null;
  const at = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  if (Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) return null;
  return { at, reason: m[8] as RevisionReason };
}
