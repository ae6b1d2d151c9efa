/// Inside fenced code, Enter keeps the code's indentation, which is right for code but
/// would leave a closing fence typed after an indented line indented too, and four spaces
/// before ``` do not close the block. Typing the last character of a closing fence lines it
/// up with the opening fence, as a writer expects.
import { syntaxTree } from '@codemirror/language';
import { EditorSelection, type EditorState, type Extension, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

const FENCE_LINE = /^([ \t]+)(`{3,}|~{3,})[ \t]*$/;
const OPEN_FENCE = /^([ \t]*)(`{3,}|~{3,})/;

/// The change that lines up a closing fence being typed, or null when `text` does not finish one.
export function alignClosingFence(state: EditorState, from: number, to: number, text: string): TransactionSpec | null {
  if (!/^[`~]+$/.test(text)) return null;
  const line = state.doc.lineAt(from);
  if (to > line.to) return null;
  const typed = line.text.slice(0, from - line.from) + text + line.text.slice(to - line.from);
  const closing = FENCE_LINE.exec(typed);
  if (!closing) return null;
  let block = syntaxTree(state).resolveInner(line.from, 1);
  while (block.name !== 'FencedCode' && block.parent) block = block.parent;
  if (block.name !== 'FencedCode' || block.from >= line.from) return null;
  const opening = OPEN_FENCE.exec(state.doc.lineAt(block.from).text);
  const [, indent = '', fence = ''] = closing;
  if (!opening || opening[2]?.[0] !== fence[0] || fence.length < (opening[2]?.length ?? 0) || opening[1] === indent) return null;
  const wanted = opening[1] ?? '';
  const cursor = from - line.from + text.length - indent.length + wanted.length;
  return {
    changes: { from: line.from, to: line.to, insert: wanted + typed.slice(indent.length) },
    selection: EditorSelection.cursor(line.from + Math.max(wanted.length, cursor)),
    userEvent: 'input.type',
  };
}

export function closingFenceAlignment(): Extension {
  return EditorView.inputHandler.of((view, from, to, text) => {
    const spec = alignClosingFence(view.state, from, to, text);
    if (spec) view.dispatch(spec);
    return spec !== null;
  });
}
