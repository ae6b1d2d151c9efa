/// The front matter belongs to the Details panel: in the text it is folded into one line,
/// "Title · draft · 3 tags", and a click unfolds it. Only the view changes; the file keeps
/// its exact bytes. A front matter with an error stays open so the writer can see it.
import { EditorView, Decoration, WidgetType, type DecorationSet } from '@codemirror/view';
import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { parsePostFile } from '../../../shared/frontmatter';
import { frontMatterRange } from './front-matter-guard';

export const setFrontMatterFolded = StateEffect.define<boolean>();

const folded = StateField.define<boolean>({
  create: () => true,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setFrontMatterFolded)) value = effect.value;
    return value;
  },
});

/// One line that says what the front matter holds, or null when it cannot be read.
export function frontMatterSummary(yamlWithFences: string): string | null {
  const file = parsePostFile(yamlWithFences);
  if (file.frontMatter === null || file.error) return null;
  const { title, status, tags } = file.data;
  const parts = [typeof title === 'string' && title.trim() ? title.trim() : 'Untitled'];
  if (typeof status === 'string' && status) parts.push(status);
  const count = Array.isArray(tags) ? tags.length : 0;
  if (count > 0) parts.push(count === 1 ? '1 tag' : `${count} tags`);
  return parts.join(' · ');
}

class FoldedFrontMatter extends WidgetType {
  constructor(readonly summary: string) {
    super();
  }
  override eq(other: FoldedFrontMatter): boolean {
    return other.summary === this.summary;
  }
  toDOM(view: EditorView): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cm-frontmatter-fold';
    // The summary is the visible text; the name says what a click does.
    button.title = `${this.summary}: click to show the front matter (the Details panel edits it too)`;
    button.setAttribute('aria-label', 'Show the front matter');
    button.textContent = this.summary;
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => view.dispatch({ effects: setFrontMatterFolded.of(false) }));
    return button;
  }
}

let lastText = '';
let lastSummary: string | null = null;

function foldDecorations(state: EditorState): DecorationSet {
  if (!state.field(folded)) return Decoration.none;
  const range = frontMatterRange(state.doc);
  if (!range) return Decoration.none;
  const end = range.closedAtEnd ? range.bodyStart : range.bodyStart - 1;
  const text = state.sliceDoc(0, end);
  // The YAML is re-read only when it changed, not on every keystroke in the body.
  if (text !== lastText) {
    lastText = text;
    lastSummary = frontMatterSummary(text);
  }
  if (lastSummary === null) return Decoration.none;
  return Decoration.set(Decoration.replace({ widget: new FoldedFrontMatter(lastSummary), block: true }).range(0, end));
}

const foldTheme = EditorView.theme({
  '.cm-frontmatter-fold': {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    margin: '0 0 4px',
    padding: '4px 10px',
    border: '1px dashed var(--border)',
    borderRadius: '6px',
    background: 'transparent',
    color: 'var(--muted)',
    font: '12px/1.5 var(--ui-font)',
    cursor: 'pointer',
  },
  '.cm-frontmatter-fold::before': { content: '"▸ "' },
  '.cm-frontmatter-fold:hover': { borderColor: 'var(--muted)', color: 'var(--text)' },
});

export function frontMatterFold(): Extension {
  const decorations = StateField.define<DecorationSet>({
    create: foldDecorations,
    update: (value, tr) => (tr.docChanged || tr.startState.field(folded) !== tr.state.field(folded) ? foldDecorations(tr.state) : value),
    provide: (field) => [EditorView.decorations.from(field), EditorView.atomicRanges.of((view) => view.state.field(field))],
  });
  return [folded, decorations, foldTheme];
}
