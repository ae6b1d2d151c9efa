/// The find panel's match count ("3 of 12") and its search as you type, each worked out in
/// slices of the document so that a long post never holds up a key: a search that matches
/// rarely scans the whole text (a quarter of a second at 50,000 words), so the panel counts and
/// seeks a slice at a time, within a small budget per task, and counts again after an edit
/// only once typing pauses.
import type { SearchQuery } from '@codemirror/search';
import type { EditorState, SelectionRange, Text } from '@codemirror/state';

/// Counting stops here so a one-letter search in a long post stays quick.
const COUNT_LIMIT = 1000;
/// Characters per slice (ending at a line's end).
const SLICE_CHARS = 8192;

export interface MatchCount {
  total: number;
  /// 1-based position of the selected match, 0 when the selection is not a match.
  current: number;
  capped: boolean;
}

// What CodeMirror's regular-expression cursor treats as able to match across lines.
const MULTILINE = /\\[sWDnr]|\n|\r|\[\^/;

/// How a query's document is cut into slices: a pattern that may match across lines is searched
/// in one piece; a plain search's cursor reaches past the slice's end by its length (twice, for
/// case folding that changes lengths), so a match across the edge is found in the slice it
/// starts in. A slice ends at a line's end, which no other pattern can match across.
function slicing(query: SearchQuery): { whole: boolean; reach: number } {
  return { whole: query.regexp && MULTILINE.test(query.search), reach: query.regexp ? 0 : query.search.length * 2 + 1 };
}

function sliceEnd(doc: Text, at: number, chars: number): number {
  return doc.lineAt(Math.min(doc.length, at + chars)).to;
}

/// The matches of one query in one document, counted slice by slice. Each slice's cursor
/// reaches past the slice's end by the length of the search, so a match across the edge is
/// counted once, in the slice it starts in; the next slice starts after the last match, so
/// matches never overlap, exactly as one pass over the whole document finds them.
export class MatchTally {
  readonly doc: Text;
  total = 0;
  capped = false;
  done = false;
  private readonly froms: number[] = [];
  private readonly tos: number[] = [];
  private at = 0;
  private readonly reach: number;
  private readonly whole: boolean;

  constructor(
    private readonly state: EditorState,
    private readonly query: SearchQuery,
    private readonly sliceChars = SLICE_CHARS,
  ) {
    this.doc = state.doc;
    this.done = !query.valid || query.search === '';
    ({ whole: this.whole, reach: this.reach } = slicing(query));
  }

  /// Counts on while `more()` allows another slice; returns whether the count is complete.
  run(more: () => boolean): boolean {
    const doc = this.doc;
    while (!this.done && more()) {
      const end = sliceEnd(doc, this.at, this.whole ? doc.length : this.sliceChars);
      const cursor = this.query.getCursor(this.state, this.at, Math.min(doc.length, end + this.reach));
      let next = end;
      for (let match = cursor.next(); !match.done; match = cursor.next()) {
        const { from, to } = match.value;
        // Starts in the next slice: found again there.
        if (from >= end && end < doc.length) break;
        this.froms.push(from);
        this.tos.push(to);
        next = Math.max(next, to);
        if (++this.total >= COUNT_LIMIT) {
          this.capped = true;
          this.done = true;
          return true;
        }
      }
      this.at = next;
      if (end >= doc.length) this.done = true;
    }
    return this.done;
  }

  /// The count, with the position of `selection` among the matches (the tally's document).
  countFor(selection: SelectionRange): MatchCount {
    let low = 0;
    let high = this.froms.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.froms[mid]! < selection.from) low = mid + 1;
      else high = mid;
    }
    const current = this.froms[low] === selection.from && this.tos[low] === selection.to ? low + 1 : 0;
    return { total: this.total, current, capped: this.capped };
  }
}

/// Search as you type: the first match at or after `start`, else the first from the top (as
/// "Find next" wraps), sought a slice at a time. `found` is null when there is none.
export class MatchSeek {
  found: { from: number; to: number } | null = null;
  done: boolean;
  private at: number;
  private wrapped = false;
  private readonly reach: number;
  private readonly whole: boolean;

  constructor(
    private readonly state: EditorState,
    private readonly query: SearchQuery,
    private readonly start: number,
    private readonly sliceChars = SLICE_CHARS,
  ) {
    this.at = start;
    this.done = !query.valid || query.search === '';
    ({ whole: this.whole, reach: this.reach } = slicing(query));
  }

  /// Seeks on while `more()` allows another slice; returns whether the search is over.
  run(more: () => boolean): boolean {
    const { doc } = this.state;
    while (!this.done && more()) {
      // The first lap runs from the start to the end of the text; the second from the top to
      // the end of the start's line, for a match beginning before the start.
      const stop = this.wrapped ? sliceEnd(doc, this.start, 0) : doc.length;
      const end = this.whole ? doc.length : Math.min(stop, sliceEnd(doc, this.at, this.sliceChars));
      const match = this.query.getCursor(this.state, this.at, Math.min(doc.length, end + this.reach)).next();
      // One starting in the next slice is found again there.
      if (!match.done && (match.value.from < end || end >= doc.length)) {
        this.found = { from: match.value.from, to: match.value.to };
        this.done = true;
      } else if (end < stop) {
        this.at = end;
      } else if (this.wrapped || this.start === 0) {
        this.done = true;
      } else {
        this.wrapped = true;
        this.at = 0;
      }
    }
    return this.done;
  }
}

/// The whole count at once.
export function countMatches(state: EditorState, query: SearchQuery, sliceChars = SLICE_CHARS): MatchCount {
  const tally = new MatchTally(state, query, sliceChars);
  tally.run(() => true);
  return tally.countFor(state.selection.main);
}

export function describeCount(count: MatchCount, query: SearchQuery): string {
  if (query.search === '') return '';
  if (!query.valid) return 'Not a valid pattern';
  if (count.total === 0) return 'No matches';
  const total = count.capped ? `${count.total}+` : String(count.total);
  if (count.current > 0) return `${count.current} of ${total}`;
  return count.total === 1 ? '1 match' : `${total} matches`;
}
