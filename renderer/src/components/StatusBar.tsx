/// Counts for the post and the selection, and where the library is. The post's counts
/// catch up when typing pauses (state/document-info.ts).
import { useMemo } from 'react';
import { textStats } from '../../../shared/text-stats';
import { useDocumentFacts } from '../useDocument';
import { libraryStore } from '../state/library';
import { selectionStore } from '../state/selection';
import { useStore } from '../state/store';

export function StatusBar() {
  const stats = useDocumentFacts()?.stats;
  const selected = useStore(selectionStore);
  const selectedStats = useMemo(() => (selected ? textStats(selected) : null), [selected]);
  const root = useStore(libraryStore, (library) => library?.root);
  return (
    <footer className="statusbar">
      {stats && (
        <>
          <span data-testid="word-count">{stats.words.toLocaleString()} words</span>
          <span>{stats.characters.toLocaleString()} characters</span>
          <span>{stats.minutes} min read</span>
          {selectedStats && (
            <span data-testid="selection-count">
              {selectedStats.words.toLocaleString()} words, {selectedStats.characters.toLocaleString()} characters selected
            </span>
          )}
        </>
      )}
      <span className="statusbar-path">{root}</span>
    </footer>
  );
}
