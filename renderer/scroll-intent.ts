/// Tells scrolling the writer drives in a pane (wheel, keys, pointer, touch, and the momentum
/// after them) from scrolling the pane does because the other pane asked. Only the first is
/// reported, which is what keeps the editor and the preview from chasing each other.

// Input this recent means the writer is driving this pane (momentum scrolling included).
const DRIVING_MS = 800;
const INPUT_EVENTS = ['wheel', 'keydown', 'touchstart'] as const;
// A jump is checked for at most this many frames, and counts as settled after this many
// frames without a move.
const SETTLE_MAX_FRAMES = 20;
const SETTLE_STILL_FRAMES = 5;

export class ScrollIntent {
  private lastInput = -Infinity;
  private pointerDown = false;
  private settleFrame = 0;

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

  /// Scrolls the pane to where `place` says (it returns whether it moved it), and again frame
  /// after frame while that moves it: positions far off screen are estimates until drawn, a
  /// few frames after the jump. Stops when they agree for a few frames, after a number of
  /// frames, or as soon as the writer takes the pane. Each jump cancels the one before.
  settle(place: () => boolean): void {
    cancelAnimationFrame(this.settleFrame);
    this.follow();
    place();
    let frames = SETTLE_MAX_FRAMES;
    let still = 0;
    const check = () => {
      if (this.pointerDown || this.lastInput > -Infinity) return;
      // A check that found nothing to move is trusted only when the next ones agree (blocks
      // scrolled into view are drawn at their real height a few frames later).
      this.follow();
      still = place() ? 0 : still + 1;
      if (still < SETTLE_STILL_FRAMES && --frames > 0) this.settleFrame = requestAnimationFrame(check);
    };
    this.settleFrame = requestAnimationFrame(check);
  }

  dispose(): void {
    cancelAnimationFrame(this.settleFrame);
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
