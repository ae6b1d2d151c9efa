/// Live mode: a pipe table away from the cursor is drawn as a table. Cells show their text
/// (built as DOM text, never as HTML); clicking the table puts the cursor back into its markdown.
import type { Extension, Text } from '@codemirror/state';
import { WidgetType } from '@codemirror/view';
import { isDelimiterRow, isTableRow, rowCells } from '../../commands/table-format';
import { blockWidgets, type Block } from './block-field';

const cellsOf = (line: string) => rowCells(line).map((cell) => line.slice(cell.from, cell.to).trim().replace(/\\\|/g, '|'));
const plain = (text: string) => text.replace(/(\*\*|__|~~|`)(.+?)\1/g, '$2').replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2');

class TableWidget extends WidgetType {
  constructor(readonly source: string) {
    super();
  }
  override eq(other: TableWidget) {
    return other.source === this.source;
  }
  toDOM() {
    const [head = '', delimiter = '', ...body] = this.source.split('\n');
    const align = cellsOf(delimiter).map((spec) => (spec.endsWith(':') ? (spec.startsWith(':') ? 'center' : 'right') : 'left'));
    const table = document.createElement('table');
    table.className = 'cm-live-table';
    const row = (line: string, tag: 'th' | 'td', parent: HTMLElement) => {
      const tr = document.createElement('tr');
      const cells = cellsOf(line);
      align.forEach((side, index) => {
        const cell = document.createElement(tag);
        cell.textContent = plain(cells[index] ?? '');
        cell.style.textAlign = side;
        tr.append(cell);
      });
      parent.append(tr);
    };
    const thead = table.createTHead();
    row(head, 'th', thead);
    const tbody = table.createTBody();
    for (const line of body) row(line, 'td', tbody);
    const wrap = document.createElement('div');
    wrap.className = 'cm-live-table-wrap';
    wrap.append(table);
    return wrap;
  }
  override ignoreEvent() {
    return false;
  }
}

function scan(doc: Text, first: number, last: number, inCode: (pos: number) => boolean): Block[] {
  const blocks: Block[] = [];
  for (let number = first; number <= last; number++) {
    const line = doc.line(number);
    if (!isTableRow(line.text) || number === doc.lines || !isDelimiterRow(doc.line(number + 1).text)) continue;
    if (number > 1 && isTableRow(doc.line(number - 1).text)) continue;
    let end = number + 1;
    while (end < doc.lines && isTableRow(doc.line(end + 1).text)) end++;
    if (!inCode(line.from)) {
      blocks.push({ from: line.from, to: doc.line(end).to, widget: new TableWidget(doc.sliceString(line.from, doc.line(end).to).replace(/\r/g, '')) });
    }
    number = end;
  }
  return blocks;
}

export function liveTables(): Extension {
  return blockWidgets(scan);
}
