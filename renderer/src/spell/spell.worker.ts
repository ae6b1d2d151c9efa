/// Checks spelling off the page's thread: nspell with the Hunspell dictionaries the host
/// serves (bundled with Postwright, so it works offline), plus the library's own words.
import nspell from 'nspell';
import type { FromWorker, ToWorker } from './protocol';

type Speller = ReturnType<typeof nspell>;
const spellers = new Map<string, Speller>();
let personal: string[] = [];
const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

/// Words spelled as the writer wrote them, or as a sentence begins ("The"), or shouted ("NASA").
function correct(speller: Speller, word: string): boolean {
  if (speller.correct(word)) return true;
  const lower = word.toLowerCase();
  if (word !== lower && speller.correct(lower)) return true;
  return personal.includes(word) || personal.includes(lower);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'load') {
      const speller = nspell({ aff: message.aff, dic: message.dic });
      for (const word of personal) speller.add(word);
      spellers.set(message.lang, speller);
    } else if (message.type === 'personal') {
      personal = message.words;
      for (const speller of spellers.values()) for (const word of personal) speller.add(word);
    } else if (message.type === 'check') {
      const speller = spellers.get(message.lang);
      post({ type: 'checked', id: message.id, wrong: speller ? message.words.filter((word) => !correct(speller, word)) : [] });
    } else if (message.type === 'suggest') {
      const speller = spellers.get(message.lang);
      post({ type: 'suggested', id: message.id, suggestions: speller ? speller.suggest(message.word).slice(0, 6) : [] });
    }
  } catch (error) {
    post({ type: 'failed', id: 'id' in message ? message.id : null, message: error instanceof Error ? error.message : String(error) });
  }
};
