/// Live mode: a `$$` block away from the cursor shows the typeset formula.
import type { EditorState, Extension } from '@codemirror/state';
import { contextAt } from '../syntax-context';
import { blockWidgets, type Block } from './block-field';
import { MathWidget } from './katex-widget';

const MAX_LINES = 60;

function scan(state: EditorState, first: number, last: number): Block[] {
  const blocks: Block[] = [];
  for (let number = first; number <= last; number++) {
    const line = state.doc.line(number);
    const text = line.text.trim();
    if (!text.startsWith('$$')) continue;
    let end = -1;
    if (text.length > 4 && text.endsWith('$$')) end = number;
    else {
      for (let next = number + 1; next <= Math.min(state.doc.lines, number + MAX_LINES); next++) {
        if (state.doc.line(next).text.trim().endsWith('$$')) {
          end = next;
          break;
        }
      }
    }
    if (end < 0) continue;
    const to = state.doc.line(end).to;
    const source = state.sliceDoc(line.from, to).trim();
    if (contextAt(state, line.from) !== 'code') blocks.push({ from: line.from, to, widget: new MathWidget(source.slice(2, -2).trim(), true) });
    number = end;
  }
  return blocks;
}

export function displayMath(): Extension {
  return blockWidgets(scan);
}
