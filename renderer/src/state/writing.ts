/// How the writing surface behaves: the writing font, live mode, smart typing, auto-pairing
/// and the formatting bar. Kept per window, like the rest of the appearance.
import { useEffect } from 'react';
import { storedStore, useStore } from './store';

export type WritingFont = 'quattro' | 'mono' | 'literata';

export interface WritingPrefs {
  font: WritingFont;
  /// Marks hidden away from the cursor; images, math and tables drawn in the text.
  live: boolean;
  /// Curly quotes, dashes and ellipses as you type.
  smartTyping: boolean;
  /// Closing brackets, backticks and emphasis marks typed for you.
  autoPair: boolean;
  formatBar: boolean;
}

export const WRITING_FONTS: { id: WritingFont; label: string }[] = [
  { id: 'quattro', label: 'Quattro' },
  { id: 'literata', label: 'Literata' },
  { id: 'mono', label: 'Mono' },
];

// Smart typing is on, as in Ulysses, iA Writer and every word processor: the render keeps
// characters as typed, so the curly quotes in the file are the ones readers see.
export const DEFAULT_WRITING: WritingPrefs = { font: 'quattro', live: false, smartTyping: true, autoPair: true, formatBar: true };

const stored = storedStore<WritingPrefs>('postwright.writing', DEFAULT_WRITING);
// Settings saved by an older version lack newer fields.
stored.set((now) => ({ ...DEFAULT_WRITING, ...now }));
export const writingStore = stored;

export function toggleWriting(key: 'live' | 'smartTyping' | 'autoPair' | 'formatBar'): void {
  writingStore.set((now) => ({ ...now, [key]: !now[key] }));
}

/// The writing prefs, with the font applied to the page (styles/editor-writing.css).
export function useWritingSurface(): WritingPrefs {
  const prefs = useStore(writingStore);
  useEffect(() => {
    document.documentElement.dataset.writingFont = prefs.font;
  }, [prefs.font]);
  return prefs;
}
