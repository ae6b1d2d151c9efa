/// The text the preview shows. Edits are merged and handed over once per frame, in a task
/// after the frame that paints the keystroke in the editor, so the typed character never
/// waits for the preview; nothing is read while nobody shows the preview.
import type { DocumentSession } from '../document';

export class PreviewFeed {
  private shown: string;
  private stale = false;
  private scheduled = false;
  private listeners = new Set<() => void>();
  private readonly stop: () => void;

  constructor(private readonly session: DocumentSession) {
    this.shown = session.currentText();
    this.stop = session.subscribeText(() => {
      this.stale = true;
      if (this.listeners.size > 0) this.schedule();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    // Shown again after being hidden: catch up at once (React re-reads the snapshot).
    if (this.stale) {
      this.catchUp();
      queueMicrotask(listener);
    }
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = (): string => this.shown;

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
    this.shown = this.session.currentText();
  }
}
