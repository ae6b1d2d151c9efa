/// Live mode's drawn tables and display math on a bare EditorState: found once, kept up to
/// date by typing near them, and shown only where the cursor is not.
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, type DecorationSet } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { displayMath } from '../../../renderer/editor/extensions/live/display-math';
import { liveTables } from '../../../renderer/editor/extensions/live/tables';

const DOC = 'Intro.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n$$\nx^2\n$$\n\n```\n| not | a table |\n| --- | --- |\n```\n\nEnd.';

function drawn(state: EditorState): string[] {
  const found: string[] = [];
  for (const source of state.facet(EditorView.decorations)) {
    if (typeof source === 'function') continue;
    (source as DecorationSet).between(0, state.doc.length, (from, to) => void found.push(state.sliceDoc(from, to).split('\n')[0] ?? ''));
  }
  return found;
}

const create = (cursor: number) =>
  EditorState.create({ doc: DOC, selection: EditorSelection.cursor(cursor), extensions: [markdown({ base: markdownLanguage }), liveTables(), displayMath()] });

describe('live blocks', () => {
  it('draws the table and the formula, not a table inside code', () => {
    expect(drawn(create(0)).sort()).toEqual(['$$', '| A | B |']);
  });

  it('shows the markdown of the block holding the cursor', () => {
    expect(drawn(create(DOC.indexOf('| 1 |') + 2))).toEqual(['$$']);
  });

  it('keeps up with typing: a row added, a table broken, a table made', () => {
    let state = create(0);
    const end = DOC.indexOf('| 1 | 2 |') + '| 1 | 2 |'.length;
    state = state.update({ changes: { from: end, insert: '\n| 3 | 4 |' }, selection: EditorSelection.cursor(0), userEvent: 'input.type' }).state;
    expect(drawn(state)).toContain('| A | B |');
    state = state.update({ changes: { from: DOC.indexOf('| --- | --- |'), to: DOC.indexOf('| --- | --- |') + 1, insert: 'x' }, userEvent: 'input.type' }).state;
    expect(drawn(state)).toEqual(['$$']);
    const at = state.doc.toString().indexOf('End.');
    state = state.update({ changes: { from: at, insert: '| C |\n| --- |\n| 5 |\n\n' }, selection: EditorSelection.cursor(0), userEvent: 'input.type' }).state;
    expect(drawn(state).sort()).toEqual(['$$', '| C |']);
  });
});
