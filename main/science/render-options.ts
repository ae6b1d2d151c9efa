import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RenderOptions } from '../../shared/render/markdown';
import { wordsFor } from '../../shared/science-words';
import { readLibrarySettings } from '../library/settings';
import type { SourceScope } from './sources';

export const DEFAULT_BIBLIOGRAPHIES = ['references.bib', 'references.json'];

/// The render options that make a post's citations and bibliography, as the preview makes
/// them: the CLI and publishing call this so every target gets the same HTML. The citation
/// libraries load only for a post that has a bibliography. The words for "Figure" and the rest are
/// the library's (its settings) unless the post's front matter names its own.
export async function scienceRenderOptions(data: Record<string, unknown>, scope: SourceScope): Promise<{ options: Pick<RenderOptions, 'science'>; problems: string[] }> {
  const words = wordsFor((await readLibrarySettings(scope.root)).words, data);
  const plain = { options: Object.keys(words).length > 0 ? { science: { words } } : {}, problems: [] };
  const named = data.bibliography !== undefined && data.bibliography !== null && data.bibliography !== '';
  if (!named && !DEFAULT_BIBLIOGRAPHIES.some((name) => existsSync(path.join(scope.root, name)))) return plain;
  const [{ loadScienceSources }, { createCitationEngine }] = await Promise.all([import('./sources'), import('../../shared/render/science/citeproc')]);
  const sources = await loadScienceSources(data, scope);
  if (!sources) return plain;
  const citations = createCitationEngine(sources.items, sources.style, sources.locale);
  return { options: { science: { citations, words } }, problems: sources.problems };
}
