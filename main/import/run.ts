/// An import, written once for every source: each remote post becomes a post in the library
/// (markdown, images downloaded beside it, front matter), or updates the one it became last
/// time when only the remote changed, or is reported when both sides changed. Safe to repeat,
/// cancellable between posts, and resumable: the ledger says what was done.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePostFile } from '../../shared/frontmatter';
import { PublishRecord } from '../../shared/publish';
import { writeFileAtomic } from '../fs/atomic-write';
import { withRecord } from '../publish/post-data';
import { sameOnEverySystem, slugify, uniqueSlug } from '../library/paths';
import { cleanHtml, imageSources, mediaIdOf, postText, toMarkdown, useLocalImages } from './convert';
import { emphasisMarkerOf, type EmphasisMarker } from '../../shared/html-to-markdown';
import { downloadImage } from './images';
import { restorePublished } from './restore-published';
import { ImportLedger, type LedgerEntry } from './ledger';
import { versionOf, type ImportSource, type RemotePost } from './source';
import type { ImportFile, ImportTarget, RemoteImage } from './target';

export type ImportOutcome = 'added' | 'updated' | 'unchanged' | 'conflict' | 'skipped';

export interface ImportProgress {
  /// Posts handled so far, and how many there are (null until the source says).
  done: number;
  total: number | null;
  title: string;
  outcome: ImportOutcome;
}

export interface ImportConflict {
  remoteId: string;
  postId: string;
  title: string;
  /// The remote version as it would have been imported, for a diff; null if it could not be kept.
  pendingFile: string | null;
}

export interface FailedImage {
  postId: string;
  title: string;
  url: string;
  reason: string;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: ImportConflict[];
  failedImages: FailedImage[];
  /// Imported before and deleted here since: left deleted.
  skipped: Array<{ remoteId: string; postId: string; title: string; reason: string }>;
  /// Posts with parts markdown cannot say (a `<video>`, `<sub>`), kept in them as HTML.
  keptAsHtml?: Array<{ postId: string; title: string; elements: string[] }>;
  /// Stopped by the signal; running again continues where it stopped.
  cancelled: boolean;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (event: ImportProgress) => void;
  imageTimeoutMs?: number;
  maxImageBytes?: number;
  now?: () => number;
}

export async function runImport(source: ImportSource, target: ImportTarget, options: ImportOptions = {}): Promise<ImportSummary> {
  const run = new ImportRun(source, target, options, await ImportLedger.open(target.stateDir, source.id, source.label));
  return run.run();
}

class ImportRun {
  private readonly summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, conflicts: [], failedImages: [], skipped: [], cancelled: false };
  private readonly signal: AbortSignal;
  private byRemote: Map<string, string> | null = null;

  constructor(
    private readonly source: ImportSource,
    private readonly target: ImportTarget,
    private readonly options: ImportOptions,
    private readonly ledger: ImportLedger,
  ) {
    this.signal = options.signal ?? new AbortController().signal;
  }

  async run(): Promise<ImportSummary> {
    let done = 0;
    try {
      for await (const page of this.source.pages(this.signal)) {
        for (const post of page.posts) {
          this.signal.throwIfAborted();
          const outcome = await this.one(post);
          this.options.onProgress?.({ done: ++done, total: page.total, title: post.title, outcome });
        }
        await this.ledger.save();
      }
    } catch (error) {
      await this.ledger.save();
      if (this.signal.aborted) return { ...this.summary, cancelled: true };
      throw error;
    }
    await this.ledger.save();
    return this.summary;
  }

  private async one(post: RemotePost): Promise<ImportOutcome> {
    const version = versionOf(post);
    const entry = this.ledger.get(post.remoteId) ?? (await this.adopt(post, version));
    if (!entry) return this.add(post, version);
    if (entry.version === version) return this.count('unchanged');
    const local = await this.target.read(entry.postId);
    if (!local) {
      this.summary.skipped.push({ remoteId: post.remoteId, postId: entry.postId, title: post.title, reason: 'deleted in Postwright after it was imported' });
      return 'skipped';
    }
    // The remote is exactly what this post last published there: nothing new came from it.
    const record = this.recordIn(local.text);
    if (record && post.remoteModified && record.remote_modified === post.remoteModified) {
      this.ledger.set(post.remoteId, { ...entry, version, remoteModified: post.remoteModified });
      return this.count('unchanged');
    }
    if (local.hash !== entry.hash) return this.conflict(post, entry.postId);
    return this.update(post, version, entry.postId, local.hash, record);
  }

  /// A post this source made before whose ledger entry is missing (the ledger was lost, or the
  /// run stopped between writing the post and saving the ledger): found by its front matter.
  private async adopt(post: RemotePost, version: string): Promise<LedgerEntry | null> {
    this.byRemote ??= await this.scanLibrary();
    const postId = this.byRemote.get(this.keyOf(post));
    if (!postId) return this.takeOver(post, version);
    const local = await this.target.read(postId);
    if (!local) return null;
    const record = this.recordIn(local.text);
    const at = new Date(this.now()).toISOString();
    // Known to match the remote (its publish stamp), or a file import with nothing to compare:
    // taken as imported from this version. Otherwise both sides may have moved: a conflict.
    const current = this.source.target === null || (record !== null && record.remote_modified === (post.remoteModified ?? null));
    const entry = { postId, version: current ? version : '', hash: current ? local.hash : '', remoteModified: record?.remote_modified ?? null, at };
    this.ledger.set(post.remoteId, entry);
    return entry;
  }

  /// A connected target's post that an export file's import brought in before (a Blogger post
  /// from the blog's Atom export): found by that import's ledger, or by the address it wrote as
  /// `imported_from`. Untouched since that import: updated from here (and so linked to the
  /// target). Edited here, but the same there as in the file: linked, the text kept. Otherwise
  /// both sides may have moved: a conflict. Deleted here since: left deleted.
  private async takeOver(post: RemotePost, version: string): Promise<LedgerEntry | null> {
    const from = post.fileImport;
    if (!this.source.target || !from) return null;
    const earlier = (await ImportLedger.open(this.target.stateDir, from.source, from.source).catch(() => null))?.get(from.remoteId) ?? null;
    const postId = earlier?.postId ?? (from.url ? this.byRemote?.get(`url:${from.url}`) : undefined);
    if (!postId) return null;
    const local = await this.target.read(postId);
    const at = new Date(this.now()).toISOString();
    const unknown = { postId, version: '', hash: '', remoteModified: null, at };
    if (!local) {
      this.ledger.set(post.remoteId, unknown);
      return unknown;
    }
    // Published to this target since, as some other post there: not this one.
    if (this.recordIn(local.text)) return null;
    if (earlier && local.hash === earlier.hash) {
      const entry = { ...unknown, hash: local.hash };
      this.ledger.set(post.remoteId, entry);
      return entry;
    }
    if (earlier && earlier.version === version) {
      const record = this.recordFor(post, null);
      let hash: string;
      try {
        ({ hash } = await this.target.write(postId, withRecord(local.text, record.target, record.value), local.hash));
      } catch (error) {
        if ((error as { code?: string }).code === 'conflict') return unknown;
        throw error;
      }
      await this.link(post, postId, []);
      const entry = { postId, version, hash, remoteModified: post.remoteModified ?? null, at };
      this.ledger.set(post.remoteId, entry);
      return entry;
    }
    this.ledger.set(post.remoteId, unknown);
    return unknown;
  }

  private async scanLibrary(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const id of await this.target.list()) {
      const local = await this.target.read(id);
      if (!local) continue;
      const data = parsePostFile(local.text).data;
      const record = this.recordIn(local.text);
      if (record) found.set(`id:${record.id}`, id);
      // A connected source looks these up too: posts an export file brought in (takeOver).
      else if (typeof data.imported_from === 'string') found.set(`url:${data.imported_from}`, id);
    }
    return found;
  }

  private keyOf(post: RemotePost): string {
    return this.source.target ? `id:${post.remoteId}` : `url:${post.url}`;
  }

  private recordIn(text: string): PublishRecord | null {
    if (!this.source.target) return null;
    const publish = parsePostFile(text).data.publish as Record<string, unknown> | undefined;
    const parsed = PublishRecord.safeParse(publish?.[this.source.target]);
    return parsed.success ? parsed.data : null;
  }

  private async add(post: RemotePost, version: string): Promise<ImportOutcome> {
    // A folder differing only by case or Unicode form is the same folder on a Mac or on Windows.
    const ids = await this.target.list();
    const taken = async (s: string) => ids.some((id) => sameOnEverySystem(id, s)) || (await this.target.exists(s));
    const slug = await uniqueSlug(slugify(post.slug || post.title), taken);
    const built = (await this.restored(post)) ?? (await this.build(post, slug, null));
    const { id, hash } = await this.target.create(slug, built.text, built.files);
    await this.link(post, id, built.images);
    this.ledger.set(post.remoteId, { postId: id, version, hash, remoteModified: post.remoteModified ?? null, at: new Date(this.now()).toISOString() });
    return this.count('added');
  }

  private async update(post: RemotePost, version: string, postId: string, baseHash: string, record: PublishRecord | null): Promise<ImportOutcome> {
    const local = await this.target.read(postId);
    const built = await this.build(post, postId, record, local ? emphasisMarkerOf(parsePostFile(local.text).body) : '*');
    let hash: string;
    try {
      ({ hash } = await this.target.write(postId, built.text, baseHash, built.files));
    } catch (error) {
      // Saved here between our read and our write: the user's text wins.
      if ((error as { code?: string }).code === 'conflict') return this.conflict(post, postId);
      throw error;
    }
    await this.link(post, postId, built.images);
    this.ledger.set(post.remoteId, { postId, version, hash, remoteModified: post.remoteModified ?? null, at: new Date(this.now()).toISOString() });
    return this.count('updated');
  }

  /// Both sides changed: the local post stays as it is; the remote version is kept beside the
  /// ledger for the user to compare (for a target, publishing with "take remote" brings it in).
  private async conflict(post: RemotePost, postId: string): Promise<ImportOutcome> {
    let pendingFile: string | null = null;
    try {
      const html = cleanHtml(post.html);
      const text = postText(post, { markdown: toMarkdown(html).markdown, cover: null, record: null, importedFrom: post.url || null });
      pendingFile = path.join(this.target.stateDir, 'pending', this.source.id, `${postId}.md`);
      await fs.mkdir(path.dirname(pendingFile), { recursive: true });
      await writeFileAtomic(pendingFile, text);
    } catch {
      pendingFile = null;
    }
    this.summary.conflicts.push({ remoteId: post.remoteId, postId, title: post.title, pendingFile });
    return 'conflict';
  }

  /// The blog still holds what this library published there: that text, not a conversion.
  private async restored(post: RemotePost): Promise<{ text: string; files: ImportFile[]; images: RemoteImage[] } | null> {
    const target = this.source.target;
    const kept = target && this.target.published ? await this.target.published(target, post.remoteId, post.remoteModified ?? null) : null;
    if (!kept) return null;
    const options = { fetch: this.source.fetch, signal: this.signal, timeoutMs: this.options.imageTimeoutMs, maxBytes: this.options.maxImageBytes };
    return restorePublished(post, kept, (url) => downloadImage(url, options));
  }

  /// `em`: the emphasis marker of the post being updated; `*` for a new one.
  private async build(post: RemotePost, postId: string, record: PublishRecord | null, em: EmphasisMarker = '*'): Promise<{ text: string; files: ImportFile[]; images: RemoteImage[] }> {
    const html = cleanHtml(post.html);
    const base = post.url;
    const files = new Map<string, ImportFile>();
    const images: RemoteImage[] = [];
    const local = new Map<string, string>();
    const fetchOne = async (url: string, isCover: boolean): Promise<string | null> => {
      const got = await downloadImage(url, { fetch: this.source.fetch, signal: this.signal, timeoutMs: this.options.imageTimeoutMs, maxBytes: this.options.maxImageBytes });
      if (!got.ok) {
        this.summary.failedImages.push({ postId, title: post.title, url, reason: got.reason });
        return null;
      }
      // An image Postwright uploaded keeps its name there after the hash: it gets it back.
      const given = (Object.hasOwn(post.imageNames ?? {}, url) ? post.imageNames![url] : null) ?? uploadedName(url, got.hash);
      const taken = given !== null && [...files.values()].some((f) => f.name === given);
      if (given && !taken) got.name = given;
      files.set(got.name, { name: got.name, bytes: got.bytes });
      const id = isCover ? (post.featuredImageId ?? null) : mediaIdOf(post.html, base, url);
      // The featured image is often also in the body: one file, and it keeps the media id.
      const same = images.find((image) => image.hash === got.hash);
      if (same) same.id ??= id;
      else images.push({ file: got.name, hash: got.hash, url, id });
      return got.name;
    };
    for (const url of imageSources(html, base)) {
      const name = await fetchOne(url, false);
      if (name) local.set(url, name);
    }
    const cover = post.featuredImageUrl ? await fetchOne(post.featuredImageUrl, true) : null;
    const { markdown, keptAsHtml } = toMarkdown(useLocalImages(html, base, local), em);
    if (keptAsHtml.length > 0) (this.summary.keptAsHtml ??= []).push({ postId, title: post.title, elements: keptAsHtml });
    const publishRecord = this.source.target ? this.recordFor(post, record) : null;
    const text = postText(post, { markdown, cover, record: publishRecord, importedFrom: this.source.target ? null : post.url || null });
    return { text, files: [...files.values()], images };
  }

  /// What a connected target's post records under `publish.<target>`: what the target's
  /// Publisher would have recorded, with no hash (nothing was sent from here yet).
  private recordFor(post: RemotePost, record: PublishRecord | null): { target: string; value: PublishRecord } {
    const value = { id: post.remoteId, url: post.url, published_at: record?.published_at ?? post.date ?? new Date(this.now()).toISOString(), hash: '', remote_modified: post.remoteModified ?? null };
    return { target: this.source.target ?? '', value };
  }

  private async link(post: RemotePost, postId: string, images: RemoteImage[]): Promise<void> {
    if (!this.source.target || !this.target.linkRemote) return;
    await this.target.linkRemote({ postId, target: this.source.target, remoteId: post.remoteId, remoteModified: post.remoteModified ?? null, images });
  }

  private count(outcome: 'added' | 'updated' | 'unchanged'): ImportOutcome {
    this.summary[outcome]++;
    return outcome;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/// Postwright uploads an image as `<first 12 hex of its hash>-<name>.<ext>` (WordPress may add a
/// size, `-1024x768`): when the bytes match that hash, `<name>.<ext>` is the file it came from.
export function uploadedName(url: string, hash: string): string | null {
  const base = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  const match = /^([0-9a-f]{12})-([\w-]+?)(?:-\d+x\d+)?\.([a-z0-9]+)$/i.exec(base);
  if (!match || match[1]!.toLowerCase() !== hash.slice(0, 12)) return null;
  return `${match[2]}.${match[3]!.toLowerCase()}`;
}
