import { describe, expect, it } from 'vitest';
import { changedLines, lineStarts, parseBound, resumeBlock, stoppedInside, windowStart, type SourceBlock } from '../../../shared/render/blocks';
import { isSelfContained } from '../../../shared/render/self-contained';

function change(before: string, after: string) {
  return changedLines(before, lineStarts(before), after, lineStarts(after));
}

const blank = (text: string) => (line: number) => /^[ \t]*$/.test(text.split('\n')[line] ?? '');

describe('changedLines', () => {
  it('is null for the same text', () => {
    expect(change('a\nb\n', 'a\nb\n')).toBeNull();
  });

  it('finds the one line typed into', () => {
    expect(change('one\ntwo\nthree\n', 'one\ntwXo\nthree\n')).toEqual({ from: 1, oldTo: 2, newTo: 2 });
  });

  it('counts lines added and removed (not always the fewest, never too few)', () => {
    expect(change('one\ntwo\nthree\n', 'one\ntwo\n\nmore\nthree\n')).toEqual({ from: 2, oldTo: 3, newTo: 5 });
    expect(change('one\ntwo\nthree\n', 'one\nthree\n')).toEqual({ from: 1, oldTo: 3, newTo: 2 });
  });

  it('handles edits at either end and texts sharing almost everything', () => {
    expect(change('abc', 'xabc')).toEqual({ from: 0, oldTo: 1, newTo: 1 });
    expect(change('a\nb', 'a\nb\n')).toEqual({ from: 1, oldTo: 2, newTo: 3 });
    const long = 'word '.repeat(50_000);
    expect(change(`${long}\nend`, `${long}\nthe end`)).toEqual({ from: 1, oldTo: 2, newTo: 2 });
  });
});

describe('windowStart', () => {
  const blocks: SourceBlock[] = [
    { start: 0, anchored: true },
    { start: 2, anchored: true },
    { start: 3, anchored: true }, // a table right under a paragraph line: no blank line before it
    { start: 7, anchored: false }, // raw HTML
    { start: 9, anchored: true },
  ];
  const text = 'p\n\npara\n| a |\n|---|\n| 1 |\n\n<div></div>\n\nlast\n';

  it('restarts at a block after a blank line, before the change', () => {
    expect(windowStart(blocks, { from: 10, oldTo: 11, newTo: 11 }, blank(text))).toEqual({ first: 4, startLine: 9, atStart: false });
  });

  it('steps back over blocks that a paragraph above could still swallow, and over raw HTML', () => {
    expect(windowStart(blocks, { from: 4, oldTo: 5, newTo: 5 }, blank(text))).toEqual({ first: 1, startLine: 2, atStart: false });
    expect(windowStart(blocks, { from: 9, oldTo: 10, newTo: 10 }, blank(text))).toEqual({ first: 1, startLine: 2, atStart: false });
  });

  it('starts at the top when nothing before the change is settled', () => {
    expect(windowStart(blocks, { from: 0, oldTo: 1, newTo: 1 }, blank(text))).toEqual({ first: 0, startLine: 0, atStart: true });
    expect(windowStart([], { from: 0, oldTo: 0, newTo: 1 }, blank(''))).toEqual({ first: 0, startLine: 0, atStart: true });
  });
});

describe('resumeBlock and parseBound', () => {
  const blocks: SourceBlock[] = [0, 2, 4, 6, 8].map((start) => ({ start, anchored: start !== 6 }));
  const typedTwoLines = { from: 2, oldTo: 3, newTo: 5 };

  it('resumes only at an anchored block start in the unchanged tail, in new line numbers', () => {
    expect(resumeBlock(blocks, typedTwoLines, 4)).toBe(-1); // inside the change
    expect(resumeBlock(blocks, typedTwoLines, 6)).toBe(2); // old line 4
    expect(resumeBlock(blocks, typedTwoLines, 7)).toBe(-1); // old line 5: no block started there
    expect(resumeBlock(blocks, typedTwoLines, 8)).toBe(-1); // old line 6: raw HTML
    expect(resumeBlock(blocks, typedTwoLines, 10)).toBe(4);
  });

  it('bounds the first parse a few blocks past the change', () => {
    expect(parseBound(blocks, typedTwoLines, 12, 1)).toBe(8);
    expect(parseBound(blocks, typedTwoLines, 12, 8)).toBe(12);
  });

  it('trusts a bounded parse only with a blank line between its stop and its bound', () => {
    const text = 'a\nb\n\nc\nd\ne\n';
    expect(stoppedInside(1, 4, blank(text))).toBe(true);
    expect(stoppedInside(3, 6, blank(text))).toBe(false); // display math could run on past line 5
    expect(stoppedInside(2, 3, blank(text))).toBe(false); // a table needs the line after the stop
  });
});

describe('isSelfContained', () => {
  it('accepts markup that closes what it opens', () => {
    expect(isSelfContained('<div class="note">\n<p>A <b>b</b> <img src="x.png" alt="a > b"><br/></p>\n</div>\n')).toBe(true);
    expect(isSelfContained('<p>5 < 6 and <!-- a note --> text</p>')).toBe(true);
    expect(isSelfContained('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>')).toBe(true);
    expect(isSelfContained('<p data-line="4">x</p>', true)).toBe(true);
  });

  it('refuses markup that leaves the parser changed', () => {
    expect(isSelfContained('<div>\n<p>open</p>\n')).toBe(false);
    expect(isSelfContained('<p>Unclosed <b>bold</p>')).toBe(false);
    expect(isSelfContained('</details>')).toBe(false);
    expect(isSelfContained('<b><i>x</b></i>')).toBe(false);
    expect(isSelfContained('<p>a</br></p>')).toBe(false);
    expect(isSelfContained('<div class="x>y</div>')).toBe(false);
    expect(isSelfContained('<!-- never closed')).toBe(false);
    expect(isSelfContained('<!--> x -->')).toBe(false);
    expect(isSelfContained('<plaintext>x</plaintext>')).toBe(false);
    expect(isSelfContained('<textarea></div></textarea>')).toBe(false);
  });

  it('refuses a data-line that could pose as another block', () => {
    expect(isSelfContained('<p data-line="4">x</p>')).toBe(false);
    expect(isSelfContained('<p data-line="4">x <span data-line="9">y</span></p>', true)).toBe(false);
  });
});
