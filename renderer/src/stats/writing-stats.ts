/// Goals and statistics for the open post: its word goal (front matter `goal:`), words,
/// reading time and readability, and the words written today in the library. All of it is
/// worked out after typing pauses and the page is idle, never inside a keystroke.
import { parsePostFile } from '../../../shared/frontmatter';
import type { Readability } from '../../../shared/readability';
import { textStats } from '../../../shared/text-stats';
import { openPostStore } from '../state/session';
import { afterQuiet, inIdleSlices } from '../../idle';
import { createStore } from '../state/store';
import { studio } from '../studio';
import { ReadabilityCache } from './readability-cache';

export interface WritingStats {
  postId: string;
  words: number;
  minutes: number;
  goal: number | null;
  lang: string;
  /// The post's own `lang:`, or null when it follows the library's spelling language.
  postLang: string | null;
  /// Null until worked out: opening a post counts its words at once and reads it for
  /// readability when the page is next idle, so the editor shows without waiting for it.
  readability: Readability | null;
}

export const writingStatsStore = createStore<WritingStats | null>(null);
/// Net words written today across the library's posts; null until the host has answered.
export const wordsTodayStore = createStore<number | null>(null);

/// Typing pauses this long before the statistics catch up (readability is the costly part).
export const STATS_QUIET_MS = 600;
// Each slice of reading waits for an idle moment this long at most.
const READABILITY_TIMEOUT_MS = 1000;
/// And this long before the day's figure is written to the library.
export const RECORD_QUIET_MS = 2000;

export function goalOf(data: Record<string, unknown>): number | null {
  const goal = typeof data.goal === 'number' ? data.goal : typeof data.goal === 'string' ? Number(data.goal) : NaN;
  return Number.isInteger(goal) && goal > 0 ? goal : null;
}

/// Follows whichever post is open; returns a stop function.
export function startWritingStats(): () => void {
  let stopPost = () => {};
  const follow = () => {
    stopPost();
    stopPost = followPost();
  };
  void studio.writing.today().then((words) => wordsTodayStore.set(words), () => undefined);
  const stopOpen = openPostStore.subscribe(follow);
  follow();
  return () => {
    stopOpen();
    stopPost();
  };
}

function followPost(): () => void {
  const open = openPostStore.get();
  if (!open) {
    writingStatsStore.set(null);
    return () => {};
  }
  const { session } = open;
  const cache = new ReadabilityCache();
  let recorded: number | null = null;
  const flush = () => {
    const words = writingStatsStore.get()?.words;
    if (words === undefined || words === recorded || writingStatsStore.get()?.postId !== session.id) return;
    recorded = words;
    studio.writing.record(session.id, words).then((today) => wordsTodayStore.set(today), () => undefined);
  };
  const record = afterQuiet(flush, RECORD_QUIET_MS);
  const update = (withReadability: boolean) => {
    const file = parsePostFile(session.currentText());
    const data = (file.data ?? {}) as Record<string, unknown>;
    const postLang = typeof data.lang === 'string' && data.lang.trim() ? data.lang.trim() : null;
    const lang = postLang ?? 'en';
    const stats = textStats(file.body);
    const now = writingStatsStore.get();
    const readability = withReadability ? cache.of(file.body, lang) : now?.postId === session.id && now.lang === lang ? now.readability : null;
    writingStatsStore.set({ postId: session.id, words: stats.words, minutes: stats.minutes, goal: goalOf(data), lang, postLang, readability });
    record.poke();
  };
  // Readability is read a slice at a time when the page is idle (a 50,000-word post takes
  // about 100 ms to read whole), then added up in one short step.
  let cancelReading = () => {};
  const readWhenIdle = () => {
    cancelReading();
    const body = parsePostFile(session.currentText()).body;
    cancelReading = inIdleSlices((more) => {
      if (!cache.warm(body, more)) return false;
      update(true);
      return true;
    }, READABILITY_TIMEOUT_MS);
  };
  const refresh = afterQuiet(readWhenIdle, STATS_QUIET_MS);
  const stop = session.subscribeText(() => {
    cancelReading();
    refresh.poke();
  });
  update(false);
  readWhenIdle();
  // The count the post had when the writer came to it is today's starting point for it: record
  // it now, before typing can begin (a record left to the pause would start from the typed text).
  record.cancel();
  flush();
  return () => {
    stop();
    cancelReading();
    refresh.cancel();
    record.cancel();
    // Switching posts keeps what was written in the one left.
    flush();
  };
}
