/// The citation engine for the post the preview shows: its sources come from the Node side
/// (the same files publishing and the CLI read), are fetched again when the front matter names
/// other ones or a file changes on disk, and citeproc loads only for a post that cites.
import { useEffect, useMemo, useState } from 'react';
import type { ScienceRefs } from '../../../shared/api';
import type { ScienceOptions } from '../../../shared/render/science/context';
import { wordsFor } from '../../../shared/science-words';
import { useStore } from '../state/store';
import { studio } from '../studio';
import { followLibraryWords, libraryWordsStore } from './library-words';

export interface ScienceState {
  options: ScienceOptions | undefined;
  /// Changes whenever `options` do: part of the preview's render key.
  version: string;
  problems: string[];
}

const NONE: ScienceState = { options: undefined, version: '', problems: [] };

export function refsOf(data: Record<string, unknown>): ScienceRefs {
  const list = Array.isArray(data.bibliography) ? data.bibliography : data.bibliography === undefined || data.bibliography === null ? [] : [data.bibliography];
  return {
    bibliography: list.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').slice(0, 50),
    csl: typeof data.csl === 'string' ? data.csl : null,
    lang: typeof data.lang === 'string' ? data.lang : null,
  };
}

export function useScience(postId: string, data: Record<string, unknown>): ScienceState {
  useEffect(followLibraryWords, []);
  const libraryWords = useStore(libraryWordsStore);
  // The same choice `postwright render` and publishing make (shared/science-words.ts).
  const words = JSON.stringify(wordsFor(libraryWords, data));
  const refs = JSON.stringify(refsOf(data));
  const [state, setState] = useState<ScienceState>(NONE);
  const [reloads, setReloads] = useState(0);

  useEffect(() => studio.on('science.changed', () => setReloads((n) => n + 1)), []);

  useEffect(() => {
    let current = true;
    void (async () => {
      const sources = await studio.science.sources(postId, JSON.parse(refs) as ScienceRefs).catch((error: Error) => ({ failed: error.message }));
      if (!current) return;
      if (sources === null) return setState(NONE);
      if ('failed' in sources) return setState({ ...NONE, problems: [`The bibliography could not be read: ${sources.failed}`] });
      const { createCitationEngine } = await import('../../../shared/render/science/citeproc');
      if (!current) return;
      const citations = createCitationEngine(sources.items, sources.style, sources.locale);
      setState({ options: { citations }, version: `${citations.fingerprint}:${reloads}`, problems: sources.problems });
    })();
    return () => {
      current = false;
    };
  }, [postId, refs, reloads]);

  return useMemo(() => {
    if (words === '{}') return state;
    const chosen = JSON.parse(words) as ScienceOptions['words'];
    return { ...state, options: { ...state.options, words: chosen }, version: `${state.version}:${words}` };
  }, [state, words]);
}
