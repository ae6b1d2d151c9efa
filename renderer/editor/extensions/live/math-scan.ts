/// Finds `$…$` math in one line by the preview's rule (pandoc's): the opening `$` is followed
/// by a non-space, the closing one follows a non-space and is not followed by a digit, so
/// "$5 and $10" stays text. `$$…$$` on one line is display math.

export interface MathSpan {
  from: number;
  to: number;
  tex: string;
  display: boolean;
}

export function findInlineMath(line: string): MathSpan[] {
  const spans: MathSpan[] = [];
  let i = 0;
  while (i < line.length) {
    const open = line.indexOf('$', i);
    if (open < 0) break;
    if (open > 0 && line[open - 1] === '\\') {
      i = open + 1;
      continue;
    }
    const display = line[open + 1] === '$';
    const marker = display ? '$$' : '$';
    const start = open + marker.length;
    if (!display && (start >= line.length || /\s/.test(line[start] ?? ''))) {
      i = start;
      continue;
    }
    let close = line.indexOf(marker, start);
    while (close > 0 && line[close - 1] === '\\') close = line.indexOf(marker, close + 1);
    const tex = close < 0 ? '' : line.slice(start, close);
    const valid = close > start && (display || (!/\s/.test(line[close - 1] ?? '') && !/\d/.test(line[close + 1] ?? '')));
    if (!valid) {
      i = start;
      continue;
    }
    spans.push({ from: open, to: close + marker.length, tex, display });
    i = close + marker.length;
  }
  return spans;
}
