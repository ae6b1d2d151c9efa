/// The library: a folder the user owns, with one page bundle per post (`posts/<id>/index.md`,
/// the layout Hugo uses). Every write goes through the atomic writer; every save keeps a
/// revision; deleting moves to the trash; the index keeps listing and search fast.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  PostId,
  StudioError,
  type AddedAsset,
  type IMAGE_TYPES,
  type LibraryInfo,
  type Post,
  type PostSummary,
  type SaveResult,
  type SearchHit,
  type TrashedPost,
} from '../../shared/api';
import { altFromFileName } from '../../shared/alt-text';
import { setFrontMatterFields } from '../../shared/frontmatter';
import { summarizePost } from '../../shared/post';
import { cleanupStaleTemps, SaveError, toSaveError, writeFileAtomic } from '../fs/atomic-write';
import { addAsset } from './assets';
import { portableIdProblem, resolveInside, sameOnEverySystem, slugify, uniqueSlug } from './paths';
import { hashText, POST_FILE, readPostText } from './post-file';
import { PostLocks } from './post-lock';
import { RevisionStore, type RevisionReason } from './revisions';
import { LibraryIndex } from './search-index';
import { Trash } from './trash';
import type { PostFileChange } from './watcher';
import { welcomePost } from './welcome';

export type LibraryEvent = { id: string | null; hash: string | null };

export const PREVIEW_CSS = 'preview.css';

export class Library {
  readonly revisions: RevisionStore;
  readonly trash: Trash;
  readonly index: LibraryIndex;
  private listeners = new Set<(event: LibraryEvent) => void>();
  /// The hash of the text Postwright itself last wrote per post, to tell its own saves from
  /// outside edits when the watcher reports a change.
  private written = new Map<string, string>();

  private readonly locks: PostLocks;

  constructor(readonly root: string) {
    this.locks = new PostLocks(path.join(root, '.postwright', 'locks'), { root });
    this.revisions = new RevisionStore(root);
    this.trash = new Trash(root, undefined, { history: this.revisions });
    this.index = new LibraryIndex(root, path.join(root, '.postwright', 'index.json'));
  }

  /// Creates the folder on first use, with a welcome post so the first screen is not empty.
  async open(): Promise<this> {
    const postsDir = this.postsDir();
    const isNew = !(await exists(postsDir));
    await fs.mkdir(postsDir, { recursive: true }).catch((error: unknown) => {
      throw diskProblem(error, `Postwright could not make the library in ${this.root}`, 'invalid-argument');
    });
    if (isNew) {
      const dir = resolveInside(postsDir, 'welcome');
      await fs.mkdir(dir, { recursive: true });
      await writeFileAtomic(path.join(dir, POST_FILE), welcomePost(today()));
    }
    // Leftovers of a save interrupted by a crash; the post itself is intact.
    await cleanupStaleTemps(postsDir, { recursive: true }).catch(() => 0);
    await this.index.refresh();
    await this.trash.purge().catch(() => 0);
    return this;
  }

  onChange(listener: (event: LibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async info(): Promise<LibraryInfo> {
    return { root: this.root, name: path.basename(this.root), postCount: this.index.summaries().length };
  }

  /// The writer's stylesheet for the preview, so it can look like their blog's theme.
  async previewCss(): Promise<string | null> {
    const text = await fs.readFile(path.join(this.root, PREVIEW_CSS), 'utf8').catch(() => null);
    return text && text.length <= 1_000_000 ? text : null;
  }

  async list(): Promise<PostSummary[]> {
    return this.index.summaries().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.modifiedMs - a.modifiedMs || a.title.localeCompare(b.title));
  }

  async search(query: string, filter: { status?: string; tag?: string }): Promise<SearchHit[]> {
    const byId = new Map(this.index.summaries().map((summary) => [summary.id, summary]));
    return this.index.search(query, filter).flatMap((hit) => {
      const summary = byId.get(hit.id);
      return summary ? [{ summary, score: hit.score, snippet: hit.snippet }] : [];
    });
  }

  async get(id: string): Promise<Post> {
    const { text, modifiedMs } = await readPostText(this.postsDir(), id);
    return { summary: summarizePost(id, text, modifiedMs), text, hash: hashText(text) };
  }

  async create(title: string): Promise<Post> {
    const postsDir = this.postsDir();
    const names = await fs.readdir(postsDir).catch(() => [] as string[]);
    const taken = (slug: string) => names.some((name) => sameOnEverySystem(name, slug));
    const id = await uniqueSlug(slugify(title), async (slug) => taken(slug) || exists(resolveInside(postsDir, slug)));
    const text = setFrontMatterFields('\n', { title, slug: id, date: today(), status: 'draft', tags: [] });
    await this.save(id, text, null);
    return this.get(id);
  }

  /// Checking the base and writing are one step per post, across windows and processes: of two
  /// saves from the same base, one wins and the other gets 'conflict' with its text untouched.
  /// The text replaced is kept in history first; a file that could not be read is never replaced.
  async save(id: string, text: string, baseHash: string | null, reason: RevisionReason = 'save'): Promise<SaveResult> {
    const saving = this.locks.run(id, async (stillOwned) => {
      const current = await this.readCurrent(id, baseHash);
      if (baseHash !== null && current !== null && current.hash !== baseHash) {
        throw new StudioError(
          'conflict',
          `“${id}” was changed on disk by another program since you opened it. Your text has not been saved yet.`,
        );
      }
      if (current === null) await this.checkNewId(id);
      return this.write(id, text, reason, current, stillOwned);
    });
    return saving.catch((error: unknown) => Promise.reject(explainFsError(error, id)));
  }

  async restoreRevision(id: string, revisionId: string): Promise<SaveResult> {
    const text = await this.revisions.read(id, revisionId);
    return this.save(id, text, null, 'restore');
  }

  /// Moves the post's folder into the library's trash rather than deleting it.
  async delete(id: string): Promise<TrashedPost> {
    const trashed = await this.trash.put(id).catch((error: unknown) => {
      throw diskProblem(error, `“${id}” could not be moved to the trash`);
    });
    this.index.update(id, null);
    this.emit({ id: null, hash: null });
    return trashed;
  }

  async restoreFromTrash(trashId: string): Promise<PostSummary> {
    const id = await this.trash.restore(trashId).catch((error: unknown) => {
      throw diskProblem(error, 'The post could not be restored from the trash');
    });
    const post = await this.get(id);
    this.index.update(id, post.text, post.summary.modifiedMs);
    this.emit({ id: null, hash: null });
    return post.summary;
  }

  async addAsset(postId: string, name: string, type: keyof typeof IMAGE_TYPES, bytes: Uint8Array): Promise<AddedAsset> {
    const file = await addAsset(this.postsDir(), postId, type, bytes);
    return { file, alt: altFromFileName(name) };
  }

  /// A post file changed on disk. Postwright's own saves are recognised and ignored; an outside
  /// edit is kept as a revision and announced so an open editor can reload or ask.
  async outsideChange(change: PostFileChange): Promise<void> {
    if (change.kind === 'removed') {
      const stillThere = await exists(resolveInside(this.postsDir(), change.id, POST_FILE));
      if (stillThere) return;
      this.index.update(change.id, null);
      this.written.delete(change.id);
      this.emit({ id: null, hash: null });
      return;
    }
    let post;
    try {
      post = await readPostText(this.postsDir(), change.id);
    } catch (error) {
      // Binary, too large or linked outside: listed at once with the reason, never opened.
      const stat = await fs.stat(resolveInside(this.postsDir(), change.id, POST_FILE)).catch(() => null);
      if (!(error instanceof StudioError) || error.code !== 'invalid-argument' || !stat) return;
      this.written.delete(change.id);
      this.index.unreadable(change.id, error.message, stat);
      this.emit({ id: null, hash: null });
      return;
    }
    const hash = hashText(post.text);
    if (this.written.get(change.id) === hash) return;
    this.written.set(change.id, hash);
    this.index.update(change.id, post.text, post.modifiedMs);
    await this.revisions.record(change.id, post.text, 'outside-edit').catch(() => null);
    this.emit({ id: change.id, hash });
  }

  async close(): Promise<void> {
    await this.index.flush();
  }

  /// What is on disk now, or null when there is no post file yet. A file that is there but cannot
  /// be read (not text, too large, a link outside the library) is never replaced: with a base
  /// hash that is a conflict, without one it is refused, both with the reason.
  private async readCurrent(id: string, baseHash: string | null): Promise<{ text: string; hash: string } | null> {
    try {
      const { text } = await readPostText(this.postsDir(), id);
      return { text, hash: hashText(text) };
    } catch (error) {
      if (error instanceof StudioError && error.code === 'not-found') return null;
      if (error instanceof StudioError && error.code === 'invalid-argument' && PostId.safeParse(id).success) {
        const why = `${error.message} Your text has not been saved yet; save it as a new post.`;
        throw new StudioError(baseHash === null ? 'invalid-argument' : 'conflict', why);
      }
      throw explainFsError(error, id);
    }
  }

  private async write(
    id: string,
    text: string,
    reason: RevisionReason,
    current: { text: string; hash: string } | null,
    stillOwned: () => Promise<void>,
  ): Promise<SaveResult> {
    const file = resolveInside(this.postsDir(), id, POST_FILE);
    const hash = hashText(text);
    try {
      // The text about to be replaced goes into history first; if that fails, nothing is replaced.
      if (current !== null && current.hash !== hash) await this.revisions.keep(id, current.text);
      await fs.mkdir(path.dirname(file), { recursive: true });
      this.written.set(id, hash);
      // Compare and rename: a program outside Postwright (a sync client) may have written since
      // the check, and only our own saves take the lock.
      const beforeCommit = async () => {
        await stillOwned();
        const now = await this.readCurrent(id, hash).catch(() => undefined);
        if (now !== undefined && now?.hash === current?.hash) return;
        throw new StudioError('conflict', `“${id}” was changed on disk by another program while it was being saved. Your text has not been saved yet.`);
      };
      await writeFileAtomic(file, text, { displayName: summarizePost(id, text, 0).title, root: this.root, beforeCommit });
    } catch (error) {
      if (error instanceof SaveError) throw new StudioError('save-failed', error.message);
      throw explainFsError(error, id);
    }
    const stat = await fs.stat(file);
    const summary = summarizePost(id, text, stat.mtimeMs);
    this.index.update(id, text, stat.mtimeMs);
    // History must never cost the user their save: a failure here is only logged.
    await this.revisions.record(id, text, reason).catch((error: unknown) => console.error('revision not kept:', error));
    this.emit({ id, hash });
    return { hash, summary };
  }

  /// A new post's folder must be one every system can store, and not a twin of another post that
  /// a Mac, Windows or a sync client would take for the same folder.
  private async checkNewId(id: string): Promise<void> {
    const problem = portableIdProblem(id);
    if (problem) throw new StudioError('invalid-argument', `“${id}” cannot be a post name: ${problem}.`);
    const names = await fs.readdir(this.postsDir()).catch(() => [] as string[]);
    const twin = names.find((name) => name !== id && sameOnEverySystem(name, id));
    if (twin !== undefined) {
      throw new StudioError('invalid-argument', `“${id}” cannot be a post name: Windows and macOS take it for the post “${twin}”.`);
    }
  }

  private postsDir(): string {
    return path.join(this.root, 'posts');
  }

  private emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/// A disk error as the blogger would say it (a read-only disk, no permission, a link loop),
/// instead of a raw errno reported as an internal error.
function explainFsError(error: unknown, id: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof StudioError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  return new StudioError('save-failed', toSaveError(error, path.join(id, POST_FILE), id).message);
}

/// The same, for what is not a save: `what` says what did not happen.
function diskProblem(error: unknown, what: string, code: 'save-failed' | 'invalid-argument' = 'save-failed'): unknown {
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof StudioError || typeof errno !== 'string') return error;
  const why =
    errno === 'EROFS'
      ? 'the library is on a read-only disk'
      : errno === 'EACCES' || errno === 'EPERM'
        ? 'Postwright is not allowed to change the library folder; check its permissions'
        : errno === 'ENOSPC' || errno === 'EDQUOT'
          ? 'the disk is full'
          : errno === 'ELOOP'
            ? 'a folder in the library is a link that leads back to itself'
            : errno === 'ENOTDIR' || errno === 'ENOENT'
              ? 'a folder of the library is missing or is a file'
              : null;
  return why === null ? error : new StudioError(code, `${what}: ${why}.`);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
