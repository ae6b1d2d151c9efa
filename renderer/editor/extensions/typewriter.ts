/// Typewriter scrolling: the line being written stays in the middle of the window.
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

export function typewriterScrolling(): Extension {
  return [
    EditorState.transactionExtender.of((tr) =>
      tr.isUserEvent('input') || tr.isUserEvent('delete') || (tr.selection && tr.isUserEvent('select'))
        ? { effects: EditorView.scrollIntoView(tr.newSelection.main.head, { y: 'center' }) }
        : null,
    ),
    // Room above the first line so it too can sit in the middle.
    EditorView.theme({ '.cm-content': { paddingTop: '40vh' } }),
  ];
}
