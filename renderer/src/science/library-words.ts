/// The open library's words for "Figure", "Table", "Equation" and "References" (its settings on
/// the Node side), read again when another library is opened or the settings are saved.
import type { WordsSetting } from '../../../shared/science-words';
import { libraryStore } from '../state/library';
import { createStore } from '../state/store';
import { studio } from '../studio';

export const libraryWordsStore = createStore<WordsSetting>({});
export const wordsDialogStore = createStore(false);

let generation = 0;
export function refreshLibraryWords(): void {
  const mine = ++generation;
  void studio.library.settings().then(
    (settings) => mine === generation && libraryWordsStore.set(settings.words ?? {}),
    // Without its settings the library reads in English, as before there were any.
    () => mine === generation && libraryWordsStore.set({}),
  );
}

let following = false;
/// Starts following the open library (once; the preview calls it when it first renders).
export function followLibraryWords(): void {
  if (following) return;
  following = true;
  libraryStore.subscribe(refreshLibraryWords);
  refreshLibraryWords();
}

export async function saveLibraryWords(words: WordsSetting): Promise<void> {
  const settings = await studio.library.saveSettings({ words });
  ++generation;
  libraryWordsStore.set(settings.words ?? {});
}
