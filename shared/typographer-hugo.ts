/// What Hugo's Markdown renderer (Goldmark with its Typographer extension, on by default) does
/// to a post's text: curly quotes, en and em dashes, ellipses and angle quotes. The preview
/// applies it when it shows a post as a Hugo site will. Unlike WordPress's wptexturize, a quote
/// turns by the characters on both sides (CommonMark's flanking rules) and a closing quote only
/// closes one opened earlier in the same block, so the caller keeps one `HugoQuotes` per block,
/// passes each run of text outside code in order, and the original text before it.

export interface HugoQuotes {
  /// The original character before the next run ('' at the start of a block).
  before: string;
  single: number;
  double: number;
}

export const newHugoQuotes = (): HugoQuotes => ({ before: '', single: 0, double: 0 });

const SUBS: Array<[string, string]> = [
  ['---', '\u2014'],
  ['...', '\u2026'],
  ['<<', '\u00ab'],
  ['>>', '\u00bb'],
  ['--', '\u2013'],
];

/// `text` as Hugo shows it; `state` carries what came before in the block and is updated.
export function hugoTypography(text: string, state: HugoQuotes): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    const rest = (n: number) => chars.slice(i, i + n).join('');
    const sub = SUBS.find(([from]) => rest(from.length) === from);
    if (sub) {
      out += sub[1];
      state.before = chars[i + sub[0].length - 1]!;
      i += sub[0].length;
      continue;
    }
    const c = chars[i]!;
    const shown = c === "'" || c === '"' ? quote(c, chars, i, state) : null;
    out += shown ?? c;
    state.before = c;
    i += 1;
  }
  return out;
}

const RSQUO = '\u2019';

/// Goldmark's typographer for one quote character at `i`; null leaves it as typed.
function quote(c: string, line: string[], i: number, state: HugoQuotes): string | null {
  const at = (n: number) => line[i + n] ?? '';
  const before = state.before === '' ? '\n' : state.before;
  const after = at(1) === '' ? ' ' : at(1);
  const canOpen = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
  const canClose = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
  if (!canOpen && !canClose) return null;
  const len = line.length - i;
  // Closing when the next characters are punctuation and then space or more punctuation.
  const maybeClose = canClose && canOpen && len > 1 && isGoPunct(at(1)) && (len === 2 || isAsciiPunct(at(2)) || isSpace(at(2)));
  if (c === "'") {
    // '90s
    if (canOpen && !canClose && len > 3 && isDigit(at(1)) && isDigit(at(2)) && at(3) === 's') {
      const next = len > 4 ? at(4) : ' ';
      if (isSpace(next) || isPunct(next)) return RSQUO;
    }
    // 'twas, 'em, 'net
    if (len > 1 && (isGoPunct(before) || isSpace(before)) && 'tenl'.includes(at(1))) return RSQUO;
    // Between a letter or digit and a letter: it's, don't.
    if (len > 1 && (isDigit(before) || isLetter(before)) && isLetter(at(1))) return RSQUO;
    if (canOpen && !canClose) {
      const ends = (n: number) => len <= n || isAsciiPunct(at(n)) || isSpace(at(n));
      const contraction = ('smtd'.includes(at(1)) && at(1) !== '' && ends(2)) || (['ve', 'll', 're'].includes(at(1) + at(2)) && ends(3));
      if (contraction) return RSQUO;
      state.single++;
      return '\u2018';
    }
    // Smiths', doin': space after it, or punctuation not followed by a digit.
    if ((len > 1 && isSpace(at(1))) || (isGoPunct(at(1)) && len > 2 && !isDigit(at(2)))) return RSQUO;
    if (state.single > 0 && ((canClose && !canOpen) || maybeClose)) {
      state.single--;
      return RSQUO;
    }
    return null;
  }
  if (canOpen && !canClose) {
    state.double++;
    return '\u201c';
  }
  if (state.double > 0 && ((canClose && !canOpen) || maybeClose)) {
    // "Monitor 21"": inches, then the closing quote.
    if (at(1) === '"' && isDigit(before)) return null;
    state.double--;
    return '\u201d';
  }
  return null;
}

const isSpace = (r: string) => r === '' || /\s/u.test(r);
/// Go's unicode.IsPunct: punctuation only.
const isGoPunct = (r: string) => /\p{P}/u.test(r);
/// Goldmark's punctuation for flanking: punctuation and symbols.
const isPunct = (r: string) => /[\p{P}\p{S}]/u.test(r);
const isAsciiPunct = (r: string) => /^[!-/:-@[-`{-~]$/.test(r);
const isDigit = (r: string) => /\p{Nd}/u.test(r);
const isLetter = (r: string) => /\p{L}/u.test(r);
