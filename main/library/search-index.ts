/// The library index: every post's summary for the post list, and a full-text index (MiniSearch)
/// for search, cached on disk and brought up to date by comparing each file's mtime and size.
///
/// Opening is in two steps so the post list never waits for search: refresh() resolves once the
/// summaries are current (read from the cache's first line, plus the files that changed), and the
/// full-text index loads or builds in the background, a slice at a time so the process stays
/// responsive. Until it is ready, search() looks at titles, tags and excerpts only.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { PostId, StudioError, type PostSummary } from '../../shared/api';
import { summarizePost } from '../../shared/post';
import { MAX_POST_BYTES, POST_FILE, problemSummary, readPostText, readPostTextSync, type ReadBytes } from './post-file';
import { resolveInsideReal } from './paths';
import { readCache, writeCache, yieldToEvents, type CachedPost } from './search-cache';
import { completions, packIndex, unpackIndex, type PackedIndex } from './minisearch-internals';
import {
  normalizeTerm,
  planQuery,
  plainText,
  prefixWeight,
  snippet,
  STOP_WORDS,
  stripFrontMatter,
  tokenize,
  type QueryPlan,
  type SnippetSegment,
} from './search-text';

/// What the index knows of a post: its summary and the text searched (the body as plain text).
export interface IndexedPost {
  summary: PostSummary;
  body: string;
}

export interface SearchHit {
  id: string;
  score: number;
  /// Up to 3 short passages of the body (or the title) around the matches, matched words marked.
  snippet: SnippetSegment[];
}

export interface SearchFilter {
  status?: string;
  tag?: string;
  /// At most this many hits, best first (default 20).
  limit?: number;
}

export interface LibraryIndexOptions {
  /// Reads a post file's bytes; tests inject one to count reads.
  readBytes?: ReadBytes;
  /// Told about trouble the index works around (an unreadable cache, a failed cache write).
  onProblem?: (message: string, error: unknown) => void;
}

interface IndexDoc {
  id: string;
  title: string;
  tags: string;
  body: string;
}

/// Changes whenever what is indexed or how changes, so an old cache is rebuilt, not misread.
const FINGERPRINT = `3;title,tags,body;letters-digits-marks;nfkd-lower;plain;stop-${STOP_WORDS.size};max=${MAX_POST_BYTES}`;
const MINI_OPTIONS: Options<IndexDoc> = {
  fields: ['title', 'tags', 'body'],
  tokenize,
  processTerm: (term, field) => {
    const normalized = normalizeTerm(term);
    return normalized !== null && field === 'body' && STOP_WORDS.has(normalized) ? null : normalized;
  },
};
/// A prefix expands to at most this many words, with at most this many postings (word in a post)
/// in all: 4,000 for two letters, 8,000 for three, 10,000 from four, so a short prefix (“an”)
/// costs about what a common word does. The commonest completions come first, so the results
/// are a good first glimpse; each letter typed sharpens them.
const MAX_COMPLETIONS = 64;
const completionPostings = (typed: string) => Math.min(10_000, 4_000 * (typed.length - 1));
const DEFAULT_LIMIT = 20;
const READ_CONCURRENCY = 32;
const BODY_CACHE = 200;
const APPLY_SLICE = 50;

export class LibraryIndex {
  private readonly root: string;
  private readonly postsDir: string;
  private posts = new Map<string, CachedPost>();
  private sorted: PostSummary[] | null = null;
  private opened = false;
  /// The full-text index; null until loaded or built, then always current.
  private mini: MiniSearch<IndexDoc> | null = null;
  /// Changes waiting for the full-text index to exist.
  private pending = new Map<string, IndexDoc | null>();
  private cachedSearch: (() => Promise<PackedIndex>) | null = null;
  private preparing: Promise<void> | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  /// Plain bodies of recent hits, for snippets.
  private bodies = new Map<string, string>();
  /// Normalized title, tags and excerpt per post, for searching before the full text is ready.
  private shallow = new Map<string, string>();

  constructor(
    libraryRoot: string,
    private readonly cacheFile: string,
    private readonly options: LibraryIndexOptions = {},
  ) {
    this.root = path.resolve(libraryRoot);
    this.postsDir = path.join(this.root, 'posts');
  }

  /// True once search covers the full text (a moment after the first refresh).
  get fullTextReady(): boolean {
    return this.mini !== null;
  }

  refresh(): Promise<void> {
    const run = this.refreshing.then(() => this.refreshNow());
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  /// Resolves when the full-text index is loaded, current and saved.
  async whenSearchable(): Promise<void> {
    await this.refreshing;
    await this.preparing;
  }

  update(id: string, text: string | null, modifiedMs?: number): void {
    if (!PostId.safeParse(id).success) throw new StudioError('invalid-argument', `“${String(id).slice(0, 80)}” is not a post id.`);
    if (text === null) {
      if (this.posts.delete(id)) this.changed(id, null);
      return;
    }
    const size = Buffer.byteLength(text);
    // Unknown mtime: the next refresh reads the file once more rather than trust a guess.
    const post = { mtimeMs: modifiedMs ?? -1, size, summary: summarizePost(id, text, modifiedMs ?? Date.now()) };
    this.posts.set(id, post);
    this.changed(id, toDoc(post.summary, text));
  }

  /// A post file that is there but cannot be read (not text, too large, a link outside): listed
  /// with the reason, as the next refresh would list it, and not searchable.
  unreadable(id: string, message: string, stat: { mtimeMs: number; size: number }): void {
    this.posts.set(id, { mtimeMs: stat.mtimeMs, size: stat.size, summary: problemSummary(id, message, stat.mtimeMs) });
    this.changed(id, null);
  }

  /// A new array each time, in the library's order: newest date first, then title.
  summaries(): PostSummary[] {
    this.sorted ??= Array.from(this.posts.values(), (post) => post.summary).sort(
      (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title),
    );
    return this.sorted.slice();
  }

  /// Words must all match (title, tags or body); the last one also as a prefix while it is being
  /// typed (no space after it yet). Titles weigh most, then tags. Very common English words
  /// (“the”, “of”) are ignored unless the query has nothing else, then titles are searched.
  search(query: string, filter: SearchFilter = {}): SearchHit[] {
    const plan = planQuery(query);
    if (!plan) return [];
    const limit = Math.max(1, Math.min(filter.limit ?? DEFAULT_LIMIT, 1000));
    const tag = filter.tag?.toLowerCase();
    const filtered = Boolean(filter.status || tag);
    const accept = (id: string) => {
      const summary = this.posts.get(id)?.summary;
      if (!summary) return false;
      if (filter.status && summary.status !== filter.status) return false;
      return !tag || summary.tags.some((t) => t.toLowerCase() === tag);
    };
    if (!this.mini) return this.searchShallow(plan, accept, limit);
    const queries: Query[] = [...plan.words];
    if (plan.typing !== null) {
      const typed = plan.typing;
      const options = completions(this.mini as MiniSearch<unknown>, typed, MAX_COMPLETIONS, completionPostings(typed));
      if (options?.length === 0) return [];
      queries.push(
        options
          ? { combineWith: 'OR', queries: options, boostTerm: (term: string) => (term === typed ? 1 : prefixWeight(typed, term)) }
          : { combineWith: 'OR', queries: [typed], prefix: true },
      );
    }
    const results = this.mini.search(
      { combineWith: 'AND', queries },
      {
        fields: plan.titlesOnly ? ['title', 'tags'] : undefined,
        boost: { title: 3, tags: 2 },
        // Every indexed post is in `posts`, so without a filter there is nothing to check.
        filter: filtered ? (result) => accept(result.id as string) : undefined,
      },
    );
    return results.slice(0, limit).map((result) => ({
      id: result.id as string,
      score: result.score,
      snippet: this.snippetFor(result),
    }));
  }

  /// Writes the cache if anything changed since it was last written. The cache need only be
  /// roughly current (refresh() re-reads what changed since), so call this rarely: on close, or
  /// after a long idle. For 10,000 posts it is about 17 MB, written in a few hundred milliseconds.
  async flush(): Promise<void> {
    await this.whenSearchable();
    await this.save();
  }

  private async refreshNow(): Promise<void> {
    if (!this.opened) {
      const cache = await readCache(this.cacheFile, FINGERPRINT).catch(() => null);
      if (cache) {
        this.posts = cache.posts;
        this.cachedSearch = cache.loadSearch;
      } else {
        this.dirty = true;
      }
      this.sorted = null;
    }
    await this.scan();
    if (this.opened) {
      await this.preparing;
      await this.save();
    } else {
      this.opened = true;
      this.prepareSearch();
    }
  }

  /// Compares every post file with what the index knows; re-reads only the changed ones.
  private async scan(): Promise<void> {
    const entries = await fs.readdir(this.postsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [] as Dirent[];
      throw error;
    });
    const present = new Set<string>();
    await inParallel(entries, READ_CONCURRENCY, async (entry) => {
      const id = entry.name;
      if (id.startsWith('.') || !PostId.safeParse(id).success) return;
      if (!entry.isDirectory() && !entry.isSymbolicLink()) return;
      // The common case costs one lstat: a real folder holding a real file that has not changed.
      const stat = entry.isDirectory() ? await fs.lstat(path.join(this.postsDir, id, POST_FILE)).catch(() => null) : null;
      if (entry.isDirectory() && !stat) return; // a folder without index.md is not a post
      const known = this.posts.get(id);
      if (stat?.isFile() && known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
        present.add(id);
        return;
      }
      const post = await this.read(id, stat?.isFile() ? stat : null);
      if (!post) return;
      present.add(id);
      this.posts.set(id, post.cached);
      this.changed(id, post.doc);
    });
    for (const id of [...this.posts.keys()]) {
      if (!present.has(id)) {
        this.posts.delete(id);
        this.changed(id, null);
      }
    }
  }

  /// Null when there is no post there (any more). `stat` is the file's own (not a link's).
  private async read(
    id: string,
    stat: { mtimeMs: number; size: number } | null,
  ): Promise<{ cached: CachedPost; doc: IndexDoc | null } | null> {
    try {
      const { text, modifiedMs, size } = await readPostText(this.postsDir, id, { root: this.root, readBytes: this.options.readBytes });
      // Through a link, keep no stamp: the link's target is checked again at each refresh.
      const cached = { mtimeMs: stat ? modifiedMs : -1, size, summary: summarizePost(id, text, modifiedMs) };
      // A post with broken front matter is still text worth finding.
      return { cached, doc: toDoc(cached.summary, text) };
    } catch (error) {
      if (error instanceof StudioError && error.code === 'not-found') return null;
      const message = error instanceof Error ? error.message : String(error);
      const summary = problemSummary(id, message, stat?.mtimeMs ?? 0);
      return { cached: { mtimeMs: stat?.mtimeMs ?? -1, size: stat?.size ?? -1, summary }, doc: null };
    }
  }

  private changed(id: string, doc: IndexDoc | null): void {
    this.sorted = null;
    this.dirty = true;
    this.bodies.delete(id);
    this.shallow.delete(id);
    if (!this.mini) {
      this.pending.delete(id); // re-inserted last, so the newest change is applied last
      this.pending.set(id, doc);
      return;
    }
    if (this.mini.has(id)) this.mini.discard(id);
    if (doc) this.mini.add(doc);
  }

  /// Loads the full-text index from the cache, or builds it, in the background.
  private prepareSearch(): void {
    this.preparing = (async () => {
      await yieldToEvents(); // the post list first: whoever awaited refresh() runs before this
      let next: MiniSearch<IndexDoc> | null = null;
      if (this.cachedSearch) {
        try {
          next = await unpackIndex(await this.cachedSearch(), MINI_OPTIONS, yieldToEvents);
        } catch (error) {
          this.options.onProblem?.('The cached search index is damaged; rebuilding it.', error);
        }
        this.cachedSearch = null;
      }
      if (!next) {
        next = new MiniSearch(MINI_OPTIONS);
        await this.rereadUnpending();
      }
      let sliced = 0;
      // update() may add to `pending` while this runs; the loop takes those too.
      for (const [id, doc] of this.pending) {
        this.pending.delete(id);
        if (next.has(id)) next.discard(id);
        if (doc) next.add(doc);
        if (++sliced % APPLY_SLICE === 0) await yieldToEvents();
      }
      this.mini = next;
      this.shallow.clear();
      await this.save();
    })().catch((error: unknown) => {
      this.options.onProblem?.('The search index could not be prepared.', error);
    });
  }

  /// The cache's full-text part was unusable: read again every post not already waiting.
  private async rereadUnpending(): Promise<void> {
    const ids = [...this.posts.keys()].filter((id) => !this.pending.has(id));
    await inParallel(ids, READ_CONCURRENCY, async (id) => {
      const post = await this.read(id, this.posts.get(id) ?? null);
      if (post && !this.pending.has(id)) this.pending.set(id, post.doc);
    });
  }

  private async save(): Promise<void> {
    const run = this.saving.then(async () => {
      const mini = this.mini;
      if (!this.dirty || !mini) return;
      this.dirty = false;
      try {
        // A cache inside the library must stay there: a planted link must not redirect the write.
        const inLibrary = path.relative(this.root, this.cacheFile);
        if (!inLibrary.startsWith('..') && !path.isAbsolute(inLibrary)) await resolveInsideReal(this.root, inLibrary);
        await writeCache(this.cacheFile, FINGERPRINT, this.posts.entries(), packIndex(mini as MiniSearch<unknown>));
      } catch (error) {
        this.dirty = true;
        this.options.onProblem?.('The library index could not be saved; it will be rebuilt as needed.', error);
      }
    });
    this.saving = run;
    return run;
  }

  private snippetFor(result: SearchResult): SnippetSegment[] {
    const id = result.id as string;
    const terms = new Set(result.terms);
    const fromBody = snippet(this.bodyOf(id), terms);
    if (fromBody.length > 0) return fromBody;
    const summary = this.posts.get(id)?.summary;
    const fromTitle = snippet(summary?.title ?? '', terms);
    return fromTitle.length > 0 ? fromTitle : summary?.excerpt ? [{ text: summary.excerpt, match: false }] : [];
  }

  private bodyOf(id: string): string {
    let body = this.bodies.get(id);
    if (body !== undefined) {
      this.bodies.delete(id); // most recently used goes last
    } else {
      const text = readPostTextSync(this.postsDir, id, { root: this.root });
      body = text === null ? '' : plainText(stripFrontMatter(text));
      if (this.bodies.size >= BODY_CACHE) this.bodies.delete(this.bodies.keys().next().value!);
    }
    this.bodies.set(id, body);
    return body;
  }

  /// Before the full text is loaded: titles, tags and excerpts only.
  private searchShallow(plan: QueryPlan, accept: (id: string) => boolean, limit: number): SearchHit[] {
    const { words, typing } = plan;
    const matches = (word: string) => words.includes(word) || (typing !== null && word.startsWith(typing));
    const hits: SearchHit[] = [];
    for (const [id, post] of this.posts) {
      if (!accept(id)) continue;
      let text = this.shallow.get(id);
      if (text === undefined) {
        const { title, tags, excerpt } = post.summary;
        text = ` ${tokenize(`${title} ${tags.join(' ')} ${excerpt}`).map(normalizeTerm).join(' ')} `;
        this.shallow.set(id, text);
      }
      if (!words.every((w) => text.includes(` ${w} `)) || (typing !== null && !text.includes(` ${typing}`))) continue;
      const inTitle = snippet(post.summary.title, matches);
      const score = inTitle.filter((s) => s.match).length * 3 + 1;
      hits.push({ id, score, snippet: inTitle.length ? inTitle : snippet(post.summary.excerpt, matches) });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

function toDoc(summary: PostSummary, text: string): IndexDoc {
  return { id: summary.id, title: summary.title, tags: summary.tags.join(' '), body: plainText(stripFrontMatter(text)) };
}

async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
