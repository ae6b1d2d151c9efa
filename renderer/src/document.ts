/// The open post: its text, what was last saved, and saving. Dirty means
/// `version !== savedVersion`; the version being saved is recorded before the write starts,
/// so typing during a save leaves the post dirty.
///
/// Typing must cost no more than the editor itself: an edit hands over the editor's document
/// (CodeMirror's immutable Text) without copying it into a string, listeners of the status
/// (dirty, saving, conflict…) hear only when the status changes, and text listeners are
/// told cheaply and do their own work later (the preview in the next frame, counts when idle).
import { messageOf } from './message-of';
import { ChangeSet } from '@codemirror/state';
import { StudioError, type Post, type Studio } from '../../shared/api';
import { whenIdle } from '../idle';

export const AUTOSAVE_DELAY_MS = 800;
/// Unsaved text is copied outside the library at most this often while it stays unsaved.
export const BACKUP_INTERVAL_MS = 1000;

/// The text as the editor holds it; turned into a string only when someone needs it.
export type TextSource = string | { toString(): string };

export interface DocumentSnapshot {
  id: string;
  dirty: boolean;
  saving: boolean;
  error: string | null;
  /// The file changed on disk while this text was being edited.
  conflict: boolean;
  savedAt: number | null;
}

/// `a` then `b`, or null when they do not follow each other (then the whole text is sent).
function composed(a: ChangeSet, b: ChangeSet): ChangeSet | null {
  return a.newLength === b.length ? a.compose(b) : null;
}

export class DocumentSession {
  private version = 0;
  private savedVersion = 0;
  private saving: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backupTimer: ReturnType<typeof setTimeout> | undefined;
  private cancelBackup: (() => void) | undefined;
  private backedUp = false;
  /// The hash of the backed-up text and the editor's changes since it: the next backup sends
  /// only those. Null changes: not known (the text was replaced), so the whole text goes.
  private backupHash: string | null = null;
  private sinceBackup: ChangeSet | null = null;
  private listeners = new Set<() => void>();
  private textListeners = new Set<(changes: ChangeSet | null) => void>();
  private snapshot: DocumentSnapshot;
  private error: string | null = null;
  private conflict = false;
  private savedAt: number | null = null;
  private text: string;
  /// The editor's newer document, not yet read into `text`.
  private pending: { toString(): string } | null = null;

  constructor(
    private readonly studio: Studio,
    readonly id: string,
    text: string,
    private baseHash: string,
    private readonly onSaved: (post: { id: string }) => void = () => undefined,
  ) {
    this.text = text;
    this.snapshot = this.makeSnapshot();
  }

  /// Status changes (dirty, saving, error, conflict, saved): never once per keystroke.
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DocumentSnapshot => this.snapshot;

  /// Every change of the text; listeners must be cheap and defer their work. They are told
  /// the editor's changes when it gave them (null: the text was replaced some other way).
  subscribeText = (listener: (changes: ChangeSet | null) => void): (() => void) => {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  };

  /// Counts text changes, so derived values know whether they are stale.
  get textVersion(): number {
    return this.version;
  }

  get dirty(): boolean {
    return this.version !== this.savedVersion;
  }

  /// `changes` (from the editor's transaction) lead from the previous text to this one.
  edit(text: TextSource, changes: ChangeSet | null = null): void {
    if (typeof text === 'string') {
      if (this.pending === null && text === this.text) return;
      this.text = text;
      this.pending = null;
    } else {
      this.pending = text;
    }
    this.version += 1;
    this.sinceBackup = changes && this.sinceBackup ? composed(this.sinceBackup, changes) : null;
    this.changed();
    for (const listener of [...this.textListeners]) listener(changes);
    clearTimeout(this.timer);
    if (!this.conflict) this.timer = setTimeout(() => void this.save(), AUTOSAVE_DELAY_MS);
    this.backupTimer ??= setTimeout(() => {
      // Copying the whole post waits for a pause in the typing (or five seconds at most).
      this.cancelBackup = whenIdle(() => void this.backup(), 5000);
    }, BACKUP_INTERVAL_MS);
  }

  /// Hot exit: keeps unsaved text outside the library so a crash or a kill loses nothing.
  private async backup(): Promise<void> {
    this.backupTimer = undefined;
    this.cancelBackup = undefined;
    if (!this.dirty) return;
    const since = this.backupHash !== null ? this.sinceBackup : null;
    const base = this.backupHash;
    // Edits typed while this backup is on its way are the next backup's.
    const source = this.currentSource();
    const length = typeof source === 'string' ? source.length : (source as { length?: unknown }).length;
    this.sinceBackup = typeof length === 'number' ? ChangeSet.empty(length) : null;
    try {
      if (since && base !== null) {
        const edits: [number, number, string][] = [];
        since.iterChanges((from, to, _fromB, _toB, inserted) => void edits.push([from, to, inserted.toString()]));
        try {
          this.backupHash = await this.studio.backups.patch({ postId: this.id, base, baseHash: this.baseHash, edits });
          this.backedUp = true;
          return;
        } catch {
          // The backup moved on (saved, or written elsewhere): the whole text goes instead.
        }
      }
      const text = this.currentText();
      this.sinceBackup = ChangeSet.empty(text.length);
      this.backupHash = await this.studio.backups.put({ postId: this.id, text, baseHash: this.baseHash });
      this.backedUp = true;
    } catch {
      // A failed backup must not disturb writing; the next edit tries again.
      this.backupHash = null;
      this.sinceBackup = null;
    }
  }

  /// Saves now if there is anything to save; resolves when the text on disk is current.
  async save(options: { overwrite?: boolean } = {}): Promise<void> {
    clearTimeout(this.timer);
    if (this.saving) await this.saving;
    if (!this.dirty && !options.overwrite) return;
    if (this.conflict && !options.overwrite) return;
    const version = this.version;
    const text = this.currentText();
    this.saving = (async () => {
      try {
        const result = await this.studio.posts.save({ id: this.id, text, baseHash: options.overwrite ? null : this.baseHash });
        this.baseHash = result.hash;
        this.savedVersion = version;
        this.error = null;
        this.conflict = false;
        this.savedAt = Date.now();
        this.onSaved({ id: this.id });
        if (this.backedUp && version === this.version) {
          this.backedUp = false;
          this.backupHash = null;
          await this.studio.backups.discard(this.id).catch(() => undefined);
        }
      } catch (error) {
        if (error instanceof StudioError && error.code === 'conflict') this.conflict = true;
        else this.error = messageOf(error);
      }
    })();
    this.changed();
    await this.saving;
    this.saving = null;
    this.changed();
    if (this.dirty && !this.conflict && !this.error) await this.save();
  }

  /// Takes the version on disk, dropping unsaved text (the user chose "take theirs").
  adopt(post: Post): void {
    this.sinceBackup = null;
    this.text = post.text;
    this.pending = null;
    this.baseHash = post.hash;
    this.version += 1;
    this.savedVersion = this.version;
    this.conflict = false;
    this.error = null;
    this.changed();
    for (const listener of [...this.textListeners]) listener(null);
  }

  /// Another window or program saved this post; reload quietly unless there are edits here.
  async outsideChange(hash: string | null): Promise<'ignored' | 'reloaded' | 'conflict'> {
    if (this.saving) await this.saving;
    if (hash !== null && hash === this.baseHash) return 'ignored';
    if (this.dirty) {
      this.conflict = true;
      clearTimeout(this.timer);
      this.changed();
      return 'conflict';
    }
    const post = await this.studio.posts.get(this.id);
    // Keys typed while the new text was read are the writer's: ask, never replace them.
    if (this.dirty) {
      this.conflict = true;
      clearTimeout(this.timer);
      this.changed();
      return 'conflict';
    }
    this.adopt(post);
    return 'reloaded';
  }

  /// The text as the editor handed it over (its document), without making a string of it.
  currentSource(): TextSource {
    return this.pending ?? this.text;
  }

  /// The whole text as a string: read from the editor's document once per change, when asked.
  currentText(): string {
    if (this.pending !== null) {
      this.text = this.pending.toString();
      this.pending = null;
    }
    return this.text;
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.backupTimer);
    this.cancelBackup?.();
    this.listeners.clear();
    this.textListeners.clear();
  }

  /// Tells status listeners, only when what they show changed.
  private changed(): void {
    const next = this.makeSnapshot();
    const now = this.snapshot;
    if (
      next.dirty === now.dirty &&
      next.saving === now.saving &&
      next.error === now.error &&
      next.conflict === now.conflict &&
      next.savedAt === now.savedAt
    ) {
      return;
    }
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  private makeSnapshot(): DocumentSnapshot {
    return {
      id: this.id,
      dirty: this.dirty,
      saving: this.saving !== null,
      error: this.error,
      conflict: this.conflict,
      savedAt: this.savedAt,
    };
  }
}
