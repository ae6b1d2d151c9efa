/// Tables on a bare EditorState: `^` marks the cursor (`|` is the table's own pipe).
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { EditorSelection, EditorState, type StateCommand, type Transaction } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { alignTable, rowCells } from '../../../renderer/editor/commands/table-format';
import { addRowBelow, insertTable, moveCell, tables } from '../../../renderer/editor/extensions/table';
import { EDITOR_COMMANDS } from '../../../renderer/editor/commands/catalog';

const stateOf = (marked: string) => {
  const at = marked.indexOf('^');
  return EditorState.create({
    doc: marked.replace('^', ''),
    selection: EditorSelection.cursor(at),
    extensions: [markdown({ base: markdownLanguage }), tables()],
  });
};
const show = (state: EditorState) => {
  const { from, to } = state.selection.main;
  const doc = state.doc.toString();
  return from === to ? doc.slice(0, from) + '^' + doc.slice(from) : doc.slice(0, from) + '«' + doc.slice(from, to) + '»' + doc.slice(to);
};
function run(command: StateCommand, state: EditorState): EditorState {
  let next = state;
  command({ state, dispatch: (tr: Transaction) => (next = tr.state) });
  return next;
}

describe('table layout', () => {
  it('pads every column to its widest cell and keeps the delimiter alignment', () => {
    expect(alignTable(['| a | long heading |', '|---|:-:|', '| wide cell | x |']).lines).toEqual([
      '| a         | long heading |',
      '| --------- | :----------: |',
      '| wide cell | x            |',
    ]);
  });

  it('never splits on a pipe in code or an escaped one', () => {
    const line = '| `a|b` | c \\| d |';
    expect(rowCells(line).map((cell) => line.slice(cell.from, cell.to).trim())).toEqual(['`a|b`', 'c \\| d']);
  });

  it('keeps the space just typed in the cursor cell, so two words can be typed', () => {
    const { lines, cursorOffset } = alignTable(['| Sea  |', '| --- |'], { row: 0, offset: 6 });
    expect(lines[0]).toBe('| Sea  |');
    expect(cursorOffset).toBe(6);
  });
});

describe('table editing', () => {
  const table = '| Species | Months |\n| --- | --- |\n| Ochre^ | 12 |';

  it('Tab moves to the next cell and selects its text; Shift+Tab goes back', () => {
    const next = run(moveCell(1), stateOf(table));
    expect(show(next)).toBe('| Species | Months |\n| ------- | ------ |\n| Ochre   | «12»     |');
    expect(show(run(moveCell(-1), next))).toBe('| Species | Months |\n| ------- | ------ |\n| «Ochre»   | 12     |');
  });

  it('Tab in the last cell adds a row and moves into it', () => {
    const next = run(moveCell(1), stateOf('| A | B |\n| --- | --- |\n| 1 | 2^ |'));
    expect(show(next)).toBe('| A   | B   |\n| --- | --- |\n| 1   | 2   |\n| ^    |     |');
  });

  it('Enter in a cell adds a row below the current one', () => {
    const next = run(addRowBelow, stateOf('| A | B |\n| --- | --- |\n| 1^ | 2 |\n| 3 | 4 |'));
    expect(show(next)).toBe('| A   | B   |\n| --- | --- |\n| 1   | 2   |\n| ^    |     |\n| 3   | 4   |');
  });

  it('Enter after the last pipe is a plain new line, for writers who type the pipes', () => {
    expect(run(addRowBelow, stateOf('| A | B |\n| --- | --- |\n| 1 | 2 |^')).doc.toString()).toBe('| A | B |\n| --- | --- |\n| 1 | 2 |');
  });

  it('typing in a cell re-aligns the table in the same undo step', () => {
    const state = stateOf('| A   | B   |\n| --- | --- |\n| 1^   | 2   |');
    const tr = state.update({ changes: { from: state.selection.main.head, insert: 'longer' }, selection: EditorSelection.cursor(state.selection.main.head + 6), userEvent: 'input.type' });
    expect(show(tr.state)).toBe('| A       | B   |\n| ------- | --- |\n| 1longer^ | 2   |');
  });

  it('the insert-table command puts the cursor on the first heading', () => {
    expect(EDITOR_COMMANDS.find((command) => command.id === 'insert.table')?.key).toBe('Mod-Alt-t');
    const next = run(insertTable, stateOf('Results:^'));
    expect(show(next)).toBe('Results:\n\n| «Heading» | Heading |\n| ------- | ------- |\n|         |         |\n');
  });
});

