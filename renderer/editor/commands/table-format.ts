/// Pipe tables as pure text: split a row into cells, and lay a table out with every column
/// padded to its widest cell, so the pipes line up in the editor as they will in the post.

export interface Cell {
  /// Offsets of the cell's text inside its line (between the pipes, spaces included).
  from: number;
  to: number;
}

/// The cells of one table row; pipes inside code spans or escaped with `\` do not split.
export function rowCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let start = line.indexOf('|');
  if (start < 0) return cells;
  let inCode = false;
  for (let i = start + 1; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') i++;
    else if (char === '`') inCode = !inCode;
    else if (char === '|' && !inCode) {
      cells.push({ from: start + 1, to: i });
      start = i;
    }
  }
  // A row typed without its closing pipe still has a last cell.
  if (start < line.length - 1 && line.slice(start + 1).trim() !== '') cells.push({ from: start + 1, to: line.length });
  return cells;
}

export const isTableRow = (line: string): boolean => /^\s*\|/.test(line);
export const isDelimiterRow = (line: string): boolean => /^\s*\|(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/.test(line);

/// Where a cursor stands: `row` in the table, `offset` in that row's line.
export interface TableCursor {
  row: number;
  offset: number;
}

/// The table laid out with padded columns. The cell holding the cursor keeps what was typed
/// after its text up to the cursor (a space between two words being typed), so aligning never
/// eats a keystroke. Returns the new lines and the cursor's new offset in its row.
export function alignTable(lines: string[], cursor?: TableCursor): { lines: string[]; cursorOffset?: number } {
  const rows = lines.map((line, index) => {
    const cells = rowCells(line);
    return cells.map((cell) => {
      const raw = line.slice(cell.from, cell.to);
      let text = raw.trim();
      let cursorIn: number | undefined;
      if (cursor && cursor.row === index && cursor.offset >= cell.from && cursor.offset <= cell.to) {
        const lead = raw.length - raw.trimStart().length;
        const before = line.slice(cell.from + lead, cursor.offset);
        if (cursor.offset >= cell.from + lead) {
          if (before.length > text.length) text = before;
          cursorIn = before.length;
        } else cursorIn = 0;
      }
      return { text, cursorIn };
    });
  });
  const columns = Math.max(...rows.map((row) => row.length));
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) {
    widths.push(Math.max(3, ...rows.map((row, index) => (isDelimiterRow(lines[index] ?? '') ? 3 : (row[column]?.text.length ?? 0)))));
  }
  let cursorOffset: number | undefined;
  const out = rows.map((row, index) => {
    const line = lines[index] ?? '';
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    if (isDelimiterRow(line)) {
      const specs = row.map((cell) => cell.text);
      return indent + '|' + widths.map((width, column) => ` ${delimiter(specs[column] ?? '---', width)} |`).join('');
    }
    let text = indent + '|';
    widths.forEach((width, column) => {
      const cell = row[column] ?? { text: '', cursorIn: undefined };
      if (cell.cursorIn !== undefined) cursorOffset = text.length + 1 + cell.cursorIn;
      text += ` ${cell.text.padEnd(width)} |`;
    });
    return text;
  });
  return { lines: out, cursorOffset };
}

function delimiter(spec: string, width: number): string {
  const left = spec.startsWith(':');
  const right = spec.endsWith(':') && spec.length > 1;
  const dashes = '-'.repeat(Math.max(1, width - (left ? 1 : 0) - (right ? 1 : 0)));
  return (left ? ':' : '') + dashes + (right ? ':' : '');
}

/// An empty row with `columns` cells.
export const emptyRow = (columns: number, indent = ''): string => indent + '|' + '   |'.repeat(columns);
