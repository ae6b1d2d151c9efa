/// Word count and reading time, as a reader of the published post would count them.
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;
export const WORDS_PER_MINUTE = 230;

export interface TextStats {
  words: number;
  characters: number;
  minutes: number;
}

export function textStats(text: string): TextStats {
  const words = text.match(WORD)?.length ?? 0;
  return { words, characters: [...text].length, minutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) };
}
