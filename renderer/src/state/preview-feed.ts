/// The text the preview shows. Edits are merged and handed over once per frame, in a task
/// after the frame that paints the keystroke in the editor, so the typed character never
/// waits for the preview; nothing is read while nobody shows the preview. A newly opened post
/// reaches the preview the same way, after the editor shows it: until then the preview keeps
/// the post it had (`carried`).
import type { DocumentSession } from '../document';

export interface FedText {
  id: string;
  text: string;
}

export class PreviewFeed {
  private shown: FedText;
  private stale = false;
  private scheduled = false;
  private listeners = new Set<() => void>();
  private readonly stop: () => void;

  constructor(
    private readonly session: DocumentSession,
    carried: FedText | null = null,
  ) {
    this.shown = carried ?? { id: session.id, text: session.currentText() };
    this.stale = carried !== null;
    this.stop = session.subscribeText(() => {
      this.stale = true;
      if (this.listeners.size > 0) this.schedule();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.stale && this.shown.id !== this.session.id) {
      this.schedule();
    } else if (this.stale) {
      // Shown again after being hidden: catch up at once.
      this.catchUp();
      queueMicrotask(listener);
    }
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = (): FedText => this.shown;

  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The animation frame paints the editor; the task queued from it runs after that paint.
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.scheduled = false;
        if (!this.stale || this.listeners.size === 0) return;
        this.catchUp();
        for (const listener of [...this.listeners]) listener();
      }, 0),
    );
  }

  private catchUp(): void {
    this.stale = false;
    this.shown = { id: this.session.id, text: this.session.currentText() };
  }
}
