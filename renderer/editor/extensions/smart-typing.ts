/// Smart typing: curly quotes, dashes and ellipses as you type, never in code, front matter,
/// URLs or math. The key lands first and the substitution follows as its own undo step, so
/// one Ctrl+Z gives back exactly what was typed.
import { isolateHistory } from '@codemirror/commands';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { inInlineMath, smartReplacement } from '../commands/smart-text';
import { contextAt } from './syntax-context';

export function smartTyping(): Extension {
  return EditorView.inputHandler.of((view, from, to, text, insert) => {
    const { state } = view;
    if (text.length !== 1 || from !== to || state.selection.ranges.length > 1 || view.composing) return false;
    const line = state.doc.lineAt(from);
    const before = state.sliceDoc(line.from, from);
    const replacement = smartReplacement(before, text);
    if (!replacement || inInlineMath(before) || contextAt(state, from) !== 'text') return false;
    view.dispatch(insert());
    const end = from + 1;
    view.dispatch({
      changes: { from: end - 1 - replacement.remove, to: end, insert: replacement.insert },
      annotations: isolateHistory.of('full'),
      userEvent: 'input.smart',
    });
    return true;
  });
}
