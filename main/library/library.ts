/// The library: a folder the user owns, with one page bundle per post (`posts/<id>/index.md`,
/// the layout Hugo uses). Every write goes through the atomic writer.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StudioError, type LibraryInfo, type Post, type PostSummary, type SaveResult } from '../../shared/api';
import { setFrontMatterFields } from '../../shared/frontmatter';
import { summarizePost } from '../../shared/post';
import { SaveError, writeFileAtomic } from '../fs/atomic-write';
import { resolveInside, slugify, uniqueSlug } from './paths';
import { welcomePost } from './welcome';

export const POST_FILE = 'index.md';
/// Larger files are listed with a reason instead of being opened in the editor.
export const MAX_POST_BYTES = 20 * 1024 * 1024;

export type LibraryEvent = { id: string | null; hash: string | null };

export class Library {
  private listeners = new Set<(event: LibraryEvent) => void>();

  constructor(readonly root: string) {}

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
    return this;
  }

  onChange(listener: (event: LibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async info(): Promise<LibraryInfo> {
    const posts = await this.list();
    return { root: this.root, name: path.basename(this.root), postCount: posts.length };
  }

  async list(): Promise<PostSummary[]> {
    const entries = await fs.readdir(this.postsDir(), { withFileTypes: true }).catch(() => []);
    const summaries = await Promise.all(
      entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => this.readSummary(entry.name)),
    );
    return summaries
      .filter((summary): summary is PostSummary => summary !== null)
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
  }

  async get(id: string): Promise<Post> {
    const file = this.postFile(id);
    const { text, modifiedMs } = await readPostText(file, id);
    return { summary: summarizePost(id, text, modifiedMs), text, hash: hashText(text) };
  }

  async create(title: string): Promise<Post> {
    const postsDir = this.postsDir();
    const id = await uniqueSlug(slugify(title), (slug) => exists(resolveInside(postsDir, slug)));
    const dir = resolveInside(postsDir, id);
    await fs.mkdir(dir, { recursive: true });
    const text = setFrontMatterFields('\n', { title, slug: id, date: today(), status: 'draft', tags: [] });
    await writeFileAtomic(path.join(dir, POST_FILE), text);
    this.emit({ id: null, hash: null });
    return this.get(id);
  }

  async save(id: string, text: string, baseHash: string | null): Promise<SaveResult> {
    const file = this.postFile(id);
    if (baseHash !== null) {
      const current = await fs.readFile(file, 'utf8').catch(() => null);
      if (current !== null && hashText(current) !== baseHash) {
        throw new StudioError(
          'conflict',
          `“${id}” was changed on disk by another program since you opened it. Your text has not been saved yet.`,
        );
      }
    }
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, text, { displayName: summarizePost(id, text, 0).title });
    } catch (error) {
      if (error instanceof SaveError) throw new StudioError('save-failed', error.message);
      throw error;
    }
    const hash = hashText(text);
    const stat = await fs.stat(file);
    this.emit({ id, hash });
    return { hash, summary: summarizePost(id, text, stat.mtimeMs) };
  }

  /// Moves the post's folder into the library's trash rather than deleting it.
  async delete(id: string): Promise<null> {
    const dir = resolveInside(this.postsDir(), id);
    if (!(await exists(dir))) throw new StudioError('not-found', `There is no post “${id}”.`);
    const trash = path.join(this.root, '.postwright', 'trash');
    await fs.mkdir(trash, { recursive: true });
    await fs.rename(dir, resolveInside(trash, `${id}--${Date.now()}`));
    this.emit({ id: null, hash: null });
    return null;
  }

  private async readSummary(id: string): Promise<PostSummary | null> {
    try {
      const { text, modifiedMs } = await readPostText(this.postFile(id), id);
      return summarizePost(id, text, modifiedMs);
    } catch (error) {
      if (error instanceof StudioError && error.code === 'not-found') return null;
      return {
        id,
        title: id,
        status: 'draft',
        date: null,
        updated: null,
        tags: [],
        excerpt: '',
        problem: error instanceof Error ? error.message : String(error),
        modifiedMs: 0,
      };
    }
  }

  private postsDir(): string {
    return path.join(this.root, 'posts');
  }

  private postFile(id: string): string {
    return resolveInside(this.postsDir(), id, POST_FILE);
  }

  private emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readPostText(file: string, id: string): Promise<{ text: string; modifiedMs: number }> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new StudioError('not-found', `There is no post “${id}”.`);
  }
  if (stat.size > MAX_POST_BYTES) {
    throw new StudioError('invalid-argument', `“${id}” is ${Math.round(stat.size / 1048576)} MB, too large to open as a post.`);
  }
  const bytes = await fs.readFile(file);
  if (bytes.includes(0)) throw notText(id);
  try {
    // ignoreBOM keeps a byte-order mark in the text, so saving writes it back.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, modifiedMs: stat.mtimeMs };
  } catch {
    throw notText(id);
  }
}

function notText(id: string): StudioError {
  return new StudioError('invalid-argument', `“${id}” is not a UTF-8 text file, so Postwright will not open or change it.`);
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
