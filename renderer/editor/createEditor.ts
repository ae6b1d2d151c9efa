/// A framework-free editor: one EditorView, one EditorState per open post so undo history
/// survives switching posts.
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { postwrightExtensions } from './extensions';
import { autoPair } from './extensions/auto-pair';
import { focusMode } from './extensions/focus';
import { liveMode } from './extensions/live';
import { smartTyping } from './extensions/smart-typing';
import { bodyCursor, trustedEdit } from './extensions/front-matter-guard';
import { typewriterScrolling } from './extensions/typewriter';
import { scrollSync, scrollToLine, topLine, type TopLineListener } from './extensions/scroll-sync';

export interface EditorOptions {
  parent: HTMLElement;
  /// Optional: copying the whole text on every keystroke is for callers that need it.
  onDocChanged?: (text: string, update: ViewUpdate) => void;
  /// The selected text (all ranges joined), '' when nothing is selected.
  onSelectionChanged?: (selected: string) => void;
  extensions?: Extension[];
}

export interface WritingModes {
  focus: boolean;
  typewriter: boolean;
  /// Marks hidden and images, math and tables drawn away from the cursor.
  live?: boolean;
  smartTyping?: boolean;
  autoPair?: boolean;
}

export interface Editor {
  readonly view: EditorView;
  /// Focus mode and typewriter scrolling, for whichever post is open.
  setModes(modes: WritingModes): void;
  /// Shows `id`; reuses its earlier state (history, selection) when `text` still matches.
  open(id: string, text: string): void;
  /// Replaces the whole text of the open post as one undoable change (e.g. outside edits).
  replaceText(text: string): void;
  text(): string;
  focus(): void;
  forget(id: string): void;
  /// Scroll sync: the (fractional, 0-based) line at the top, reported while the writer scrolls.
  onTopLineChange(listener: TopLineListener): () => void;
  topLine(): number;
  /// Scrolls `line` to the top without reporting it back.
  scrollToLine(line: number): void;
  /// Puts the cursor at the start of `line` (0-based), shows it near the top, and focuses.
  revealLine(line: number): void;
  destroy(): void;
}

export function createEditor(options: EditorOptions): Editor {
  const states = new Map<string, EditorState>();
  let currentId: string | null = null;
  const topLineListeners = new Set<TopLineListener>();
  const modes = new Compartment();
  let modeExtensions: Extension = [];
  const extensions = [
    postwrightExtensions(options.extensions),
    modes.of([]),
    scrollSync((line) => topLineListeners.forEach((listener) => listener(line))),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && options.onDocChanged) options.onDocChanged(update.state.doc.toString(), update);
      if (update.selectionSet || update.docChanged) {
        const { ranges } = update.state.selection;
        options.onSelectionChanged?.(ranges.map((range) => update.state.sliceDoc(range.from, range.to)).join('\n'));
      }
    }),
  ];
  // A post opens with the cursor in its body, below the front matter, ready to type.
  const freshState = (text: string) => {
    const state = EditorState.create({ doc: text, extensions });
    return state.update({ selection: { anchor: bodyCursor(state.doc) } }).state;
  };
  const view = new EditorView({ parent: options.parent, state: EditorState.create({ doc: '', extensions }) });

  return {
    view,
    open(id, text) {
      if (currentId !== null) states.set(currentId, view.state);
      currentId = id;
      const cached = states.get(id);
      view.setState(cached && cached.doc.toString() === text ? cached : freshState(text));
      view.dispatch({ effects: modes.reconfigure(modeExtensions) });
    },
    setModes({ focus, typewriter, live, smartTyping: smart, autoPair: pairs }) {
      modeExtensions = [focus ? focusMode() : [], typewriter ? typewriterScrolling() : [], live ? liveMode() : [], smart ? smartTyping() : [], pairs ? autoPair() : []];
      view.dispatch({ effects: modes.reconfigure(modeExtensions) });
    },
    replaceText(text) {
      const change = minimalChange(view.state.doc.toString(), text);
      if (change) view.dispatch({ changes: change, userEvent: 'input.replace', annotations: trustedEdit.of(true) });
    },
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    forget: (id) => void states.delete(id),
    onTopLineChange(listener) {
      topLineListeners.add(listener);
      return () => void topLineListeners.delete(listener);
    },
    topLine: () => topLine(view),
    scrollToLine: (line) => scrollToLine(view, line),
    revealLine(line) {
      const target = view.state.doc.line(Math.min(view.state.doc.lines, Math.max(1, line + 1)));
      view.dispatch({ selection: { anchor: target.from }, effects: EditorView.scrollIntoView(target.from, { y: 'start', yMargin: 24 }) });
      view.focus();
    },
    destroy() {
      states.clear();
      view.destroy();
    },
  };
}

/// The smallest single replacement turning `from` into `to`, so the cursor and undo history
/// stay put when only part of the text changed (front matter edits, outside edits).
export function minimalChange(from: string, to: string): { from: number; to: number; insert: string } | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}
