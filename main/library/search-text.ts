/// How post text becomes search terms, and how a hit's snippet is cut. Pure functions, shared by
/// indexing and snippets so a term found in the index is found again in the text.
import { replaceLinks, replaceTags } from '../../shared/markdown-scan';

export interface SnippetSegment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
const MAX_TERM_LENGTH = 60;

/// Words are runs of letters, digits and marks: markdown's `*`, `` ` ``, `|` and tabs all separate.
export function tokenize(text: string): string[] {
  return text.split(NOT_WORD).filter((word) => word.length > 0);
}

/// Lower case, accents folded (so “cafe” finds “café”), over-long runs (hashes, base64) dropped.
export function normalizeTerm(term: string): string | null {
  if (term.length === 0 || term.length > MAX_TERM_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  const folded = /^[\x00-\x7f]*$/.test(term) ? term : term.normalize('NFKD').replace(/\p{M}/gu, '');
  return folded.toLowerCase() || null;
}

/// English words too common to tell posts apart. They are left out of the body's index (about
/// half of all words, so the index is smaller and quicker) but kept in titles and tags; a query
/// made only of them searches titles.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor so of to in on at by for from with into onto about as than then that this these those
  there here is are was were be been being am do does did has have had having it its i me my we our ours you your
  yours he him his she her hers they them their theirs what which who whom whose when where why how if not no all
  any some such very just also too only own same other more most each both few out up down over under again once
  would should could shall s t don doesn didn isn wasn aren ll ve re d m`.split(/\s+/),
);

/// The last word is matched as a prefix once it has this many letters; a single letter would
/// match a twentieth of the vocabulary.
const MIN_PREFIX = 2;

export interface QueryPlan {
  /// Whole words, all required.
  words: string[];
  /// The word being typed, matched as a prefix; null when the query ends in a space.
  typing: string | null;
  /// The query was only very common words: they are not in the body's index.
  titlesOnly: boolean;
}

export function planQuery(query: string): QueryPlan | null {
  const words = tokenize(query)
    .map(normalizeTerm)
    .filter((t): t is string => t !== null);
  if (words.length === 0) return null;
  const last = words[words.length - 1]!;
  const typing = /[\p{L}\p{N}\p{M}]$/u.test(query) && last.length >= MIN_PREFIX ? last : null;
  if (typing !== null) words.pop();
  const content = words.filter((w) => !STOP_WORDS.has(w));
  if (content.length > 0 || typing !== null) return { words: content, typing, titlesOnly: false };
  return { words, typing: null, titlesOnly: true };
}

/// How much a completion counts next to the word as typed, as MiniSearch weighs its own prefix
/// matches: less the more letters were added.
export function prefixWeight(typed: string, term: string): number {
  return (0.375 * term.length) / (term.length + 0.3 * (term.length - typed.length));
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/// The body without its front matter. Front matter is indexed through the summary (title, tags),
/// so an approximate cut is enough here.
export function stripFrontMatter(text: string): string {
  return text.replace(FRONT_MATTER, '');
}

/// Markdown as a reader sees it: link and image targets, HTML tags and emphasis marks removed.
/// Indexing this text (not the raw markdown) keeps URLs out of results and snippets readable.
/// Each step is linear (see shared/markdown-scan.ts): a post of `[` or `<a` must not stall a save.
export function plainText(markdown: string): string {
  const label = (text: string) => text;
  return replaceTags(replaceLinks(replaceLinks(markdown, true, label), false, label).replace(/^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm, ''), ' ')
    .replace(/[*_`~#>|]+/g, ' ')
    .replace(/\s{2,}|[\t\n\r\f\v]/g, ' ') // single spaces stay as they are: far fewer replacements
    .trim();
}

const BEFORE = 40;
const AFTER = 80;
const ELLIPSIS = '…';

/// Up to `max` short passages around the words that match (given as a set of normalized terms, or
/// a test on one), as segments with the matched words marked; passages are separated by an
/// ellipsis. Empty when nothing matches.
export function snippet(text: string, matches: ReadonlySet<string> | ((term: string) => boolean), max = 3): SnippetSegment[] {
  const windows: Array<{ start: number; end: number; matches: Array<[number, number]> }> = [];
  for (const [start, end] of matchPositions(text, matches)) {
    const last = windows[windows.length - 1];
    if (last && start < last.end) {
      last.matches.push([start, end]);
      last.end = Math.max(last.end, Math.min(text.length, end + AFTER / 2));
      continue;
    }
    if (windows.length === max) break;
    windows.push({ start: Math.max(0, start - BEFORE), end: Math.min(text.length, end + AFTER), matches: [[start, end]] });
  }
  const segments: SnippetSegment[] = [];
  windows.forEach((window, i) => {
    const from = wordStart(text, window.start);
    const to = wordEnd(text, window.end);
    let plain = `${i > 0 || from > 0 ? ELLIPSIS : ''}${text.slice(from, window.matches[0]![0]).trimStart()}`;
    window.matches.forEach(([start, end], j) => {
      if (j > 0) plain += text.slice(window.matches[j - 1]![1], start);
      if (plain) segments.push({ text: plain, match: false });
      segments.push({ text: text.slice(start, end), match: true });
      plain = '';
    });
    const tail = text.slice(window.matches[window.matches.length - 1]![1], to).trimEnd();
    const closing = i === windows.length - 1 && to < text.length ? ELLIPSIS : '';
    if (tail || closing) segments.push({ text: tail + closing, match: false });
  });
  return mergePlain(segments);
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII_LETTER = /(?![\x00-\x7f])[\p{L}\p{M}]/u;

/// Where the matching words are, in order. Text with only ASCII letters (most posts, most of the
/// time) is searched with one regular expression for the terms; otherwise every word is
/// normalized, so “café” is found for “cafe”.
function* matchPositions(text: string, matches: ReadonlySet<string> | ((term: string) => boolean)): Generator<[number, number]> {
  if (typeof matches !== 'function' && !(NON_ASCII.test(text) && NON_ASCII_LETTER.test(text))) {
    if (matches.size === 0) return;
    const alternatives = [...matches].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
    for (const m of text.matchAll(pattern)) yield [m.index, m.index + m[0].length];
    return;
  }
  const isMatch = typeof matches === 'function' ? matches : (term: string) => matches.has(term);
  for (const m of text.matchAll(WORD)) {
    const term = normalizeTerm(m[0]);
    if (term !== null && isMatch(term)) yield [m.index, m.index + m[0].length];
  }
}

/// Moves a cut forward to the start of a word, so a snippet does not begin mid-word.
function wordStart(text: string, at: number): number {
  if (at === 0) return 0;
  const space = text.indexOf(' ', at);
  return space === -1 || space - at > 20 ? at : space + 1;
}

function wordEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const space = text.lastIndexOf(' ', at);
  return space === -1 || at - space > 20 ? at : space;
}

function mergePlain(segments: SnippetSegment[]): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && !last.match && !segment.match) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}
