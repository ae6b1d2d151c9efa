/// Focus mode: every paragraph but the one being written fades back.
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

const dimmed = Decoration.line({ class: 'cm-dimmed' });

/// The run of non-blank lines around the cursor: the paragraph, list or block being written.
export function currentBlock(doc: EditorView['state']['doc'], pos: number): { from: number; to: number } {
  let first = doc.lineAt(pos);
  let last = first;
  if (first.text.trim() === '') return { from: first.from, to: first.to };
  while (first.number > 1 && doc.line(first.number - 1).text.trim() !== '') first = doc.line(first.number - 1);
  while (last.number < doc.lines && doc.line(last.number + 1).text.trim() !== '') last = doc.line(last.number + 1);
  return { from: first.from, to: last.to };
}

function decorate(view: EditorView): DecorationSet {
  const block = currentBlock(view.state.doc, view.state.selection.main.head);
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      if (line.to < block.from || line.from > block.to) builder.add(line.from, line.from, dimmed);
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const plugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.selectionSet || update.viewportChanged) this.decorations = decorate(update.view);
    }
  },
  { decorations: (value) => value.decorations },
);

const theme = EditorView.baseTheme({
  '.cm-line.cm-dimmed': { opacity: '0.3', transition: 'opacity 160ms ease' },
});

export function focusMode(): Extension {
  return [plugin, theme];
}
