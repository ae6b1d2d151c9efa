/// Spelling: the Hunspell dictionaries installed with Postwright (served to the renderer's spell
/// worker by every host, so checking works offline) and the library's own word list,
/// `.postwright/dictionary.txt`, one word a line, to share and sync with the library.
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

export const PERSONAL_DICTIONARY = path.join('.postwright', 'dictionary.txt');

/// Language tags Postwright checks, and the npm package holding each dictionary.
export const DICTIONARY_PACKAGES: Record<string, string> = {
  en: 'dictionary-en',
  'en-us': 'dictionary-en',
  'en-gb': 'dictionary-en-gb',
  es: 'dictionary-es',
  fr: 'dictionary-fr',
  de: 'dictionary-de',
};

/// The dictionary for a `lang:` value such as "en-GB", "fr_CA" or "de"; English otherwise.
export function dictionaryLanguage(lang: string | null | undefined): string {
  const tag = (lang ?? '').trim().toLowerCase().replace('_', '-');
  if (DICTIONARY_PACKAGES[tag]) return tag === 'en-us' ? 'en' : tag;
  const base = tag.split('-')[0] ?? '';
  return DICTIONARY_PACKAGES[base] ? base : 'en';
}

const cache = new Map<string, Promise<{ aff: string; dic: string }>>();

export function loadDictionary(lang: string): Promise<{ lang: string; aff: string; dic: string }> {
  const language = dictionaryLanguage(lang);
  let files = cache.get(language);
  if (!files) {
    files = readDictionary(DICTIONARY_PACKAGES[language] ?? 'dictionary-en');
    cache.set(language, files);
    files.catch(() => cache.delete(language));
  }
  return files.then((loaded) => ({ lang: language, ...loaded }));
}

async function readDictionary(pkg: string): Promise<{ aff: string; dic: string }> {
  // The packages export only their ESM entry (which reads the files with top-level await);
  // their folder is found from the resolved entry and the two files read directly.
  const require = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
  const folder = path.dirname(require.resolve(pkg));
  const [aff, dic] = await Promise.all([fs.readFile(path.join(folder, 'index.aff'), 'utf8'), fs.readFile(path.join(folder, 'index.dic'), 'utf8')]);
  return { aff, dic };
}

export class PersonalDictionary {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly root: string) {}

  async words(): Promise<string[]> {
    try {
      const text = await fs.readFile(path.join(this.root, PERSONAL_DICTIONARY), 'utf8');
      return text.split(/\r?\n/).map((word) => word.trim()).filter(Boolean);
    } catch {
      return [];
    }
  }

  /// Adds a word (once); returns the whole list.
  add(word: string): Promise<string[]> {
    const run = this.queue.then(async () => {
      const words = await this.words();
      if (words.includes(word)) return words;
      const next = [...words, word].sort((a, b) => a.localeCompare(b));
      await fs.mkdir(path.join(this.root, '.postwright'), { recursive: true });
      await writeFileAtomic(path.join(this.root, PERSONAL_DICTIONARY), `${next.join('\n')}\n`, { root: this.root });
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
