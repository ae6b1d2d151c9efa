/// What smart typing turns a keystroke into, as a pure function of the line before the
/// cursor: curly quotes, en and em dashes, and the ellipsis.

export interface Replacement {
  /// Characters before the cursor (the typed one not yet counted) to replace.
  remove: number;
  insert: string;
}

const OPENS_QUOTE = /[\s([{\u2014\u2013\u201c\u2018/-]$/;

export function smartReplacement(before: string, typed: string): Replacement | null {
  if (typed === '"') return { remove: 0, insert: before === '' || OPENS_QUOTE.test(before) ? '\u201c' : '\u201d' };
  if (typed === "'") return { remove: 0, insert: before === '' || OPENS_QUOTE.test(before) ? '\u2018' : '\u2019' };
  if (typed === '-') {
    // Rules, list markers, table delimiters and front matter fences are made of dashes.
    // Nor inside an HTML comment, whose `-->` must stay.
    if (/<!--(?!.*-->)/.test(before)) return null;
    if (/^[\s|:>*+-]*-?$/.test(before) || /^[\s|:>*+-]*\u2013$/.test(before)) return null;
    if (before.endsWith('\u2013')) return { remove: 1, insert: '\u2014' };
    if (before.endsWith('-') && !before.endsWith('--') && !/<!-$/.test(before)) return { remove: 1, insert: '\u2013' };
    return null;
  }
  if (typed === '.' && before.endsWith('..') && !before.endsWith('...')) return { remove: 2, insert: '\u2026' };
  return null;
}

/// Inside `$…$` math on this line (an odd number of unescaped dollars before the cursor).
export function inInlineMath(before: string): boolean {
  return (before.match(/(?<!\\)\$/g)?.length ?? 0) % 2 === 1;
}
