/// Gives the preview a post's citation sources (the same ones publishing and the CLI read) and
/// says when one of their files changes on disk, so the preview re-renders: the file Zotero's
/// Better BibTeX re-exports after every change is picked up without a restart.
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { StudioError, type AddedSource, type ScienceRefs, type ScienceSourcesResult } from '../../shared/api';
import { SaveError } from '../fs/atomic-write';
import { resolveInside, resolveInsideReal } from '../library/paths';
import { drawnDiagrams, saveDiagram } from './diagram-files';
import { DEFAULT_BIBLIOGRAPHIES } from './render-options';
import { loadScienceSources } from './sources';

export class ScienceService {
  private watcher: FSWatcher | null = null;
  private readonly watched = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly onChanged: (() => void) | null,
  ) {}

  async sources(postId: string, refs: ScienceRefs): Promise<ScienceSourcesResult> {
    const dir = resolveInside(path.join(this.root, 'posts'), postId);
    const data: Record<string, unknown> = { bibliography: refs.bibliography };
    if (refs.csl) data.csl = refs.csl;
    if (refs.lang) data.lang = refs.lang;
    // The library's default files are watched even before they exist: adding one takes effect.
    this.watch(DEFAULT_BIBLIOGRAPHIES.map((name) => path.join(this.root, name)));
    const sources = await loadScienceSources(data, { dir, root: this.root });
    if (!sources) return null;
    this.watch(sources.files);
    const { items, style, styleName, locale, problems } = sources;
    return { items, style, styleName, locale, problems };
  }

  /// Adds a source by DOI to the post's bibliography (or the library's), then re-renders every
  /// preview that cites: a file just made was not being watched yet.
  async addDoi(request: { doi: string; postId: string | null; bibliography: string[] }): Promise<AddedSource> {
    const dir = request.postId ? resolveInside(path.join(this.root, 'posts'), request.postId) : this.root;
    const { addSourceByDoi } = await import('./add-source');
    const { DoiError } = await import('./doi');
    try {
      const added = await addSourceByDoi(request.doi, { root: this.root, dir, bibliography: request.postId ? request.bibliography : [] });
      if (!added.existing) this.onChanged?.();
      return added;
    } catch (error) {
      if (error instanceof DoiError) throw new StudioError(error.reason === 'not-a-doi' || error.reason === 'setup' ? 'invalid-argument' : error.reason === 'not-found' ? 'not-found' : 'internal', error.message);
      if (error instanceof SaveError) throw new StudioError('save-failed', error.message);
      throw error;
    }
  }

  /// The post's drawn diagrams, by name ("diagram-<hash>").
  async diagrams(postId: string): Promise<string[]> {
    return [...(await drawnDiagrams(this.postDir(postId)))].sort();
  }

  /// Keeps the app's drawing of a diagram beside the post; answers its name.
  async saveDiagram(postId: string, source: string, svg: string, drafts: string[] = []): Promise<string> {
    // The post's folder itself must really be in the library (not a link to elsewhere).
    await resolveInsideReal(path.join(this.root, 'posts'), postId);
    return saveDiagram(this.postDir(postId), source, svg, drafts);
  }

  private postDir(postId: string): string {
    return resolveInside(path.join(this.root, 'posts'), postId);
  }

  private watch(files: string[]): void {
    if (!this.onChanged) return;
    const fresh = files.filter((file) => !this.watched.has(file));
    if (fresh.length === 0) return;
    for (const file of fresh) this.watched.add(file);
    if (!this.watcher) {
      this.watcher = watch(fresh, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } });
      const changed = () => this.onChanged?.();
      this.watcher.on('add', changed).on('change', changed).on('unlink', changed).on('error', () => undefined);
    } else {
      this.watcher.add(fresh);
    }
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = null;
  }
}
