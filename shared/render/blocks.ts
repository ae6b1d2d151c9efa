/// Which top-level blocks of a post an edit can have changed. Pure line arithmetic over the
/// old and new text and the old blocks' first lines, so the preview can re-render only those.
///
/// The reasoning that makes this safe: markdown-it parses top-level blocks one after another,
/// and where a block ends depends on its own lines and the lines after it up to a blank line.
/// So a block that starts after a blank line, before the first changed line, starts where it
/// did and the parse may restart there. Going forward, once the new parse reaches a block
/// start that lies in the unchanged tail and was also a block start before, everything from
/// there on is the old parse moved by the change in line count.

export interface SourceBlock {
  /// First source line, 0-based; the `data-line` of its element.
  start: number;
  /// Renders as one element carrying `data-line` (raw HTML blocks do not).
  anchored: boolean;
}

/// Offsets where each line starts. `text` uses `\n` line breaks only.
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/// Lines [from, oldTo) of the old text became lines [from, newTo) of the new one; the lines
/// before and after are the same in both.
export interface ChangedLines {
  from: number;
  oldTo: number;
  newTo: number;
}

export function changedLines(oldText: string, oldStarts: number[], newText: string, newStarts: number[]): ChangedLines | null {
  if (oldText === newText) return null;
  const shorter = Math.min(oldText.length, newText.length);
  const prefix = commonLength(shorter, (at, length) => oldText.slice(at, at + length) === newText.slice(at, at + length));
  const suffix = commonLength(shorter - prefix, (at, length) =>
    oldText.slice(oldText.length - at - length, oldText.length - at) === newText.slice(newText.length - at - length, newText.length - at),
  );

  const from = lineOf(oldStarts, prefix);
  // The first line that starts after a line break inside the common tail is the same line
  // in both texts, and so is every line after it.
  const tailStart = oldText.length - suffix;
  const breakAt = oldText.indexOf('\n', tailStart);
  const oldTo = breakAt === -1 ? oldStarts.length : lineOf(oldStarts, breakAt + 1);
  const newTo = oldTo + newStarts.length - oldStarts.length;
  return { from, oldTo: Math.max(oldTo, from), newTo: Math.max(newTo, from) };
}

/// How many characters from the start (or end) the texts share, up to `max`. Comparing slices
/// in shrinking steps is some hundred times faster than a loop over characters.
function commonLength(max: number, same: (at: number, length: number) => boolean): number {
  let length = 0;
  for (let step = 65536; step >= 1; step >>= 4) {
    while (length + step <= max && same(length, step)) length += step;
  }
  return length;
}

/// The 0-based line holding character `offset`.
function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export interface Window {
  /// Index of the first old block to re-render.
  first: number;
  /// The line the re-parse starts at: the same line in the old and the new text.
  startLine: number;
  /// The window begins at the top of the document.
  atStart: boolean;
}

/// Where the re-parse starts: at the last anchored block that starts before the first changed
/// line and after a blank line, or at the top of the document. The blank line matters: a
/// paragraph looks past the line that interrupts it (a table needs its delimiter row, display
/// math its closing `$$`), so a block is settled only when a blank line ended it.
export function windowStart(blocks: readonly SourceBlock[], change: ChangedLines, isBlank: (line: number) => boolean): Window {
  let first = lastStartingBefore(blocks, change.from);
  while (first > 0 && !(blocks[first]!.anchored && isBlank(blocks[first]!.start - 1))) first--;
  if (first <= 0) return { first: 0, startLine: 0, atStart: true };
  return { first, startLine: blocks[first]!.start, atStart: false };
}

function lastStartingBefore(blocks: readonly SourceBlock[], line: number): number {
  let low = -1;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (blocks[mid]!.start < line) low = mid;
    else high = mid - 1;
  }
  return low;
}

/// The old block at which a re-parse that has reached `newLine` (a top-level block start in
/// the new text) may stop, or -1 if it must go on: the line must lie in the unchanged tail
/// and have started an anchored block before the edit too.
export function resumeBlock(blocks: readonly SourceBlock[], change: ChangedLines, newLine: number): number {
  if (newLine < change.newTo) return -1;
  const oldLine = newLine - (change.newTo - change.oldTo);
  const index = lastStartingBefore(blocks, oldLine + 1);
  return index >= 0 && blocks[index]!.start === oldLine && blocks[index]!.anchored ? index : -1;
}

/// Where a first, cheaper re-parse may end: `ahead` blocks past the change. It counts only if
/// it stopped early enough (`stoppedInside`); otherwise the rest of the post is parsed.
export function parseBound(blocks: readonly SourceBlock[], change: ChangedLines, lineCount: number, ahead = 8): number {
  const index = lastStartingBefore(blocks, change.oldTo) + 1 + ahead;
  return index < blocks.length ? blocks[index]!.start + change.newTo - change.oldTo : lineCount;
}

/// Whether a parse of the lines before `bound` that stopped at the block start `stop` decided
/// the blocks before `stop` as a parse of the whole text would. The last of them may have
/// looked at `stop + 1` (a table's delimiter row) or on to the next blank line (display math).
export function stoppedInside(stop: number, bound: number, isBlank: (line: number) => boolean): boolean {
  if (stop + 2 > bound) return false;
  for (let line = stop; line < bound; line++) if (isBlank(line)) return true;
  return false;
}
