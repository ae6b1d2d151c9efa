/// Auto-pairing of brackets, backticks and emphasis marks: the key lands, then its closing
/// mark follows as a separate undo step (one Ctrl+Z keeps what was typed). A selection is
/// wrapped instead; Backspace in an empty pair removes both halves. Never inside code.
import { isolateHistory } from '@codemirror/commands';
import { EditorSelection, Prec, type Extension, type StateCommand } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { CLOSING, pairAction } from '../commands/pairs';
import { contextAt } from './syntax-context';

const handleInput = EditorView.inputHandler.of((view, from, to, text, insert) => {
  const { state } = view;
  if (text.length !== 1 || state.selection.ranges.length > 1 || view.composing) return false;
  const close = CLOSING[text];
  if (from !== to) {
    if (close === undefined || contextAt(state, from) === 'code') return false;
    view.dispatch({
      changes: [{ from, insert: text }, { from: to, insert: close }],
      selection: EditorSelection.range(from + 1, to + 1),
      userEvent: 'input.type',
    });
    return true;
  }
  const line = state.doc.lineAt(from);
  const action = pairAction(state.sliceDoc(line.from, from), state.sliceDoc(from, line.to), text);
  if (!action) return false;
  // Stepping over a closing mark is fine anywhere: the inline code being closed is code.
  if (action.kind === 'pair' && contextAt(state, from) === 'code') return false;
  if (action.kind === 'step') {
    view.dispatch({ selection: EditorSelection.cursor(from + 1), userEvent: 'select' });
    return true;
  }
  view.dispatch(insert());
  view.dispatch({
    changes: { from: from + 1, insert: action.close },
    selection: EditorSelection.cursor(from + 1),
    annotations: isolateHistory.of('full'),
    userEvent: 'input.pair',
  });
  return true;
});

const deleteEmptyPair: StateCommand = ({ state, dispatch }) => {
  const { main } = state.selection;
  if (!main.empty || state.selection.ranges.length > 1 || main.head === 0) return false;
  const open = state.sliceDoc(main.head - 1, main.head);
  if (CLOSING[open] === undefined || state.sliceDoc(main.head, main.head + 1) !== CLOSING[open]) return false;
  dispatch(state.update({ changes: { from: main.head - 1, to: main.head + 1 }, userEvent: 'delete.backward', scrollIntoView: true }));
  return true;
};

export function autoPair(): Extension {
  return [handleInput, Prec.highest(keymap.of([{ key: 'Backspace', run: deleteEmptyPair }]))];
}
