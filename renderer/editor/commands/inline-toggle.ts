/// Bold, italic, code and strikethrough toggle the way a word processor's buttons do:
/// formatted text is unformatted, a cursor inside a word formats the word, a cursor at the
/// end of formatted text steps out of it, and an empty pair pressed again goes away.
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import { CharCategory, EditorSelection, type EditorState, type SelectionRange, type StateCommand } from '@codemirror/state';

type SyntaxNode = ReturnType<ReturnType<typeof syntaxTree>['resolveInner']>;

export interface InlineStyle {
  /// What the command inserts.
  marker: string;
  /// Every marker that means the same (`_` for italic too), longest first.
  markers: string[];
  /// The markdown syntax node for this style.
  node: string;
}

export const BOLD: InlineStyle = { marker: '**', markers: ['**', '__'], node: 'StrongEmphasis' };
export const ITALIC: InlineStyle = { marker: '*', markers: ['*', '_'], node: 'Emphasis' };
export const CODE: InlineStyle = { marker: '`', markers: ['`'], node: 'InlineCode' };
export const STRIKETHROUGH: InlineStyle = { marker: '~~', markers: ['~~'], node: 'Strikethrough' };

type Result = ReturnType<Parameters<EditorState['changeByRange']>[0]>;

export function toggleInline(style: InlineStyle): StateCommand {
  return ({ state, dispatch }) => {
    const changes = state.changeByRange((range) => toggleRange(state, style, range));
    dispatch(state.update(changes, { scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

function toggleRange(state: EditorState, style: InlineStyle, range: SelectionRange): Result {
  const span = enclosingSpan(state, style, range);
  if (span) {
    // Just typed the formatted text: step out and keep typing plain.
    if (range.empty && range.head === span.closeFrom) return { range: EditorSelection.cursor(span.to) };
    const changes = state.changes([
      { from: span.from, to: span.openTo },
      { from: span.closeFrom, to: span.to },
    ]);
    return { changes, range: range.map(changes) };
  }
  const around = markerAround(state, style, range);
  if (around) {
    const changes = state.changes([
      { from: range.from - around.length, to: range.from },
      { from: range.to, to: range.to + around.length },
    ]);
    return { changes, range: range.map(changes) };
  }
  const text = state.sliceDoc(range.from, range.to);
  const inside = style.markers.find((m) => text.length > m.length * 2 && text.startsWith(m) && text.endsWith(m));
  if (inside) {
    const changes = state.changes([
      { from: range.from, to: range.from + inside.length },
      { from: range.to - inside.length, to: range.to },
    ]);
    return { changes, range: EditorSelection.range(range.from, range.to - inside.length * 2) };
  }
  const target = range.empty ? (wordAround(state, range.head) ?? range) : trimmed(state, range);
  const changes = state.changes([
    { from: target.from, insert: style.marker },
    { from: target.to, insert: style.marker },
  ]);
  if (range.empty) return { changes, range: EditorSelection.cursor(range.head + style.marker.length) };
  return { changes, range: EditorSelection.range(target.from + style.marker.length, target.to + style.marker.length) };
}

interface Span {
  from: number;
  openTo: number;
  closeFrom: number;
  to: number;
}

/// The formatted span of this style that holds the selection, if any.
function enclosingSpan(state: EditorState, style: InlineStyle, range: SelectionRange): Span | null {
  const tree = ensureSyntaxTree(state, range.to, 200) ?? syntaxTree(state);
  for (let node: SyntaxNode | null = tree.resolveInner(range.from, 1); node; node = node.parent) {
    if (node.name !== style.node) continue;
    const open = node.firstChild;
    const close = node.lastChild;
    if (!open || !close || open === close) return null;
    const span = { from: node.from, openTo: open.to, closeFrom: close.from, to: node.to };
    const within = range.empty ? range.head >= span.openTo && range.head <= span.closeFrom : range.from >= span.from && range.to <= span.to;
    return within ? span : null;
  }
  return null;
}

/// A marker right before and after the selection (also an empty pair around a cursor).
function markerAround(state: EditorState, style: InlineStyle, range: SelectionRange): string | null {
  for (const marker of style.markers) {
    const before = state.sliceDoc(range.from - marker.length, range.from);
    const after = state.sliceDoc(range.to, range.to + marker.length);
    // Part of a longer run (`**` seen as two `*`) is another style's marker.
    const longer = state.sliceDoc(range.from - marker.length - 1, range.from - marker.length) === marker[0] || state.sliceDoc(range.to + marker.length, range.to + marker.length + 1) === marker[0];
    if (before === marker && after === marker && !longer) return marker;
  }
  return null;
}

/// The word a cursor is strictly inside; a cursor at a word's edge formats what comes next.
function wordAround(state: EditorState, pos: number): { from: number; to: number } | null {
  const isWord = state.charCategorizer(pos);
  const line = state.doc.lineAt(pos);
  const at = (offset: number) => isWord(line.text.charAt(offset)) === CharCategory.Word;
  const offset = pos - line.from;
  if (offset === 0 || offset === line.length || !at(offset - 1) || !at(offset)) return null;
  let start = offset;
  let end = offset;
  while (start > 0 && at(start - 1)) start--;
  while (end < line.length && at(end)) end++;
  return { from: line.from + start, to: line.from + end };
}

/// `**word **` is not bold in markdown: the markers hug the text, not the spaces around it.
function trimmed(state: EditorState, range: SelectionRange): { from: number; to: number } {
  const text = state.sliceDoc(range.from, range.to);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  if (lead === text.length) return range;
  return { from: range.from + lead, to: range.to - trail };
}
