/// The open post's references for the editor: read through the same `science.sources` call the
/// preview uses, again when the post's front matter names other files or a .bib changes on disk.
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { BibliographySource, Reference } from '../../editor/extensions/citations';
import { frontMatterRange } from '../../editor/extensions/front-matter-guard';
import { parseFrontMatterData, splitPostFile } from '../../../shared/frontmatter';
import { studio } from '../studio';
import { referenceOf } from './reference';
import { refsOf } from './useScience';

class BibliographyStore implements BibliographySource {
  private refs: Map<string, Reference> | null = null;
  private listeners = new Set<() => void>();
  private postId: string | null = null;
  private refsKey = '';
  private generation = 0;

  references() {
    return this.refs;
  }

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /// The post opened or its front matter may have changed: reads again only when what it names did.
  follow(postId: string, text: string, force = false): void {
    const front = splitPostFile(text).frontMatter;
    const key = JSON.stringify(refsOf(parseFrontMatterData(front).data));
    if (!force && postId === this.postId && key === this.refsKey) return;
    if (postId !== this.postId) this.set(null);
    this.postId = postId;
    this.refsKey = key;
    const generation = ++this.generation;
    void studio.science
      .sources(postId, JSON.parse(key))
      .then((sources) => {
        if (generation !== this.generation) return;
        this.set(sources ? new Map(sources.items.map((item) => [item.id, referenceOf(item)])) : null);
      })
      // The preview already says why the bibliography cannot be read; the editor just stops marking.
      .catch(() => generation === this.generation && this.set(null));
  }

  private set(refs: Map<string, Reference> | null) {
    this.refs = refs;
    this.listeners.forEach((listener) => listener());
  }
}

export const bibliographyStore = new BibliographyStore();

/// Follows the open post: an edit inside its front matter (after a pause) and a changed .bib file.
export function followFrontMatter(postId: () => string | null): { extension: Extension; stop: () => void } {
  let view: EditorView | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reread = (force: boolean) => {
    const id = postId();
    if (id && view) bibliographyStore.follow(id, view.state.doc.toString(), force);
  };
  const stopChanged = studio.on('science.changed', () => reread(true));
  const extension = EditorView.updateListener.of((update) => {
    view = update.view;
    if (!update.docChanged) return;
    const front = frontMatterRange(update.startState.doc);
    let touched = false;
    update.changes.iterChangedRanges((fromA) => void (touched ||= front !== null ? fromA <= front.bodyStart : fromA < 4));
    if (!touched) return;
    clearTimeout(timer);
    timer = setTimeout(() => reread(false), 400);
  });
  return {
    extension,
    stop: () => {
      clearTimeout(timer);
      stopChanged();
    },
  };
}
