/// The lines the writer is on: live mode shows their markdown as typed.
import type { EditorState } from '@codemirror/state';

/// True when [from, to] shares a line with any selection range.
export function touchesSelection(state: EditorState, from: number, to: number): boolean {
  for (const range of state.selection.ranges) {
    const start = state.doc.lineAt(range.from).from;
    const end = state.doc.lineAt(range.to).to;
    if (start <= to && end >= from) return true;
  }
  return false;
}
