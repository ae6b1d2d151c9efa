/// Live mode: `$…$` away from the cursor shows the typeset formula. Only visible lines are
/// read; math inside code stays code.
import type { Extension, Range } from '@codemirror/state';
import { Decoration, type DecorationSet, type EditorView } from '@codemirror/view';
import { contextAt } from '../syntax-context';
import { touchesSelection } from './active-lines';
import { MathWidget } from './katex-widget';
import { findInlineMath } from './math-scan';
import { viewDecorations } from './view-decorations';

function build(view: EditorView): DecorationSet {
  const { state } = view;
  const widgets: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = state.doc.lineAt(pos);
      // Lines that are only `$$…$$` are display blocks (display-math.ts).
      if (line.text.includes('$') && !/^\s*\$\$/.test(line.text) && !touchesSelection(state.doc, state.selection, line.from, line.to)) {
        for (const span of findInlineMath(line.text)) {
          const start = line.from + span.from;
          if (contextAt(state, start + 1) !== 'code') widgets.push(Decoration.replace({ widget: new MathWidget(span.tex, false) }).range(start, line.from + span.to));
        }
      }
      pos = line.to + 1;
    }
  }
  return Decoration.set(widgets, true);
}

export function inlineMath(): Extension {
  return viewDecorations(build);
}
