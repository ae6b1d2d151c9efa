/// Deleted posts are moved, not erased: `<root>/.postwright/trash/<postId>--<epochMs>/` holds the
/// post's whole folder (text, images) until it is restored or purged.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PostId, StudioError } from '../../shared/api';
import { summarizePost } from '../../shared/post';
import { PathOutsideLibraryError, resolveInside, resolveInsideReal, sameOnEverySystem, uniqueSlug } from './paths';
import { readPostText } from './post-file';

export interface TrashedPost {
  /// The folder's name in the trash, `<postId>--<epochMs>`.
  trashId: string;
  postId: string;
  title: string;
  deletedAt: string;
}

/// What the trash needs from the post history (RevisionStore fits), so history goes where the post goes.
export interface TrashHistory {
  rename(oldPostId: string, newPostId: string): Promise<void>;
  remove(postId: string): Promise<void>;
}

export const DEFAULT_TRASH_MAX_AGE_MS = 30 * 24 * 3_600_000;
const TRASH_ID = /^(.+)--(\d{1,15})$/;

export class Trash {
  private readonly root: string;

  constructor(
    libraryRoot: string,
    private readonly now: () => Date = () => new Date(),
    private readonly options: { history?: TrashHistory } = {},
  ) {
    this.root = path.resolve(libraryRoot);
  }

  async put(postId: string): Promise<TrashedPost> {
    checkPostId(postId);
    const dir = resolveInside(this.postsDir(), postId);
    if (!(await isFolder(dir))) throw new StudioError('not-found', `There is no post “${postId}”.`);
    await fs.mkdir(this.trashDir(), { recursive: true });
    let ms = this.now().getTime();
    for (let attempt = 0; ; attempt++, ms++) {
      const trashId = `${postId}--${ms}`;
      try {
        await renameNoReplace(dir, await this.insideReal('.postwright', 'trash', trashId));
      } catch (error) {
        if (attempt < 100 && isTaken(error)) continue; // deleted twice in one millisecond
        throw error;
      }
      await this.moveHistory(postId, trashId);
      const entry = await this.entry(trashId, postId, ms);
      return entry ?? { trashId, postId, title: postId, deletedAt: new Date(ms).toISOString() };
    }
  }

  /// Newest first.
  async list(): Promise<TrashedPost[]> {
    const names = await fs.readdir(this.trashDir()).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const entries = await Promise.all(
      names.map((name) => {
        const parsed = parseTrashId(name);
        return parsed ? this.entry(name, parsed.postId, parsed.ms) : null;
      }),
    );
    return entries
      .filter((e): e is TrashedPost => e !== null)
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || a.trashId.localeCompare(b.trashId));
  }

  /// Returns the id the post got back: its old one, or `<id>-2`… when that is taken by now.
  async restore(trashId: string): Promise<string> {
    const parsed = parseTrashId(trashId);
    if (!parsed) throw new StudioError('invalid-argument', `“${String(trashId).slice(0, 80)}” is not in the trash.`);
    const from = resolveInside(this.trashDir(), trashId);
    if (!(await isFolder(from))) {
      throw new StudioError('not-found', `“${parsed.postId}” is no longer in the trash.`);
    }
    await fs.mkdir(this.postsDir(), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      // A post differing only by case or Unicode form would be the same folder on a Mac or Windows.
      const names = await fs.readdir(this.postsDir());
      const taken = (slug: string) => names.some((name) => sameOnEverySystem(name, slug));
      const id = await uniqueSlug(parsed.postId, async (slug) => taken(slug) || exists(resolveInside(this.postsDir(), slug)));
      try {
        await renameNoReplace(from, await this.insideReal('posts', id));
      } catch (error) {
        if (attempt < 10 && isTaken(error)) continue; // a post of that name appeared meanwhile
        throw error;
      }
      await this.moveHistory(trashId, id);
      return id;
    }
  }

  /// Deletes for good the entries trashed more than maxAgeMs ago; returns how many.
  async purge(maxAgeMs: number = DEFAULT_TRASH_MAX_AGE_MS): Promise<number> {
    const cutoff = this.now().getTime() - maxAgeMs;
    let purged = 0;
    for (const entry of await this.list()) {
      if (Date.parse(entry.deletedAt) >= cutoff) continue;
      await fs.rm(resolveInside(this.trashDir(), entry.trashId), { recursive: true, force: true });
      await this.options.history?.remove(entry.trashId).catch(() => undefined);
      purged++;
    }
    return purged;
  }

  private async entry(trashId: string, postId: string, ms: number): Promise<TrashedPost | null> {
    const dir = resolveInside(this.trashDir(), trashId);
    if (!(await isFolder(dir))) return null;
    const title = await readPostText(this.trashDir(), trashId, { root: this.root }).then(
      ({ text }) => summarizePost(postId, text, 0).title,
      () => postId, // no index.md, or not readable: the folder name is all we know
    );
    return { trashId, postId, title, deletedAt: new Date(ms).toISOString() };
  }

  /// The post has moved already; history that cannot follow must not turn that into a failure.
  private async moveHistory(from: string, to: string): Promise<void> {
    await this.options.history?.rename(from, to).catch(() => undefined);
  }

  /// The trash and posts folders are in the library, which may be synced or shared: a link planted
  /// there must not send a post outside it.
  private async insideReal(...segments: string[]): Promise<string> {
    try {
      return await resolveInsideReal(this.root, ...segments);
    } catch (error) {
      if (error instanceof PathOutsideLibraryError) {
        throw new StudioError('invalid-argument', `“${segments.slice(0, -1).join('/')}” links outside the library, so Postwright will not move posts there.`);
      }
      throw error;
    }
  }

  private postsDir(): string {
    return path.join(this.root, 'posts');
  }

  private trashDir(): string {
    return path.join(this.root, '.postwright', 'trash');
  }
}

export function parseTrashId(trashId: string): { postId: string; ms: number } | null {
  if (typeof trashId !== 'string' || !PostId.safeParse(trashId).success) return null;
  const m = TRASH_ID.exec(trashId);
  if (!m || !PostId.safeParse(m[1]).success) return null;
  return { postId: m[1]!, ms: Number(m[2]) };
}

function checkPostId(postId: string): void {
  if (!PostId.safeParse(postId).success) throw new StudioError('invalid-argument', `“${String(postId).slice(0, 80)}” is not a post id.`);
}

/// rename() quietly replaces an empty folder at the target; a post must never land on one it did
/// not check for, so the target must not exist at all.
async function renameNoReplace(from: string, to: string): Promise<void> {
  if (await exists(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
  await fs.rename(from, to);
}

function isTaken(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EEXIST' || code === 'ENOTEMPTY';
}

/// A post folder, or a link to one: a link is moved as a link, never what it points to.
async function isFolder(dir: string): Promise<boolean> {
  const stat = await fs.lstat(dir).catch(() => null);
  return stat !== null && (stat.isDirectory() || stat.isSymbolicLink());
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}
