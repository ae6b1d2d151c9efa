/// Citations while writing: `@` completes the post's bibliography keys and its `{#fig:...}`
/// labels, hovering a key shows its reference, and a cited key or label that does not exist is
/// underlined. Keystrokes stay cheap: keys come from the source's cached map, labels are
/// collected a moment after typing pauses, and only the visible lines are checked.
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { RangeSetBuilder, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { canStartCitation, crossKind, readKey } from '../../../shared/render/science/syntax';
import { contextAt } from './syntax-context';

export interface Reference {
  key: string;
  authors: string;
  year: string;
  title: string;
  container: string;
  doi: string;
}

export interface BibliographySource {
  /// The open post's references by key; null while none are known (no bibliography, or not read yet).
  references(): ReadonlyMap<string, Reference> | null;
  subscribe(listener: () => void): () => void;
}

const LABEL = /\{#((?:fig|tbl|eq):[\p{L}\p{N}_-]+)\}/gu;
const MISSING = Decoration.mark({ class: 'cm-cite-missing' });
const LABEL_QUIET_MS = 250;
const KEY_CHARS = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]*$/u;

/// Every `{#fig:...}` label in the post: one pass over the text, run after typing pauses.
export function labelsIn(state: EditorState): Set<string> {
  const labels = new Set<string>();
  for (const match of state.doc.toString().matchAll(LABEL)) labels.add(match[1]!);
  return labels;
}

interface KeyAt {
  from: number;
  to: number;
  key: string;
  bracketed: boolean;
}

/// The citation keys on one line of text, with offsets into that line.
function keysOnLine(text: string): KeyAt[] {
  const found: KeyAt[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (!canStartCitation(text, at) && text[at - 1] !== '-') continue;
    const end = readKey(text, at + 1);
    if (end === -1) continue;
    found.push({ from: at + 1, to: end, key: text.slice(at + 1, end), bracketed: insideBrackets(text, at) });
  }
  return found;
}

function insideBrackets(line: string, at: number): boolean {
  const open = line.lastIndexOf('[', at);
  if (open === -1 || line.lastIndexOf(']', at) > open) return false;
  const close = line.indexOf(']', at);
  return close !== -1 && line[close + 1] !== '(' && line[close + 1] !== '[';
}

/// Why a key is marked, or null when it is fine (or cannot be judged yet).
function problemOf(found: KeyAt, refs: ReadonlyMap<string, Reference> | null, labels: Set<string> | null): string | null {
  if (crossKind(found.key)) return labels && !labels.has(found.key) ? `No figure, table or equation is labelled ${found.key} in this post` : null;
  if (!found.bracketed || !refs || refs.has(found.key)) return null;
  return `Not in the bibliography: ${found.key}`;
}

export function citations(source: BibliographySource): Extension {
  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet = Decoration.none;
      labels: Set<string> | null = null;
      timer: ReturnType<typeof setTimeout> | undefined;
      stop: () => void;

      constructor(readonly view: EditorView) {
        this.stop = source.subscribe(() => this.redraw());
        this.labels = labelsIn(view.state);
        this.decorations = this.build(view);
      }

      update(update: ViewUpdate) {
        if (update.docChanged) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.collectLabels(), LABEL_QUIET_MS);
        }
        if (update.docChanged || update.viewportChanged) this.decorations = this.build(update.view);
      }

      collectLabels() {
        this.labels = labelsIn(this.view.state);
        this.redraw();
      }

      redraw() {
        this.decorations = this.build(this.view);
        this.view.dispatch({});
      }

      build(view: EditorView): DecorationSet {
        const builder = new RangeSetBuilder<Decoration>();
        const refs = source.references();
        for (const { from, to } of view.visibleRanges) {
          for (let pos = from; pos <= to; ) {
            const line = view.state.doc.lineAt(pos);
            if (line.text.includes('@')) {
              for (const found of keysOnLine(line.text)) {
                if (!problemOf(found, refs, this.labels)) continue;
                if (contextAt(view.state, line.from + found.from) !== 'text') continue;
                builder.add(line.from + found.from - 1, line.from + found.to, MISSING);
              }
            }
            pos = line.to + 1;
          }
        }
        return builder.finish();
      }

      keyAt(pos: number): (KeyAt & { problem: string | null }) | null {
        const line = this.view.state.doc.lineAt(pos);
        for (const found of keysOnLine(line.text)) {
          if (pos < line.from + found.from - 1 || pos > line.from + found.to) continue;
          if (contextAt(this.view.state, line.from + found.from) !== 'text') return null;
          return { ...found, from: line.from + found.from - 1, to: line.from + found.to, problem: problemOf(found, source.references(), this.labels) };
        }
        return null;
      }

      destroy() {
        clearTimeout(this.timer);
        this.stop();
      }
    },
    { decorations: (value) => value.decorations },
  );

  const complete = citationCompletion(source, (view) => view.plugin(plugin)?.labels ?? null);

  return [
    plugin,
    autocompletion({ override: [complete], icons: false }),
    hoverTooltip((view, pos) => {
      const found = view.plugin(plugin)?.keyAt(pos);
      if (!found) return null;
      const ref = source.references()?.get(found.key);
      if (!found.problem && !ref) return null;
      return {
        pos: found.from,
        end: found.to,
        above: true,
        create: () => ({ dom: found.problem ? message(found.problem) : referenceDom(ref!) }),
      };
    }),
    EditorView.baseTheme({
      '.cm-cite-missing': { textDecoration: 'underline wavy #b06000', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
      '.cm-cite-tip': { maxWidth: '420px', padding: '6px 10px', font: '13px/1.45 var(--ui-font, system-ui)' },
      '.cm-cite-tip .cm-cite-title': { fontStyle: 'italic' },
    }),
  ];
}

/// Completes `@key` from the source's cached references and `@fig:` from the post's labels.
export function citationCompletion(source: BibliographySource, cachedLabels: (view: EditorView) => Set<string> | null = () => null) {
  return (context: CompletionContext): CompletionResult | null => {
    const match = context.matchBefore(/@[\p{L}\p{N}_:.#$%&\-+?<>~/]*/u);
    if (!match) return null;
    const line = context.state.doc.lineAt(match.from);
    const before = match.from === line.from ? '' : line.text[match.from - line.from - 1]!;
    // After `[`, `;`, `-` (suppressed author), a space or at the start of a line: never in an address.
    if (before !== '' && !/[\s[;\-(]/u.test(before)) return null;
    if (contextAt(context.state, match.from) !== 'text') return null;
    const typed = match.text.slice(1);
    const kind = /^(fig|tbl|eq):/.exec(typed);
    const view = context.view;
    if (kind) {
      const labels = (view && cachedLabels(view)) ?? labelsIn(context.state);
      const options = [...labels].filter((label) => label.startsWith(kind[0])).map((label) => ({ label, type: 'constant', detail: kind[1] === 'fig' ? 'figure' : kind[1] === 'tbl' ? 'table' : 'equation' }));
      return options.length ? { from: match.from + 1, options, validFor: /^[\p{L}\p{N}_:-]*$/u } : null;
    }
    const refs = source.references();
    if (!refs || refs.size === 0) return null;
    if (!context.explicit && typed === '' && before !== '[' && before !== ';' && before !== '-') {
      // A bare `@` after a space may be a handle being typed: wait for a letter.
      return null;
    }
    const options = optionsOf(refs);
    // A key typed out in full closes the list, so Enter at the end of a sentence starts a new line.
    const complete = (text: string) => refs.has(text) && !options.some((option) => option.label !== text && option.label.startsWith(text));
    if (complete(typed)) return null;
    return { from: match.from + 1, options, validFor: (text) => KEY_CHARS.test(text) && !complete(text) };
  };
}

/// Built once per bibliography read, so a keystroke only filters.
const optionCache = new WeakMap<ReadonlyMap<string, Reference>, Completion[]>();

function optionsOf(refs: ReadonlyMap<string, Reference>): Completion[] {
  let options = optionCache.get(refs);
  if (!options) {
    options = [...refs.values()].map((ref) => ({ label: ref.key, type: 'text', detail: [ref.authors, ref.year].filter(Boolean).join(', '), info: ref.title }));
    optionCache.set(refs, options);
  }
  return options;
}

function message(text: string): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-cite-tip cm-cite-problem';
  dom.textContent = text;
  return dom;
}

function referenceDom(ref: Reference): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-cite-tip cm-cite-reference';
  const add = (text: string, className?: string) => {
    if (!text) return;
    const span = document.createElement('span');
    if (className) span.className = className;
    span.textContent = text;
    if (dom.childNodes.length) dom.append(' ');
    dom.append(span);
  };
  add(`${ref.authors || 'Anonymous'}${ref.year ? ` (${ref.year})` : ''}.`);
  add(ref.title ? `${ref.title}.` : '', 'cm-cite-title');
  add(ref.container ? `${ref.container}.` : '');
  add(ref.doi ? `https://doi.org/${ref.doi}` : '');
  return dom;
}
