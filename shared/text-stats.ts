/// Word count and reading time, as a reader of the published post would count them.
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;
export const WORDS_PER_MINUTE = 230;

export interface TextStats {
  words: number;
  characters: number;
  minutes: number;
}

/// Runs on every keystroke over the whole post: words are counted without building a list of
/// them, and characters (code points, as `[...text].length`) without an array of them.
export function textStats(text: string): TextStats {
  let words = 0;
  WORD.lastIndex = 0;
  while (WORD.test(text)) words++;
  return { words, characters: codePoints(text), minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}

function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
