/// Checks spelling off the page's thread: nspell with the Hunspell dictionaries the host
/// serves (bundled with Postwright, so it works offline), plus the library's own words.
import { messageOf } from '../message-of';
import { makeSpeller, spelledRight, type Speller } from './checker';
import type { FromWorker, ToWorker } from './protocol';

const spellers = new Map<string, Speller>();
let personal: string[] = [];
const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'load') {
      spellers.set(message.lang, makeSpeller(message.aff, message.dic, personal));
    } else if (message.type === 'personal') {
      personal = message.words;
      for (const speller of spellers.values()) for (const word of personal) speller.add(word);
    } else if (message.type === 'check') {
      const speller = spellers.get(message.lang);
      post({ type: 'checked', id: message.id, wrong: speller ? message.words.filter((word) => !spelledRight(speller, word, personal)) : [] });
    } else if (message.type === 'suggest') {
      const speller = spellers.get(message.lang);
      post({ type: 'suggested', id: message.id, suggestions: speller ? speller.suggest(message.word).slice(0, 6) : [] });
    }
  } catch (error) {
    post({ type: 'failed', id: 'id' in message ? message.id : null, message: messageOf(error) });
  }
};
