/// Enter on an empty quote line, and a closing fence typed after indented code.
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { alignClosingFence } from '../../../renderer/editor/extensions/code-fence';
import { endQuoteOnEmptyLine } from '../../../renderer/editor/extensions/markdown';

function stateAt(marked: string): EditorState {
  const cursor = marked.indexOf('|');
  return EditorState.create({
    doc: marked.replace('|', ''),
    selection: EditorSelection.cursor(cursor),
    extensions: markdown({ base: markdownLanguage }),
  });
}

function show(state: EditorState): string {
  const doc = state.doc.toString();
  const at = state.selection.main.head;
  return `${doc.slice(0, at)}|${doc.slice(at)}`;
}

/// Types `char` at the cursor the way the editor's input handler sees it.
function typeChar(marked: string, char: string): string {
  const state = stateAt(marked);
  const at = state.selection.main.head;
  const spec = alignClosingFence(state, at, at, char);
  const next = spec ? state.update(spec).state : state.update({ changes: { from: at, insert: char }, selection: { anchor: at + 1 } }).state;
  return show(next);
}

describe('Enter on an empty quote line', () => {
  it('ends the quote with a blank line', () => {
    let state = stateAt('> Tides follow the moon.\n> |');
    expect(endQuoteOnEmptyLine({ state, dispatch: (tr) => (state = tr.state) })).toBe(true);
    expect(show(state)).toBe('> Tides follow the moon.\n\n|');
  });

  it('leaves quote lines with text, and code, to the usual Enter', () => {
    const dispatch = () => undefined;
    expect(endQuoteOnEmptyLine({ state: stateAt('> Tides|'), dispatch })).toBe(false);
    expect(endQuoteOnEmptyLine({ state: stateAt('```\n> |\n```'), dispatch })).toBe(false);
  });
});

describe('closing fence after indented code', () => {
  it('lines up with the opening fence when its last backtick is typed', () => {
    expect(typeChar('```python\ndef f():\n    return 1\n    ``|', '`')).toBe('```python\ndef f():\n    return 1\n```|');
    expect(typeChar('~~~\n  x\n  ~~|', '~')).toBe('~~~\n  x\n~~~|');
  });

  it('keeps the indent of a fence inside a list item', () => {
    expect(typeChar('- item\n\n  ```\n      code\n      ``|', '`')).toBe('- item\n\n  ```\n      code\n  ```|');
  });

  it('leaves backticks alone outside fenced code and in shorter runs', () => {
    expect(typeChar('text\n    ``|', '`')).toBe('text\n    ```|');
    expect(typeChar('````\n    code\n    ``|', '`')).toBe('````\n    code\n    ```|');
    expect(typeChar('```\n    a `|', '`')).toBe('```\n    a ``|');
  });
});
