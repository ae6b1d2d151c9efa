/// Formatting commands on a bare EditorState: `|` marks the cursor, `«…»` a selection.
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { EditorSelection, EditorState, type StateCommand } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { insertLink, setHeading, toggleBold, toggleBulletList, toggleInlineCode, toggleItalic, toggleQuote } from '../../../renderer/editor/commands/format';
import { minimalChange } from '../../../renderer/editor/createEditor';
import { endListOnEmptyItem } from '../../../renderer/editor/extensions/markdown';

function stateOf(marked: string): EditorState {
  const ranges: Array<{ anchor: number; head: number }> = [];
  let doc = '';
  let open = -1;
  for (const char of marked) {
    if (char === '|') ranges.push({ anchor: doc.length, head: doc.length });
    else if (char === '«') open = doc.length;
    else if (char === '»') ranges.push({ anchor: open, head: doc.length });
    else doc += char;
  }
  return EditorState.create({
    doc,
    selection: EditorSelection.create(ranges.map((r) => EditorSelection.range(r.anchor, r.head))),
    // The toggles read the markdown syntax tree to find formatted spans.
    extensions: [EditorState.allowMultipleSelections.of(true), markdown({ base: markdownLanguage })],
  });
}

function marked(state: EditorState): string {
  let out = state.doc.toString();
  for (const range of [...state.selection.ranges].reverse()) {
    out = range.empty ? `${out.slice(0, range.from)}|${out.slice(range.from)}` : `${out.slice(0, range.from)}«${out.slice(range.from, range.to)}»${out.slice(range.to)}`;
  }
  return out;
}

function run(command: StateCommand, input: string): string {
  let state = stateOf(input);
  command({ state, dispatch: (tr) => (state = tr.state) });
  return marked(state);
}

describe('formatting commands', () => {
  it('bold wraps the selection and unwraps it again', () => {
    expect(run(toggleBold, 'a «word» here')).toBe('a **«word»** here');
    expect(run(toggleBold, 'a **«word»** here')).toBe('a «word» here');
    expect(run(toggleBold, 'a «**word**» here')).toBe('a «word» here');
  });

  it('bold on an empty selection leaves the cursor between the markers', () => {
    expect(run(toggleBold, 'say |')).toBe('say **|**');
  });

  it('italic and code work on every cursor of a multiple selection', () => {
    expect(run(toggleItalic, '«one» and «two»')).toBe('*«one»* and *«two»*');
    expect(run(toggleInlineCode, 'run «npm test» now')).toBe('run `«npm test»` now');
  });

  it('a second press right away takes back an empty pair', () => {
    expect(run(toggleBold, 'say **|**')).toBe('say |');
    expect(run(toggleItalic, 'say *|*')).toBe('say |');
    expect(run(toggleInlineCode, 'say `|`')).toBe('say |');
  });

  it('at the end of just-typed formatted text the cursor steps out, not into a new pair', () => {
    expect(run(toggleBold, 'Sea **urchins|** graze')).toBe('Sea **urchins**| graze');
    expect(run(toggleItalic, 'Sea *kelp|*')).toBe('Sea *kelp*|');
    expect(run(toggleInlineCode, 'run `npm|`')).toBe('run `npm`|');
  });

  it('a cursor inside a word formats the word, and inside formatted text unformats it', () => {
    expect(run(toggleBold, 'a wo|rd here')).toBe('a **wo|rd** here');
    expect(run(toggleItalic, 'a wo|rd here')).toBe('a *wo|rd* here');
    expect(run(toggleInlineCode, 'a wo|rd here')).toBe('a `wo|rd` here');
    expect(run(toggleBold, 'a **wo|rd** here')).toBe('a wo|rd here');
    expect(run(toggleBold, 'a **two wo|rds** here')).toBe('a two wo|rds here');
    expect(run(toggleInlineCode, 'a `co|de` here')).toBe('a co|de here');
  });

  it('italic recognises underscores, and bold inside italic is a style of its own', () => {
    expect(run(toggleItalic, 'a _wo|rd_ here')).toBe('a wo|rd here');
    expect(run(toggleItalic, 'a «_word_» here')).toBe('a «word» here');
    expect(run(toggleItalic, 'a _«word»_ here')).toBe('a «word» here');
    expect(run(toggleBold, 'a __wo|rd__ here')).toBe('a wo|rd here');
    expect(run(toggleItalic, 'a **«word»** here')).toBe('a ***«word»*** here');
    expect(run(toggleItalic, 'a ***wo|rd*** here')).toBe('a **wo|rd** here');
  });

  it('markers hug the words of a selection, not the spaces around them', () => {
    expect(run(toggleBold, 'a «word »here')).toBe('a **«word»** here');
  });

  it('link puts the cursor where the writer types next', () => {
    expect(run(insertLink, 'see «the tide table»')).toBe('see [the tide table](|)');
    expect(run(insertLink, 'see «https://example.org»')).toBe('see [|](https://example.org)');
    expect(run(insertLink, 'see |')).toBe('see [|]()');
  });

  it('headings set, change and remove the level of every selected line', () => {
    expect(run(setHeading(2), 'Res|ults')).toBe('## Res|ults');
    expect(run(setHeading(3), '## Res|ults')).toBe('### Res|ults');
    expect(run(setHeading(2), '## Res|ults')).toBe('Res|ults');
    expect(run(setHeading(1), '«one\ntwo»')).toBe('# «one\n# two»');
  });

  it('quote and list prefixes toggle on all selected lines, skipping blank ones', () => {
    expect(run(toggleQuote, '«a\n\nb»')).toBe('> «a\n\n> b»');
    expect(run(toggleQuote, '> «a\n> b»')).toBe('«a\nb»');
    expect(run(toggleBulletList, 'milk|')).toBe('- milk|');
  });

  it('on an empty line the cursor lands after the new marker', () => {
    expect(run(toggleBulletList, 'a\n\n|')).toBe('a\n\n- |');
    expect(run(toggleQuote, '|')).toBe('> |');
    expect(run(toggleQuote, '> |')).toBe('|');
  });
});

describe('minimalChange', () => {
  it('replaces only the part that differs', () => {
    expect(minimalChange('title: A\nbody', 'title: Abc\nbody')).toEqual({ from: 8, to: 8, insert: 'bc' });
    expect(minimalChange('same', 'same')).toBeNull();
    expect(minimalChange('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' });
  });

  it('always produces the target text', () => {
    const pairs = [['', 'x'], ['x', ''], ['abcabc', 'abc'], ['abc', 'abcabc'], ['hello world', 'hello brave world']];
    for (const [from = '', to = ''] of pairs) {
      const change = minimalChange(from, to);
      const result = change ? from.slice(0, change.from) + change.insert + from.slice(change.to) : from;
      expect(result).toBe(to);
    }
  });
});

describe('Enter in lists', () => {
  it('ends a list with a blank line when the item is empty', () => {
    expect(run(endListOnEmptyItem, '1. a\n2. |')).toBe('1. a\n\n|');
    expect(run(endListOnEmptyItem, '- a\n- [ ] |')).toBe('- a\n\n|');
  });

  it('leaves other lines to the usual list continuation', () => {
    let state = stateOf('- a|');
    expect(endListOnEmptyItem({ state, dispatch: (tr) => (state = tr.state) })).toBe(false);
    state = stateOf('  - |');
    expect(endListOnEmptyItem({ state, dispatch: (tr) => (state = tr.state) })).toBe(false);
  });
});
