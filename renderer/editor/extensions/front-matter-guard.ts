/// The front matter holds the title, date and status; typing must never break it by accident.
/// As in Typora and iA Writer, the metadata block sits above the text and the writer types
/// below it: an edit that would unmake the block (typing before the opening `---`, Backspace
/// at the start of the body, select-all and type) is moved to the start of the body, and
/// only the part of a deletion that lies in the body is kept. Edits inside the YAML that
/// leave both fences standing, undo/redo and outside replacements are left alone.
import { Annotation, EditorSelection, EditorState, Transaction, type ChangeSpec, type Extension, type Text } from '@codemirror/state';

/// Marks a change that may rewrite the front matter (outside edits, the Details panel).
export const trustedEdit = Annotation.define<boolean>();

const OPEN_FENCE = /^\uFEFF?---[ \t]*$/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

export interface FrontMatterRange {
  /// Offset just after the closing fence line (after its line break when it has one).
  bodyStart: number;
  /// The closing fence is the last line, with no line break after it.
  closedAtEnd: boolean;
}

/// Where the front matter ends, or null when the text has none (same fences as shared/frontmatter).
export function frontMatterRange(doc: Text): FrontMatterRange | null {
  if (doc.lines < 2 || !OPEN_FENCE.test(doc.line(1).text)) return null;
  for (let n = 2; n <= doc.lines; n++) {
    const line = doc.line(n);
    if (CLOSE_FENCE.test(line.text)) {
      const closedAtEnd = n === doc.lines;
      return { bodyStart: closedAtEnd ? line.to : line.to + 1, closedAtEnd };
    }
  }
  return null;
}

/// Where the cursor goes when a post is opened: the first written line of the body, or the
/// start of the body when it is still empty.
export function bodyCursor(doc: Text): number {
  const range = frontMatterRange(doc);
  if (!range) return 0;
  if (range.closedAtEnd) return range.bodyStart;
  for (let pos = range.bodyStart; pos <= doc.length; ) {
    const line = doc.lineAt(pos);
    if (line.text.trim() !== '') return line.from;
    if (line.to === doc.length) break;
    pos = line.to + 1;
  }
  return range.bodyStart;
}

/// Typing, deleting, pasting and dropping; not undo/redo or programmatic changes.
function isUserEdit(event: string | undefined): boolean {
  return event !== undefined && /^(input|delete|move)\b/.test(event);
}

export function frontMatterGuard(): Extension {
  return EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.annotation(trustedEdit) || !isUserEdit(tr.annotation(Transaction.userEvent))) return tr;
    const before = frontMatterRange(tr.startState.doc);
    if (!before || frontMatterRange(tr.newDoc)) return tr;
    const start = before.bodyStart;
    const lead = before.closedAtEnd ? tr.startState.lineBreak : '';
    const changes: ChangeSpec[] = [];
    let inserted = 0;
    tr.changes.iterChanges((fromA, toA, _fromB, _toB, text) => {
      const insert = text.toString();
      const from = Math.max(fromA, start);
      const to = Math.max(toA, start);
      if (from === to && insert === '') return;
      changes.push({ from, to, insert: from === start && lead && inserted === 0 ? lead + insert : insert });
      inserted++;
    });
    if (changes.length === 0) return [];
    const changeSet = tr.startState.changes(changes);
    if (!frontMatterRange(changeSet.apply(tr.startState.doc))) return [];
    let cursor = start;
    changeSet.iterChanges((_fromA, _toA, _fromB, toB) => (cursor = Math.max(cursor, toB)));
    return { changes: changeSet, selection: EditorSelection.cursor(cursor), scrollIntoView: true, userEvent: tr.annotation(Transaction.userEvent) };
  });
}
