/// The find panel's "3 of 12" on a bare EditorState.
import { SearchQuery } from '@codemirror/search';
import { EditorSelection, EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countMatches, describeCount, MatchSeek, MatchTally } from '../../../renderer/editor/extensions/find-count';

const TEXT = 'A crab walks. The crab hides. Every Crab molts.';

function label(search: string, selection = EditorSelection.cursor(0), options: Partial<{ caseSensitive: boolean; regexp: boolean }> = {}): string {
  const state = EditorState.create({ doc: TEXT, selection });
  const query = new SearchQuery({ search, ...options });
  return describeCount(countMatches(state, query), query);
}

describe('find match count', () => {
  it('says which match is selected and how many there are', () => {
    const second = TEXT.indexOf('crab', 5);
    expect(label('crab', EditorSelection.range(second, second + 4))).toBe('2 of 3');
    expect(label('crab')).toBe('3 matches');
    expect(label('crab', EditorSelection.cursor(0), { caseSensitive: true })).toBe('2 matches');
    expect(label('molts')).toBe('1 match');
  });

  it('says plainly when nothing matches or the pattern is broken', () => {
    expect(label('lobster')).toBe('No matches');
    expect(label('(', EditorSelection.cursor(0), { regexp: true })).toBe('Not a valid pattern');
    expect(label('')).toBe('');
  });
});

/// One pass of CodeMirror's own cursor over the whole document: what the slices must add up to.
function onePass(state: EditorState, query: SearchQuery): { total: number; current: number } {
  const { from, to } = state.selection.main;
  let total = 0;
  let current = 0;
  const cursor = query.getCursor(state);
  for (let next = cursor.next(); !next.done && total < 1000; next = cursor.next()) {
    total++;
    if (next.value.from === from && next.value.to === to) current = total;
  }
  return { total, current };
}

describe('find match count in slices', () => {
  it('counts a long document slice by slice exactly as one pass does, matches across slice edges included', () => {
    const text = fc.array(fc.constantFrom('a', 'a', '\n', '\n', 'b', 'A', ' ', 'crab', 'Crab '), { minLength: 20, maxLength: 150, size: 'max' }).map((parts) => parts.join(''));
    const search = fc.oneof(
      fc.record({ search: fc.constantFrom('a', 'aa', 'ab', 'b a', 'crab', 'a\\nb', 'b\\n', 'a\\na'), regexp: fc.constant(false) }),
      fc.record({ search: fc.constantFrom('a+', 'b?a', '^a', 'b$', 'cr[a-z]b', 'a\\sb', '\\n'), regexp: fc.constant(true) }),
    );
    fc.assert(
      fc.property(text, search, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 8 }), fc.nat(), (doc, q, caseSensitive, wholeWord, sliceChars, at) => {
        const query = new SearchQuery({ ...q, caseSensitive, wholeWord });
        // The selection on a match now and then, to check its place among them.
        const first = query.getCursor(EditorState.create({ doc }), at % (doc.length + 1)).next();
        const selection = first.done ? EditorSelection.cursor(0) : EditorSelection.range(first.value.from, first.value.to);
        const state = EditorState.create({ doc, selection });
        const sliced = countMatches(state, query, sliceChars);
        expect({ total: sliced.total, current: sliced.current }).toEqual(onePass(state, query));
      }),
      { numRuns: 800 },
    );
  });

  it('gives way between slices and picks up where it stopped', () => {
    const doc = 'a crab here\n'.repeat(5000) + 'the last crab';
    const state = EditorState.create({ doc, selection: EditorSelection.range(doc.length - 4, doc.length) });
    const tally = new MatchTally(state, new SearchQuery({ search: 'crab' }), 1000);
    let slices = 0;
    // One slice per call, as the panel's budget allows a few per task.
    while (!tally.run(() => slices++ % 2 === 0));
    // 1,000 matches fill about twelve slices of 1,000 characters.
    expect(slices).toBeGreaterThan(20);
    expect(tally.countFor(state.selection.main)).toEqual({ total: 1000, current: 0, capped: true });
    const few = EditorState.create({ doc: 'x\n'.repeat(30000) + 'crab', selection: EditorSelection.range(60000, 60004) });
    const rare = new MatchTally(few, new SearchQuery({ search: 'crab' }), 1000);
    let calls = 0;
    while (!rare.run(() => calls++ % 2 === 0));
    expect(rare.countFor(few.selection.main)).toEqual({ total: 1, current: 1, capped: false });
  });
});

/// Search as you type in one pass, as the panel did on every key: the first match from `start`,
/// else the first from the top.
function seekInOnePass(state: EditorState, query: SearchQuery, start: number): { from: number; to: number } | null {
  const after = query.getCursor(state, start).next();
  const match = after.done ? query.getCursor(state).next() : after;
  return match.done ? null : { from: match.value.from, to: match.value.to };
}

describe('search as you type in slices', () => {
  it('lands on the match one pass from the cursor finds, wrapping to the top, across slice edges', () => {
    const text = fc.array(fc.constantFrom('a', 'a', '\n', '\n', 'b', 'A', ' ', 'crab', 'Crab '), { minLength: 0, maxLength: 150, size: 'max' }).map((parts) => parts.join(''));
    const search = fc.oneof(
      fc.record({ search: fc.constantFrom('a', 'aa', 'ab', 'b a', 'crab', 'a\\nb', 'b\\n', 'a\\na', 'zebra'), regexp: fc.constant(false) }),
      fc.record({ search: fc.constantFrom('a+', 'b?a', '^a', 'b$', 'cr[a-z]b', 'a\\sb', '\\n', 'q'), regexp: fc.constant(true) }),
    );
    let wrapped = 0;
    fc.assert(
      fc.property(text, search, fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 8 }), fc.nat(), (doc, q, caseSensitive, wholeWord, sliceChars, at) => {
        const query = new SearchQuery({ ...q, caseSensitive, wholeWord });
        const start = at % (doc.length + 1);
        const state = EditorState.create({ doc });
        const seek = new MatchSeek(state, query, start, sliceChars);
        let slices = 0;
        // One slice per call, as a task's budget allows.
        while (!seek.run(() => slices++ % 2 === 0));
        const expected = seekInOnePass(state, query, start);
        if (expected && expected.from < start) wrapped++;
        expect(seek.found).toEqual(expected);
      }),
      { numRuns: 800 },
    );
    // The wrap to the top was taken, not only the way down.
    expect(wrapped).toBeGreaterThan(20);
  });

  it('finds a match near the cursor in the first slice, however long the post', () => {
    const doc = 'x\n'.repeat(30000) + 'a crab\n' + 'y\n'.repeat(30000);
    const state = EditorState.create({ doc });
    const seek = new MatchSeek(state, new SearchQuery({ search: 'crab' }), 60000, 1000);
    let slices = 0;
    expect(seek.run(() => slices++ < 1)).toBe(true);
    expect(seek.found).toEqual({ from: 60002, to: 60006 });
  });
});
