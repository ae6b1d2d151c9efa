/// The find panel's match count ("3 of 12"), counted in slices of the document so that a long
/// post never holds up a key: a search that matches rarely scans the whole text (a quarter of
/// a second at 50,000 words), so the panel counts a slice at a time, within a small budget per
/// task, and after typing pauses rather than on every key.
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
    // A pattern that may match across lines is counted in one piece; a plain search reaches
    // past the slice by its length (twice, for case folding that changes lengths).
    this.whole = query.regexp && MULTILINE.test(query.search);
    this.reach = query.regexp ? 0 : query.search.length * 2 + 1;
  }

  /// Counts on while `more()` allows another slice; returns whether the count is complete.
  run(more: () => boolean): boolean {
    const doc = this.doc;
    while (!this.done && more()) {
      const end = this.whole ? doc.length : doc.lineAt(Math.min(doc.length, this.at + this.sliceChars)).to;
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
