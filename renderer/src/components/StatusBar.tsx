/// Counts for the post and the selection, the post's word goal, words written today, reading
/// time and readability, and where the library is. All of it catches up when typing pauses
/// (state/document-info.ts, stats/writing-stats.ts); the selection's figures wait for idle time.
import { useEffect, useState } from 'react';
import { counted } from '../../../shared/counted';
import { readabilityOf, type Readability } from '../../../shared/readability';
import { textStats, type TextStats } from '../../../shared/text-stats';
import { useDocumentFacts } from '../useDocument';
import { libraryStore } from '../state/library';
import { whenIdle } from '../../idle';
import { selectionStore } from '../state/selection';
import { useStore } from '../state/store';
import { startWritingStats, wordsTodayStore, writingStatsStore } from '../stats/writing-stats';
import '../stats/stats.css';
import { setLibraryLanguage } from '../spell/editor-spelling';
import { SPELLING_LANGUAGES, spellingDefaultStore, spellingLanguage, spellingProblemStore } from '../spell/spell-client';

export function StatusBar() {
  const stats = useDocumentFacts()?.stats;
  const selection = useSelectionFigures();
  const root = useStore(libraryStore, (library) => library?.root);
  useEffect(() => startWritingStats(), []);
  return (
    <footer className="statusbar">
      {stats && (
        <>
          <GoalProgress words={stats.words} />
          <span className="stat-characters">{counted(stats.characters, 'character')}</span>
          <span>{stats.minutes} min read</span>
          <PostReadability />
          {selection && (
            <span data-testid="selection-count">
              {counted(selection.stats.words, 'word')}, {counted(selection.stats.characters, 'character')} selected
            </span>
          )}
          {selection && selection.ease.score !== null && (
            <span data-testid="selection-readability" title="Flesch reading ease of the selected text">
              selection readability {selection.ease.score}
            </span>
          )}
        </>
      )}
      <WordsToday />
      <SpellingLanguage root={root ?? ''} />
      <span className="statusbar-path">{root}</span>
    </footer>
  );
}

function GoalProgress({ words }: { words: number }) {
  const goal = useStore(writingStatsStore, (stats) => stats?.goal ?? null);
  if (!goal) return <span data-testid="word-count">{counted(words, 'word')}</span>;
  const share = Math.min(1, words / goal);
  const percent = Math.floor((words / goal) * 100);
  return (
    <span className="goal" data-testid="word-count" title={`Goal: ${goal.toLocaleString()} words (set in Details)`}>
      {counted(words, 'word')}
      <span className="goal-bar" role="progressbar" aria-label="Word goal" aria-valuemin={0} aria-valuemax={goal} aria-valuenow={Math.min(words, goal)}>
        <span style={{ width: `${share * 100}%` }} className={share >= 1 ? 'met' : undefined} />
      </span>
      <span data-testid="goal-progress">
        {percent}% of {goal.toLocaleString()}
      </span>
    </span>
  );
}

function PostReadability() {
  const score = useStore(writingStatsStore, (stats) => stats?.readability?.score ?? null);
  const label = useStore(writingStatsStore, (stats) => stats?.readability?.label ?? '');
  if (score === null) return null;
  return (
    <span data-testid="readability" title={`Flesch reading ease: 0 is very hard, 100 very easy; 60–70 is plain English. This post reads as ${label}.`}>
      Readability {score} ({label})
    </span>
  );
}

function WordsToday() {
  const today = useStore(wordsTodayStore);
  if (today === null) return null;
  return (
    <span data-testid="words-today" title="Words added today across this library’s posts (words cut count against it)">
      {today.toLocaleString()} today
    </span>
  );
}

/// The selection's counts and readability, worked out when the page is idle so a long
/// selection grown with Shift+arrows never delays a key.
function useSelectionFigures(): { stats: TextStats; ease: Readability } | null {
  const selected = useStore(selectionStore);
  const lang = useStore(writingStatsStore, (stats) => stats?.lang ?? 'en');
  const [figures, setFigures] = useState<{ stats: TextStats; ease: Readability } | null>(null);
  useEffect(() => {
    if (!selected) {
      setFigures(null);
      return;
    }
    return whenIdle(() => setFigures({ stats: textStats(selected), ease: readabilityOf(selected, lang) }), 300);
  }, [selected, lang]);
  return figures;
}

/// The library's spelling language; a post's own `lang:` (set in Details) wins over it.
function SpellingLanguage({ root }: { root: string }) {
  const chosen = useStore(spellingDefaultStore, (all) => all[root] ?? 'en');
  const postLang = useStore(writingStatsStore, (stats) => stats?.postLang ?? null);
  const problem = useStore(spellingProblemStore);
  const shown = postLang ? spellingLanguage(postLang) : chosen;
  return (
    <label className="spelling-language" title={problem ?? (postLang ? `This post sets lang: ${postLang} (Details)` : 'Spelling language for posts without their own lang:')}>
      <span className={problem ? 'spelling-label spelling-problem' : 'spelling-label'}>Spelling</span>
      <select aria-label="Spelling language" value={shown} disabled={Boolean(postLang)} onChange={(event) => setLibraryLanguage(event.target.value)}>
        {SPELLING_LANGUAGES.map((item) => (
          <option key={item.lang} value={item.lang}>
            {item.label}
          </option>
        ))}
        <option value="off">Off</option>
      </select>
    </label>
  );
}
