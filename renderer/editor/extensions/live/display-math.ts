/// Live mode: a `$$` block away from the cursor shows the typeset formula.
import type { Extension, Text } from '@codemirror/state';
import { blockWidgets, type Block } from './block-field';
import { MathWidget } from './katex-widget';

const MAX_LINES = 60;

function scan(doc: Text, first: number, last: number, inCode: (pos: number) => boolean): Block[] {
  const blocks: Block[] = [];
  for (let number = first; number <= last; number++) {
    const line = doc.line(number);
    const text = line.text.trim();
    if (!text.startsWith('$$')) continue;
    let end = -1;
    if (text.length > 4 && text.endsWith('$$')) end = number;
    else {
      for (let next = number + 1; next <= Math.min(doc.lines, number + MAX_LINES); next++) {
        if (doc.line(next).text.trim().endsWith('$$')) {
          end = next;
          break;
        }
      }
    }
    if (end < 0) continue;
    const to = doc.line(end).to;
    const source = doc.sliceString(line.from, to).trim();
    if (!inCode(line.from)) blocks.push({ from: line.from, to, widget: new MathWidget(source.slice(2, -2).trim(), true) });
    number = end;
  }
  return blocks;
}

export function displayMath(): Extension {
  return blockWidgets(scan);
}
