/// Tells scrolling the writer drives in a pane (wheel, keys, pointer, touch, and the momentum
/// after them) from scrolling the pane does because the other pane asked. Only the first is
/// reported, which is what keeps the editor and the preview from chasing each other.

// Input this recent means the writer is driving this pane (momentum scrolling included).
const DRIVING_MS = 800;
const INPUT_EVENTS = ['wheel', 'keydown', 'touchstart'] as const;

export class ScrollIntent {
  private lastInput = -Infinity;
  private pointerDown = false;

  /// `inputTarget` receives the writer's input; `scroller` is the element that scrolls.
  constructor(
    private readonly inputTarget: HTMLElement,
    private readonly scroller: HTMLElement,
    private readonly onWriterScroll: () => void,
  ) {
    for (const type of INPUT_EVENTS) inputTarget.addEventListener(type, this.onInput, { passive: true });
    inputTarget.addEventListener('pointerdown', this.onPointerDown, { passive: true });
    inputTarget.ownerDocument.addEventListener('pointerup', this.onPointerUp, { passive: true });
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  /// The next scroll comes from the other pane: do not report it back.
  follow(): void {
    this.lastInput = -Infinity;
  }

  dispose(): void {
    for (const type of INPUT_EVENTS) this.inputTarget.removeEventListener(type, this.onInput);
    this.inputTarget.removeEventListener('pointerdown', this.onPointerDown);
    this.inputTarget.ownerDocument.removeEventListener('pointerup', this.onPointerUp);
    this.scroller.removeEventListener('scroll', this.onScroll);
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
    if (this.pointerDown || performance.now() - this.lastInput <= DRIVING_MS) this.onWriterScroll();
  };
}
