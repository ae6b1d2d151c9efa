/// Pipe tables that keep themselves tidy: Tab and Shift+Tab move between cells, Enter adds a
/// row, and the columns re-align as you type. Only the table under the cursor is read.
import { EditorSelection, EditorState, Prec, type Extension, type StateCommand, type TransactionSpec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { alignTable, emptyRow, isDelimiterRow, isTableRow, rowCells } from '../commands/table-format';
import { contextAt } from './syntax-context';

interface TableAt {
  from: number;
  to: number;
  firstLine: number;
  lines: string[];
}

/// The pipe table holding `pos`: consecutive `|` lines with a delimiter row second.
export function tableAt(state: EditorState, pos: number): TableAt | null {
  const here = state.doc.lineAt(pos);
  if (!isTableRow(here.text) || contextAt(state, here.from) === 'code') return null;
  let first = here.number;
  let last = here.number;
  while (first > 1 && isTableRow(state.doc.line(first - 1).text)) first--;
  while (last < state.doc.lines && isTableRow(state.doc.line(last + 1).text)) last++;
  if (last === first || !isDelimiterRow(state.doc.line(first + 1).text)) return null;
  const lines: string[] = [];
  for (let number = first; number <= last; number++) lines.push(state.doc.line(number).text);
  return { from: state.doc.line(first).from, to: state.doc.line(last).to, firstLine: first, lines };
}

/// Offsets of each line's start inside the joined table text.
function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/// Selects the text of cell `column` in `row` of the laid-out table (the cursor inside an empty one).
function cellSelection(table: TableAt, lines: string[], row: number, column: number) {
  const line = lines[row] ?? '';
  const cell = rowCells(line)[column] ?? { from: line.length, to: line.length };
  const raw = line.slice(cell.from, cell.to);
  const start = cell.from + (raw.length - raw.trimStart().length);
  const text = raw.trim();
  const base = table.from + (lineStarts(lines)[row] ?? 0);
  return text ? EditorSelection.range(base + start, base + start + text.length) : EditorSelection.cursor(base + Math.min(cell.from + 1, line.length));
}

function currentCell(table: TableAt, state: EditorState): { row: number; column: number } {
  const line = state.doc.lineAt(state.selection.main.head);
  const row = line.number - table.firstLine;
  const offset = state.selection.main.head - line.from;
  const cells = rowCells(line.text);
  const column = cells.findIndex((cell) => offset >= cell.from && offset <= cell.to);
  return { row, column: column < 0 ? (offset < (cells[0]?.from ?? 0) ? 0 : cells.length - 1) : column };
}

export function moveCell(direction: 1 | -1): StateCommand {
  return ({ state, dispatch }) => {
    if (state.selection.ranges.length > 1) return false;
    const table = tableAt(state, state.selection.main.head);
    if (!table) return false;
    let { lines } = alignTable(table.lines);
    let { row, column } = currentCell(table, state);
    const columns = rowCells(lines[0] ?? '').length;
    column += direction;
    if (column >= columns) [row, column] = [row + 1, 0];
    if (column < 0) [row, column] = [row - 1, columns - 1];
    if (row === 1) row += direction; // the delimiter row holds no text
    if (row < 0) return true;
    if (row >= lines.length) lines = alignTable([...lines, emptyRow(columns, /^\s*/.exec(lines[0] ?? '')?.[0])]).lines;
    const text = lines.join(state.lineBreak);
    dispatch(state.update({ changes: { from: table.from, to: table.to, insert: text }, selection: cellSelection(table, lines, row, column), scrollIntoView: true, userEvent: 'input.table' }));
    return true;
  };
}

/// Enter in a cell adds an empty row below and moves into its first cell. After the row's
/// last pipe it is a plain new line, for writers who type the pipes themselves.
export const addRowBelow: StateCommand = ({ state, dispatch }) => {
  if (state.selection.ranges.length > 1 || !state.selection.main.empty) return false;
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  if (line.text.slice(head - line.from).trim() === '' && /\|\s*$/.test(line.text.slice(0, head - line.from))) return false;
  const table = tableAt(state, head);
  if (!table) return false;
  const { lines } = alignTable(table.lines);
  const { row } = currentCell(table, state);
  const columns = rowCells(lines[0] ?? '').length;
  const at = Math.max(row, 1) + 1;
  lines.splice(at, 0, emptyRow(columns, /^\s*/.exec(lines[0] ?? '')?.[0]));
  const aligned = alignTable(lines).lines;
  dispatch(state.update({ changes: { from: table.from, to: table.to, insert: aligned.join(state.lineBreak) }, selection: cellSelection(table, aligned, at, 0), scrollIntoView: true, userEvent: 'input.table' }));
  return true;
};

/// A two-column table with the cursor in its first heading.
export const insertTable: StateCommand = ({ state, dispatch }) => {
  const line = state.doc.lineAt(state.selection.main.head);
  const lines = ['| Heading | Heading |', '| ------- | ------- |', '|         |         |'];
  const before = line.text.trim() === '' ? '' : state.lineBreak + state.lineBreak;
  const from = line.text.trim() === '' ? line.from : line.to;
  const insert = before + lines.join(state.lineBreak) + state.lineBreak;
  const start = from + before.length + 2;
  dispatch(state.update({ changes: { from, to: line.text.trim() === '' ? line.to : from, insert }, selection: EditorSelection.range(start, start + 'Heading'.length), scrollIntoView: true, userEvent: 'input.table' }));
  return true;
};

/// Re-aligns the table being typed in, in the same transaction as the keystroke, so one undo
/// takes back the key and its padding together.
const alignAsYouType = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || !(tr.isUserEvent('input.type') || tr.isUserEvent('delete')) || tr.newSelection.ranges.length > 1) return tr;
  const head = tr.newSelection.main.head;
  if (!isTableRow(tr.newDoc.lineAt(head).text)) return tr;
  const state = tr.state;
  const table = tableAt(state, head);
  if (!table) return tr;
  const line = state.doc.lineAt(head);
  if (isDelimiterRow(line.text)) return tr;
  const { lines, cursorOffset } = alignTable(table.lines, { row: line.number - table.firstLine, offset: head - line.from });
  const text = lines.join(state.lineBreak);
  if (cursorOffset === undefined || text === state.sliceDoc(table.from, table.to)) return tr;
  const spec: TransactionSpec = { changes: { from: table.from, to: table.to, insert: text }, sequential: true };
  spec.selection = EditorSelection.cursor(table.from + (lineStarts(lines)[line.number - table.firstLine] ?? 0) + cursorOffset);
  return [tr, spec];
});

/// A `|` typed where only padding is left in the cell steps over the cell's closing pipe.
const stepOverPipe = EditorView.inputHandler.of((view, from, to, text) => {
  if (text !== '|' || from !== to || view.state.selection.ranges.length > 1) return false;
  const line = view.state.doc.lineAt(from);
  const rest = /^ *\|/.exec(line.text.slice(from - line.from));
  if (!rest || !tableAt(view.state, from)) return false;
  view.dispatch({ selection: EditorSelection.cursor(from + rest[0].length), userEvent: 'select' });
  return true;
});

export function tables(): Extension {
  return [
    alignAsYouType,
    stepOverPipe,
    Prec.highest(
      keymap.of([
        { key: 'Tab', run: moveCell(1) },
        { key: 'Shift-Tab', run: moveCell(-1) },
        { key: 'Enter', run: addRowBelow },
      ]),
    ),
  ];
}
