/// The lines the writer is on: live mode shows their markdown as typed.
import type { EditorSelection, Text } from '@codemirror/state';

/// True when [from, to] shares a line with any selection range.
export function touchesSelection(doc: Text, selection: EditorSelection, from: number, to: number): boolean {
  for (const range of selection.ranges) {
    const start = doc.lineAt(range.from).from;
    const end = doc.lineAt(range.to).to;
    if (start <= to && end >= from) return true;
  }
  return false;
}
