/// Spelling in the app's editor: the extension with the renderer's spell service, the post's
/// `lang:` or the library's default language, rechecked when that default changes.
import type { Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { recheckSpelling, spellcheck } from '../../editor/extensions/spellcheck';
import { libraryStore } from '../state/library';
import { spellClient, spellingDefaultStore, spellingLanguage } from './spell-client';
import './spell.css';

/// The library's default spelling language ('off' turns checking off), English unless chosen.
export function libraryLanguage(): string {
  const root = libraryStore.get()?.root ?? '';
  return spellingDefaultStore.get()[root] ?? 'en';
}

export function setLibraryLanguage(lang: string): void {
  const root = libraryStore.get()?.root ?? '';
  spellingDefaultStore.set((now) => ({ ...now, [root]: lang }));
}

export function spellingExtension(): Extension {
  return spellcheck({
    speller: spellClient,
    language: (postLang) => {
      if (postLang) return spellingLanguage(postLang);
      const lang = libraryLanguage();
      return lang === 'off' ? null : spellingLanguage(lang);
    },
  });
}

/// Checks again when the library or its default language changes; returns a stop function.
export function watchSpellingLanguage(view: EditorView): () => void {
  const recheck = () => view.dispatch({ effects: recheckSpelling.of(null) });
  const stops = [spellingDefaultStore.subscribe(recheck), libraryStore.subscribe(() => {
    spellClient.reset();
    recheck();
  })];
  return () => stops.forEach((stop) => stop());
}
