/// The library: a folder the user owns, with one page bundle per post (`posts/<id>/index.md`,
/// the layout Hugo uses). Every write goes through the atomic writer; every save keeps a
/// revision; deleting moves to the trash; the index keeps listing and search fast.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
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
import { cleanupStaleTemps, SaveError, writeFileAtomic } from '../fs/atomic-write';
import { addAsset } from './assets';
import { resolveInside, slugify, uniqueSlug } from './paths';
import { hashText, POST_FILE, readPostText } from './post-file';
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

  constructor(readonly root: string) {
    this.revisions = new RevisionStore(root);
    this.trash = new Trash(root, undefined, { history: this.revisions });
    this.index = new LibraryIndex(root, path.join(root, '.postwright', 'index.json'));
  }

  /// Creates the folder on first use, with a welcome post so the first screen is not empty.
  async open(): Promise<this> {
    const postsDir = this.postsDir();
    const isNew = !(await exists(postsDir));
    await fs.mkdir(postsDir, { recursive: true });
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
    return this.index.summaries().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
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
    const id = await uniqueSlug(slugify(title), (slug) => exists(resolveInside(postsDir, slug)));
    await fs.mkdir(resolveInside(postsDir, id), { recursive: true });
    const text = setFrontMatterFields('\n', { title, slug: id, date: today(), status: 'draft', tags: [] });
    await this.write(id, text, 'save');
    return this.get(id);
  }

  async save(id: string, text: string, baseHash: string | null, reason: RevisionReason = 'save'): Promise<SaveResult> {
    if (baseHash !== null) {
      const current = await readPostText(this.postsDir(), id).catch(() => null);
      if (current !== null && hashText(current.text) !== baseHash) {
        throw new StudioError(
          'conflict',
          `“${id}” was changed on disk by another program since you opened it. Your text has not been saved yet.`,
        );
      }
    }
    return this.write(id, text, reason);
  }

  async restoreRevision(id: string, revisionId: string): Promise<SaveResult> {
    const text = await this.revisions.read(id, revisionId);
    return this.write(id, text, 'restore');
  }

  /// Moves the post's folder into the library's trash rather than deleting it.
  async delete(id: string): Promise<TrashedPost> {
    const trashed = await this.trash.put(id);
    this.index.update(id, null);
    this.emit({ id: null, hash: null });
    return trashed;
  }

  async restoreFromTrash(trashId: string): Promise<PostSummary> {
    const id = await this.trash.restore(trashId);
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
    const post = await readPostText(this.postsDir(), change.id).catch(() => null);
    if (!post) return;
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

  private async write(id: string, text: string, reason: RevisionReason): Promise<SaveResult> {
    const file = resolveInside(this.postsDir(), id, POST_FILE);
    const hash = hashText(text);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      this.written.set(id, hash);
      await writeFileAtomic(file, text, { displayName: summarizePost(id, text, 0).title });
    } catch (error) {
      if (error instanceof SaveError) throw new StudioError('save-failed', error.message);
      throw error;
    }
    const stat = await fs.stat(file);
    const summary = summarizePost(id, text, stat.mtimeMs);
    this.index.update(id, text, stat.mtimeMs);
    // History must never cost the user their save: a failure here is only logged.
    await this.revisions.record(id, text, reason).catch((error: unknown) => console.error('revision not kept:', error));
    this.emit({ id, hash });
    return { hash, summary };
  }

  private postsDir(): string {
    return path.join(this.root, 'posts');
  }

  private emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
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
