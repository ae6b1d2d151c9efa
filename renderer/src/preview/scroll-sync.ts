/// Scroll sync, preview side. Source lines map to scroll positions through the `data-line` of
/// the article's top-level blocks: a block's lines span its element's box, the blank lines
/// after it the gap to the next one, and positions in between are interpolated. The title
/// area stands for the front matter. As on the editor side (renderer/editor/extensions/scroll-sync.ts), scrolling
/// is reported only while the writer drives this pane, never when it follows the editor.

import { ScrollIntent } from '../../scroll-intent';

export interface FileLines {
  /// Lines before the body (the front matter and its fences).
  bodyStart: number;
  /// Lines in the whole file.
  total: number;
  /// Whether a line of the body (0-based) is blank.
  isBlank(line: number): boolean;
}

// Frames after the writer's last scroll when the top line is reported again: the blocks
// scrolled into view are measured only once drawn, a frame or two after the scroll.
const SETTLE_FRAMES = 3;

interface Point {
  line: number;
  y: number;
}

export class PreviewScroll {
  private readonly intent: ScrollIntent;
  private reportFrame = 0;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly blocks: () => readonly Element[],
    private readonly lines: () => FileLines,
    private readonly onScroll: (line: number) => void,
    /// A block's vertical extent on screen (a long article's sections measure it their way).
    private readonly boxOf: (block: Element) => { top: number; bottom: number } = (block) => block.getBoundingClientRect(),
  ) {
    this.intent = new ScrollIntent(scroller, scroller, () => this.report());
  }

  /// The file line (fraction included) at the top of the preview.
  topLine(): number {
    const y = this.scroller.scrollTop;
    const [from, to] = this.around((point) => point.y <= y);
    return from.line + (to.y > from.y ? ((y - from.y) / (to.y - from.y)) * (to.line - from.line) : 0);
  }

  /// Puts file line `line` at the top, without reporting it back. Blocks far off screen have
  /// estimated heights (content-visibility), so the position is checked again once drawn,
  /// frame after frame while drawing them still moves it (a long jump takes a few).
  scrollToLine(line: number): void {
    cancelAnimationFrame(this.reportFrame);
    this.intent.settle(() => this.place(line));
  }

  dispose(): void {
    cancelAnimationFrame(this.reportFrame);
    this.intent.dispose();
  }

  /// Reports the writer's scroll at once, and again once the blocks it brought into view are
  /// drawn: until then a long article's newly shown section has only an estimated layout
  /// (sections.ts `blockBox`), which can put the top a block or two off.
  private report(): void {
    this.onScroll(this.topLine());
    cancelAnimationFrame(this.reportFrame);
    let frames = SETTLE_FRAMES;
    const again = () => {
      if (--frames > 0) this.reportFrame = requestAnimationFrame(again);
      else this.onScroll(this.topLine());
    };
    this.reportFrame = requestAnimationFrame(again);
  }

  /// Whether it had to move the pane.
  private place(line: number): boolean {
    const [from, to] = this.around((point) => point.line <= line);
    const y = from.y + (to.line > from.line ? ((line - from.line) / (to.line - from.line)) * (to.y - from.y) : 0);
    if (Math.abs(this.scroller.scrollTop - y) < 1) return false;
    const before = this.scroller.scrollTop;
    this.scroller.scrollTop = y;
    // At the end of the article the pane cannot go further: nothing more to correct.
    return Math.abs(this.scroller.scrollTop - before) >= 1;
  }

  /// The two neighbouring points where `before` turns from true to false. Each block gives
  /// two points, its first line at its top and the line after its last at its bottom.
  private around(before: (point: Point) => boolean): [Point, Point] {
    const blocks = this.blocks();
    const lines = this.lines();
    const origin = this.scroller.getBoundingClientRect().top - this.scroller.scrollTop;
    const startOf = (i: number) => Number(blocks[i]!.getAttribute('data-line'));
    // Point -1 is the top of the page, point 2n the end of the last block's text.
    const point = (k: number): Point => {
      if (k < 0) return { line: 0, y: 0 };
      const i = k >> 1;
      if (i >= blocks.length) return { line: Math.max(lines.total, lines.bodyStart), y: this.scroller.scrollHeight };
      const box = this.boxOf(blocks[i]!);
      if (k % 2 === 0) return { line: lines.bodyStart + startOf(i), y: box.top - origin };
      let end = i + 1 < blocks.length ? startOf(i + 1) : lines.total - lines.bodyStart;
      while (end - 1 > startOf(i) && lines.isBlank(end - 1)) end--;
      return { line: lines.bodyStart + end, y: box.bottom - origin };
    };
    let low = -1;
    let high = 2 * blocks.length;
    while (low + 1 < high) {
      const mid = (low + high) >> 1;
      if (before(point(mid))) low = mid;
      else high = mid;
    }
    return [point(low), point(low + 1)];
  }
}
