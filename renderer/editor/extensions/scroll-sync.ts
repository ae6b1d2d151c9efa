/// Scroll sync, editor side. Reports the (fractional, 0-based) line at the top of the editor
/// while the writer scrolls it, and scrolls to a line on request. Only scrolling that follows
/// the writer's own input here (wheel, keys, pointer, touch) is reported; scrolling that the
/// preview asked for is not, which is what keeps the two panes from chasing each other.
import { Facet, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin } from '@codemirror/view';

export type TopLineListener = (line: number) => void;

// Input this recent means the writer is driving this pane (momentum scrolling included).
const DRIVING_MS = 800;

const topLineListeners = Facet.define<TopLineListener>();

class ScrollSync {
  private lastInput = -Infinity;
  private pointerDown = false;
  private readonly document: Document;

  constructor(private readonly view: EditorView) {
    this.document = view.dom.ownerDocument;
    for (const type of ['wheel', 'keydown', 'touchstart'] as const) view.dom.addEventListener(type, this.onInput, { passive: true });
    view.dom.addEventListener('pointerdown', this.onPointerDown, { passive: true });
    this.document.addEventListener('pointerup', this.onPointerUp, { passive: true });
    view.scrollDOM.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /// The next scroll comes from the other pane: do not report it back.
  follow(): void {
    this.lastInput = -Infinity;
  }

  destroy(): void {
    for (const type of ['wheel', 'keydown', 'touchstart'] as const) this.view.dom.removeEventListener(type, this.onInput);
    this.view.dom.removeEventListener('pointerdown', this.onPointerDown);
    this.document.removeEventListener('pointerup', this.onPointerUp);
    this.view.scrollDOM.removeEventListener('scroll', this.onScroll);
  }

  private readonly onInput = () => {
    this.lastInput = performance.now();
  };

  private readonly onPointerDown = () => {
    this.pointerDown = true;
    this.onInput();
  };

  private readonly onPointerUp = () => {
    this.pointerDown = false;
  };

  private readonly onScroll = () => {
    if (!this.pointerDown && performance.now() - this.lastInput > DRIVING_MS) return;
    const line = topLine(this.view);
    for (const listener of this.view.state.facet(topLineListeners)) listener(line);
  };
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

/// Scrolls so that `line` (fraction included) is at the top, without reporting it.
export function scrollToLine(view: EditorView, line: number): void {
  const doc = view.state.doc;
  const whole = Math.min(Math.max(Math.floor(line), 0), doc.lines - 1);
  const block = view.lineBlockAt(doc.line(whole + 1).from);
  const top = documentOffset(view) + block.top + Math.min(1, Math.max(0, line - whole)) * block.height;
  view.plugin(scrollSyncPlugin)?.follow();
  view.scrollDOM.scrollTop = Math.max(0, top);
}
