/// Markdown formatting commands. They work on every selection range, toggle off when the
/// text is already formatted, and are plain StateCommands so tests need no DOM.
import { EditorSelection, type ChangeSpec, type EditorState, type StateCommand } from '@codemirror/state';
import { BOLD, CODE, ITALIC, STRIKETHROUGH, toggleInline } from './inline-toggle';

export const toggleBold = toggleInline(BOLD);
export const toggleItalic = toggleInline(ITALIC);
export const toggleInlineCode = toggleInline(CODE);
export const toggleStrikethrough = toggleInline(STRIKETHROUGH);

/// `[text](url)` around the selection, with the cursor placed where typing continues:
/// in the URL when there is text, in the text when there is none.
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const changes = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    const looksLikeUrl = /^https?:\/\/\S+$/.test(text);
    const insert = looksLikeUrl ? `[](${text})` : `[${text}]()`;
    const cursor = looksLikeUrl ? range.from + 1 : text ? range.from + text.length + 3 : range.from + 1;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(cursor) };
  });
  dispatch(state.update(changes, { scrollIntoView: true, userEvent: 'input.format' }));
  return true;
};

/// Sets the heading level of every selected line; the same level again makes it a paragraph.
export function setHeading(level: 1 | 2 | 3 | 4 | 5 | 6): StateCommand {
  return ({ state, dispatch }) => {
    const changes: ChangeSpec[] = [];
    for (const line of selectedLines(state)) {
      const match = /^(#{1,6})[ \t]+/.exec(line.text);
      const prefix = '#'.repeat(level) + ' ';
      if (match && match[1]?.length === level) changes.push({ from: line.from, to: line.from + match[0].length });
      else changes.push({ from: line.from, to: line.from + (match?.[0].length ?? 0), insert: prefix });
    }
    dispatch(state.update({ changes, scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

/// Toggles a line prefix such as `> ` or `- ` on every selected line.
export function toggleLinePrefix(prefix: string): StateCommand {
  return ({ state, dispatch }) => {
    const lines = selectedLines(state).filter((line) => line.text.trim() !== '' || state.selection.main.empty);
    const allHave = lines.length > 0 && lines.every((line) => line.text.startsWith(prefix));
    const changes = state.changes(
      lines.map((line) => (allHave ? { from: line.from, to: line.from + prefix.length } : { from: line.from, insert: prefix })),
    );
    // A cursor at the start of the line ends up after the new marker, where the writer types.
    const ranges = state.selection.ranges.map((range) => (range.empty ? EditorSelection.cursor(changes.mapPos(range.head, 1)) : range.map(changes)));
    const selection = EditorSelection.create(ranges, state.selection.mainIndex);
    dispatch(state.update({ changes, selection, scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

export const toggleQuote = toggleLinePrefix('> ');
export const toggleBulletList = toggleLinePrefix('- ');

function selectedLines(state: EditorState) {
  const seen = new Set<number>();
  const lines = [];
  for (const range of state.selection.ranges) {
    for (let pos = range.from; pos <= range.to; ) {
      const line = state.doc.lineAt(pos);
      if (!seen.has(line.number)) {
        seen.add(line.number);
        lines.push(line);
      }
      pos = line.to + 1;
    }
  }
  return lines;
}
