/// A framework-free editor: one EditorView, one EditorState per open post so undo history
/// survives switching posts.
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { postwrightExtensions } from './extensions';

export interface EditorOptions {
  parent: HTMLElement;
  onDocChanged: (text: string, update: ViewUpdate) => void;
  extensions?: Extension[];
}

export interface Editor {
  readonly view: EditorView;
  /// Shows `id`; reuses its earlier state (history, selection) when `text` still matches.
  open(id: string, text: string): void;
  /// Replaces the whole text of the open post as one undoable change (e.g. outside edits).
  replaceText(text: string): void;
  text(): string;
  focus(): void;
  forget(id: string): void;
  destroy(): void;
}

export function createEditor(options: EditorOptions): Editor {
  const states = new Map<string, EditorState>();
  let currentId: string | null = null;
  const extensions = [
    postwrightExtensions(options.extensions),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onDocChanged(update.state.doc.toString(), update);
    }),
  ];
  const view = new EditorView({ parent: options.parent, state: EditorState.create({ doc: '', extensions }) });

  return {
    view,
    open(id, text) {
      if (currentId !== null) states.set(currentId, view.state);
      currentId = id;
      const cached = states.get(id);
      view.setState(cached && cached.doc.toString() === text ? cached : EditorState.create({ doc: text, extensions }));
    },
    replaceText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.replace' });
    },
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    forget: (id) => void states.delete(id),
    destroy() {
      states.clear();
      view.destroy();
    },
  };
}
