/// The renderer's spelling service: one worker, dictionaries fetched from the host once per
/// language, the library's word list, and the library's default language. Editor extensions
/// reach it through the `Speller` interface only.
import { messageOf } from '../message-of';
import type { Speller } from '../../editor/extensions/spellcheck';
import { studio } from '../studio';
import { createStore, storedStore } from '../state/store';
import type { FromWorker, ToWorker } from './protocol';

export const SPELLING_LANGUAGES: Array<{ lang: string; label: string }> = [
  { lang: 'en', label: 'English (US)' },
  { lang: 'en-gb', label: 'English (UK)' },
  { lang: 'es', label: 'Español' },
  { lang: 'fr', label: 'Français' },
  { lang: 'de', label: 'Deutsch' },
];

/// The default language of posts without `lang:`, or 'off'. Kept per library root.
export const spellingDefaultStore = storedStore<Record<string, string>>('postwright.spelling', {});
/// A message for the status bar when a dictionary could not be loaded.
export const spellingProblemStore = createStore<string | null>(null);

/// The dictionary's language for a `lang:` value such as "en-GB", "fr_CA" or "de".
export function spellingLanguage(lang: string): string {
  const tag = lang.trim().toLowerCase().replace('_', '-');
  if (tag === 'en-gb' || tag === 'en-uk') return 'en-gb';
  const base = tag.split('-')[0] ?? '';
  return SPELLING_LANGUAGES.some((item) => item.lang === base) ? base : 'en';
}

class SpellClient implements Speller {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, (message: FromWorker) => void>();
  private loaded = new Map<string, Promise<void>>();
  private personalLoaded: Promise<void> | null = null;
  private listeners = new Set<() => void>();

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./spell.worker.ts', import.meta.url), { type: 'module', name: 'spelling' });
      this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'failed' && message.id === null) spellingProblemStore.set(`Spelling: ${message.message}`);
        const resolve = message.id === null ? undefined : this.waiting.get(message.id);
        if (message.id !== null) this.waiting.delete(message.id);
        resolve?.(message);
      };
    }
    return this.worker;
  }

  private send(message: ToWorker): void {
    this.start().postMessage(message);
  }

  private ask(message: ToWorker & { id: number }): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.waiting.set(message.id, resolve);
      this.send(message);
    });
  }

  private ready(lang: string): Promise<void> {
    this.personalLoaded ??= studio.spelling.words().then(
      (words) => this.send({ type: 'personal', words }),
      () => undefined,
    );
    let loading = this.loaded.get(lang);
    if (!loading) {
      loading = studio.spelling.dictionary(lang).then(({ aff, dic }) => {
        this.send({ type: 'load', lang, aff, dic });
        spellingProblemStore.set(null);
      });
      loading.catch((error: unknown) => {
        this.loaded.delete(lang);
        spellingProblemStore.set(`The ${lang} dictionary could not be loaded: ${messageOf(error)}`);
      });
      this.loaded.set(lang, loading);
    }
    return Promise.all([loading, this.personalLoaded]).then(() => undefined);
  }

  async misspelled(words: string[], lang: string): Promise<Set<string>> {
    await this.ready(lang);
    const answer = await this.ask({ type: 'check', id: this.nextId++, lang, words });
    return new Set(answer.type === 'checked' ? answer.wrong : []);
  }

  async suggestions(word: string, lang: string): Promise<string[]> {
    await this.ready(lang);
    const answer = await this.ask({ type: 'suggest', id: this.nextId++, lang, word });
    return answer.type === 'suggested' ? answer.suggestions : [];
  }

  async addToDictionary(word: string): Promise<void> {
    const words = await studio.spelling.addWord(word);
    this.send({ type: 'personal', words });
    for (const listener of this.listeners) listener();
  }

  onDictionaryChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /// A new library: its own word list.
  reset(): void {
    this.personalLoaded = null;
    for (const listener of this.listeners) listener();
  }
}

export const spellClient = new SpellClient();
