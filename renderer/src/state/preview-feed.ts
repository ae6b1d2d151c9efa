/// The text the preview shows. Edits are merged and handed over once per frame, in the frame
/// after the one that paints the keystroke in the editor, so the typed character never
/// waits for the preview; nothing is read while nobody shows the preview. A newly opened post
/// reaches the preview the same way, after the editor shows it: until then the preview keeps
/// the post it had (`carried`). What is handed over is the editor's own document with the
/// editor's changes since the last hand-over, so the preview finds the edited lines without
/// copying or comparing the whole text.
import { ChangeSet, Text } from '@codemirror/state';
import type { DocumentSession } from '../document';

/// How many hand-overs back a later one still knows the changes from (the preview may skip
/// some while a full render waits for a pause in typing).
const HISTORY = 16;

export class FedText {
  private string: string | null;

  constructor(
    readonly id: string,
    readonly doc: Text,
    /// The hand-over before this one, and the changes that lead from its text to this one.
    private previous: FedText | null,
    private readonly changes: ChangeSet | null,
    text: string | null = null,
  ) {
    this.string = text;
    let last = previous;
    for (let depth = 1; last && depth < HISTORY; depth++) last = last.previous;
    if (last) last.previous = null;
  }

  /// The whole text, made once and only when asked for.
  get text(): string {
    return (this.string ??= this.doc.toString());
  }

  /// The changes from `older`'s text to this one (empty when it is this one), or null when
  /// they are not known.
  changesSince(older: FedText): ChangeSet | null {
    if (older === this) return ChangeSet.empty(this.doc.length);
    if (!this.changes || !this.previous) return null;
    const before = this.previous.changesSince(older);
    return before && before.compose(this.changes);
  }
}

/// CodeMirror's document of a text, broken into lines as the editor breaks them.
export function textDoc(text: string): Text {
  return Text.of(text.split(/\r\n?|\n/));
}

export class PreviewFeed {
  private shown: FedText;
  private stale = false;
  private scheduled = false;
  /// The editor's changes since `shown`, merged; null with `known` false when some are missing.
  private changes: ChangeSet | null = null;
  private known: boolean;
  private listeners = new Set<() => void>();
  private readonly stop: () => void;

  constructor(
    private readonly session: DocumentSession,
    carried: FedText | null = null,
  ) {
    this.shown = carried ?? this.read(null);
    this.stale = carried !== null;
    this.known = carried === null;
    this.stop = session.subscribeText((changes) => {
      this.stale = true;
      // While hidden nothing is merged: the preview catches up from the whole text.
      if (changes && this.known && this.listeners.size > 0) this.changes = this.changes ? this.changes.compose(changes) : changes;
      else this.forget();
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

  private forget(): void {
    this.changes = null;
    this.known = false;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The keystroke's frame paints the editor; the preview changes at the start of the frame
    // after it (its animation-frame callbacks run before that frame's layout and paint), so
    // the typed character never waits for the preview and the preview is one frame behind.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        this.scheduled = false;
        if (!this.stale || this.listeners.size === 0) return;
        this.catchUp();
        for (const listener of [...this.listeners]) listener();
      }),
    );
  }

  private catchUp(): void {
    this.stale = false;
    const changes = this.known && this.shown.id === this.session.id ? this.changes : null;
    this.shown = this.read(changes);
    this.changes = null;
    this.known = true;
  }

  private read(changes: ChangeSet | null): FedText {
    const source = this.session.currentSource();
    if (source instanceof Text) {
      // The changes must lead exactly from the text shown to this one, or they are not used.
      const fits = changes !== null && changes.length === this.shown.doc.length && changes.newLength === source.length;
      return new FedText(this.session.id, source, fits ? this.shown : null, fits ? changes : null);
    }
    const text = this.session.currentText();
    return new FedText(this.session.id, textDoc(text), null, null, text);
  }
}
