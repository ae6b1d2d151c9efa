/// What the toolbar, status bar and outline show about the open post: its title, a front
/// matter problem, counts, headings. Worked out from the whole text, so never on a keystroke:
/// once typing pauses, and only told to React when a value changed.
import { parsePostFile } from '../../../shared/frontmatter';
import { outlineOf, type OutlineItem } from '../../../shared/outline';
import { summarizePost } from '../../../shared/post';
import { textStats, type TextStats } from '../../../shared/text-stats';
import type { DocumentSession } from '../document';
import { afterQuiet } from '../../idle';
import { createStore, type Store } from './store';

/// Typing pauses this long before titles and counts catch up.
export const INFO_QUIET_MS = 200;

export interface DocumentFacts {
  title: string;
  problem: string | null;
  stats: TextStats;
}

export class DocumentInfo {
  readonly facts: Store<DocumentFacts>;
  readonly outline: Store<OutlineItem[]>;
  private outlineWanted = 0;
  private readonly refresh = afterQuiet(() => this.update(), INFO_QUIET_MS);
  private readonly stop: () => void;

  constructor(private readonly session: DocumentSession) {
    this.facts = createStore(this.read());
    this.outline = createStore<OutlineItem[]>([]);
    this.stop = session.subscribeText(() => this.refresh.poke());
  }

  /// The outline is worked out only while something shows it.
  subscribeOutline = (listener: () => void): (() => void) => {
    this.outlineWanted += 1;
    if (this.outlineWanted === 1) this.outline.set(outlineOf(this.session.currentText()));
    const stop = this.outline.subscribe(listener);
    return () => {
      this.outlineWanted -= 1;
      stop();
    };
  };

  dispose(): void {
    this.refresh.cancel();
    this.stop();
  }

  private read(): DocumentFacts {
    const text = this.session.currentText();
    const summary = summarizePost(this.session.id, text, 0);
    return { title: summary.title, problem: summary.problem, stats: textStats(parsePostFile(text).body) };
  }

  private update(): void {
    const next = this.read();
    this.facts.set((now) => (sameFacts(now, next) ? now : next));
    if (this.outlineWanted > 0) {
      const items = outlineOf(this.session.currentText());
      this.outline.set((now) => (sameOutline(now, items) ? now : items));
    }
  }
}

function sameFacts(a: DocumentFacts, b: DocumentFacts): boolean {
  return (
    a.title === b.title &&
    a.problem === b.problem &&
    a.stats.words === b.stats.words &&
    a.stats.characters === b.stats.characters &&
    a.stats.minutes === b.stats.minutes
  );
}

function sameOutline(a: OutlineItem[], b: OutlineItem[]): boolean {
  return a.length === b.length && a.every((item, i) => item.line === b[i]?.line && item.level === b[i]?.level && item.text === b[i]?.text);
}
