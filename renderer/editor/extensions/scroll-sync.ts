/// Scroll sync, editor side. Reports the (fractional, 0-based) line at the top of the editor
/// while the writer scrolls it, and scrolls to a line on request. Only scrolling that follows
/// the writer's own input here (wheel, keys, pointer, touch) is reported; scrolling that the
/// preview asked for is not, which is what keeps the two panes from chasing each other.
import { Facet, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin } from '@codemirror/view';
import { ScrollIntent } from '../../scroll-intent';

export type TopLineListener = (line: number) => void;

const topLineListeners = Facet.define<TopLineListener>();

class ScrollSync {
  private readonly intent: ScrollIntent;

  constructor(private readonly view: EditorView) {
    this.intent = new ScrollIntent(view.dom, view.scrollDOM, () => {
      const line = topLine(this.view);
      for (const listener of this.view.state.facet(topLineListeners)) listener(line);
    });
  }

  /// Puts a place at the top and keeps it there while CodeMirror measures the lines it
  /// brought into view (their heights were estimates until drawn), without reporting it.
  settle(place: () => boolean): void {
    this.intent.settle(place);
  }

  destroy(): void {
    this.intent.dispose();
  }
}

const scrollSyncPlugin = ViewPlugin.fromClass(ScrollSync);

export function scrollSync(listener: TopLineListener): Extension {
  return [scrollSyncPlugin, topLineListeners.of(listener)];
}

/// Where the document starts inside the scrolled content (the content's top padding).
function documentOffset(view: EditorView): number {
  return view.documentTop - view.scrollDOM.getBoundingClientRect().top + view.scrollDOM.scrollTop;
}

/// The line at the top of the editor, with the fraction of it scrolled past.
export function topLine(view: EditorView): number {
  const height = view.scrollDOM.scrollTop - documentOffset(view);
  if (height <= 0) return 0;
  const block = view.lineBlockAtHeight(height);
  const line = view.state.doc.lineAt(block.from).number - 1;
  return line + Math.min(1, Math.max(0, (height - block.top) / Math.max(1, block.height)));
}

/// Scrolls so that `line` (fraction included) is at the top, without reporting it, and keeps
/// it there while the lines around it are measured.
export function scrollToLine(view: EditorView, line: number): void {
  const place = () => {
    const doc = view.state.doc;
    const whole = Math.min(Math.max(Math.floor(line), 0), doc.lines - 1);
    const block = view.lineBlockAt(doc.line(whole + 1).from);
    const top = Math.max(0, documentOffset(view) + block.top + Math.min(1, Math.max(0, line - whole)) * block.height);
    const before = view.scrollDOM.scrollTop;
    if (Math.abs(before - top) < 1) return false;
    view.scrollDOM.scrollTop = top;
    // At the end of the document the editor cannot go further: nothing more to correct.
    return Math.abs(view.scrollDOM.scrollTop - before) >= 1;
  };
  const sync = view.plugin(scrollSyncPlugin);
  if (sync) sync.settle(place);
  else place();
}
