/// One language's spell checker: a Hunspell dictionary read by nspell, plus the names this app's
/// writers use (known-words.ts) and the library's own words. Used by the worker; kept apart from
/// it so the same rules can be tested without one.
import nspell from 'nspell';
import { KNOWN_WORDS } from './known-words';

export type Speller = ReturnType<typeof nspell>;

export function makeSpeller(aff: string, dic: string, personal: readonly string[]): Speller {
  const speller = nspell({ aff, dic });
  for (const word of [...KNOWN_WORDS, ...personal]) speller.add(word);
  return speller;
}

/// Words spelled as the writer wrote them, or as a sentence begins ("The"), or shouted ("NASA").
export function spelledRight(speller: Speller, word: string, personal: readonly string[]): boolean {
  if (speller.correct(word)) return true;
  const lower = word.toLowerCase();
  if (word !== lower && speller.correct(lower)) return true;
  return personal.includes(word) || personal.includes(lower);
}
