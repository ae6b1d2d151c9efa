/// Spelling for prose only: words in the visible part of the post are checked (by a worker,
/// through `Speller`) a moment after typing pauses, never inside a keystroke, and misspellings
/// get a wavy underline. Code, URLs, HTML, front matter and math are left alone. Hovering
/// or right-clicking a misspelling offers suggestions and "Add to dictionary".
import { forceParsing, syntaxTree } from '@codemirror/language';
import { Prec, RangeSetBuilder, StateEffect, StateField, type EditorState, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, showTooltip, ViewPlugin, type DecorationSet, type Tooltip, type ViewUpdate } from '@codemirror/view';
import { frontMatterRange } from './front-matter-guard';

export interface Speller {
  misspelled(words: string[], lang: string): Promise<Set<string>>;
  suggestions(word: string, lang: string): Promise<string[]>;
  addToDictionary(word: string): Promise<void>;
  onDictionaryChange(listener: () => void): () => void;
}

export interface SpellcheckOptions {
  speller: Speller;
  /// The dictionary for a post: its `lang:` (null when it has none) decides, else the
  /// library's default; null turns checking off.
  language(postLang: string | null): string | null;
  /// Pause in typing before the visible text is checked again.
  quietMs?: number;
}

/// Ask the checker to look again (the language or the dictionary changed).
export const recheckSpelling = StateEffect.define<null>();

const SKIPPED = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'URL', 'Autolink', 'HTMLBlock', 'HTMLTag', 'CommentBlock', 'Comment', 'LinkLabel', 'ProcessingInstructionBlock']);
const WORD = /\p{L}[\p{L}\p{M}'’]*\p{L}|\p{L}/gu;
const INLINE_MATH = /\$\$?[^$\n]+\$\$?/g;
// Addresses are never words to spell, even where the parser has not reached them yet (or does
// not see them as links: a bare `www.` address, an e-mail, a link in a table cell).
const ADDRESSES = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()]*|\bwww\.[^\s<>()]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
// Keys as a writer names them ("Ctrl+S", "Cmd-Shift-P"): not words either.
const KEYS = /\b(?:Ctrl|Cmd|Alt|Shift|Option|Opt|Meta|Win|Super|Fn)(?=[+-]\S)/g;
const blank = (part: string) => ' '.repeat(part.length);
const MISSPELLED = Decoration.mark({ class: 'cm-misspelled' });

interface Found {
  from: number;
  to: number;
  word: string;
}

/// The prose words between `from` and `to` (whole lines), leaving out skipped syntax and math.
export function proseWords(state: EditorState, from: number, to: number): Found[] {
  const doc = state.doc;
  const skipped: Array<[number, number]> = [];
  const front = frontMatterRange(doc);
  if (front) skipped.push([0, front.bodyStart]);
  syntaxTree(state).iterate({
    from,
    to,
    enter: (node) => {
      if (!SKIPPED.has(node.name)) return true;
      skipped.push([node.from, node.to]);
      return false;
    },
  });
  const found: Found[] = [];
  let inMath = displayMathOpenBefore(doc, from);
  for (let pos = from; pos <= to; ) {
    const line = doc.lineAt(pos);
    if (line.text.trim() === '$$') inMath = !inMath;
    else if (!inMath) {
      const text = line.text.replace(INLINE_MATH, blank).replace(ADDRESSES, blank).replace(KEYS, blank);
      WORD.lastIndex = 0;
      for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
        const start = line.from + match.index;
        const end = start + match[0].length;
        const before = text[match.index - 1] ?? '';
        const after = text[match.index + match[0].length] ?? '';
        // Handles, tags, file names, footnote labels and identifiers are not words to spell.
        if (/[@#/\\_\d^]/.test(before) || (before === '.' && /\p{L}/u.test(text[match.index - 2] ?? ''))) continue;
        if (/[_\d]/.test(after) || (after === '.' && /\p{L}/u.test(text[match.index + match[0].length + 1] ?? ''))) continue;
        if (skipped.some(([a, b]) => start < b && end > a)) continue;
        found.push({ from: start, to: end, word: match[0].replace(/’/g, "'") });
      }
    }
    if (line.to >= doc.length) break;
    pos = line.to + 1;
  }
  return found;
}

/// Whether a `$$` display-math block is open at `pos`: counted from the top by lines (cheap,
/// and only done after a pause).
function displayMathOpenBefore(doc: Text, pos: number): boolean {
  let open = false;
  const last = doc.lineAt(pos).number - 1;
  for (let n = 1; n <= last; n++) if (doc.line(n).text.trim() === '$$') open = !open;
  return open;
}

/// The post's `lang:` from its front matter, or null.
export function postLanguage(doc: Text): string | null {
  const front = frontMatterRange(doc);
  if (!front) return null;
  const match = /^lang:[ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)["']?[ \t]*$/m.exec(doc.sliceString(0, front.bodyStart));
  return match?.[1] ?? null;
}

interface MenuAt {
  from: number;
  to: number;
  word: string;
}
const openMenu = StateEffect.define<MenuAt | null>();

export function spellcheck(options: SpellcheckOptions): Extension {
  const quietMs = options.quietMs ?? 400;

  const plugin = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet = Decoration.none;
      lang: string | null = null;
      private known = new Map<string, boolean>();
      private timer: ReturnType<typeof setTimeout> | undefined;
      private idle: number | undefined;
      private run = 0;
      private readonly stopListening: () => void;

      constructor(readonly view: EditorView) {
        this.stopListening = options.speller.onDictionaryChange(() => {
          this.known.clear();
          this.schedule(0);
        });
        this.schedule(0);
      }

      update(update: ViewUpdate) {
        // Only cheap work here: move the underlines with the text and ask for a later check.
        if (update.docChanged) this.decorations = this.decorations.map(update.changes);
        const forced = update.transactions.some((tr) => tr.effects.some((effect) => effect.is(recheckSpelling)));
        if (forced) this.known.clear();
        if (update.docChanged || update.viewportChanged || forced) this.schedule(forced ? 0 : quietMs);
      }

      schedule(delay: number) {
        clearTimeout(this.timer);
        if (this.idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(this.idle);
        this.timer = setTimeout(() => {
          if (typeof requestIdleCallback === 'function') this.idle = requestIdleCallback(() => void this.check(), { timeout: 1000 });
          else void this.check();
        }, delay);
      }

      async check() {
        const run = ++this.run;
        // The checked range is a screenful: parse it first if the background parser has not got
        // there yet (right after a post opens), or code would be checked as prose. When it cannot
        // finish now (a code language still loading), check again a moment later.
        const end = this.view.visibleRanges.reduce((most, range) => Math.max(most, range.to), 0);
        if (!forceParsing(this.view, end, 100)) this.schedule(quietMs * 2);
        const state = this.view.state;
        const lang = options.language(postLanguage(state.doc));
        if (lang !== this.lang) this.known.clear();
        this.lang = lang;
        if (!lang) {
          this.decorations = Decoration.none;
          this.view.dispatch({});
          return;
        }
        const found = this.view.visibleRanges.flatMap(({ from, to }) => proseWords(state, from, to));
        const unknown = [...new Set(found.map((item) => item.word))].filter((word) => !this.known.has(word));
        if (unknown.length > 0) {
          const wrong = await options.speller.misspelled(unknown, lang).catch(() => null);
          if (!wrong) return;
          for (const word of unknown) this.known.set(word, !wrong.has(word));
        }
        if (run !== this.run || this.view.state.doc !== state.doc) return; // the text moved on: the next check comes
        const builder = new RangeSetBuilder<Decoration>();
        for (const item of found) if (this.known.get(item.word) === false) builder.add(item.from, item.to, MISSPELLED);
        this.decorations = builder.finish();
        this.view.dispatch({});
      }

      wordAt(pos: number): MenuAt | null {
        let hit: MenuAt | null = null;
        this.decorations.between(pos, pos, (from, to) => {
          hit = { from, to, word: this.view.state.sliceDoc(from, to) };
          return false;
        });
        return hit;
      }

      destroy() {
        clearTimeout(this.timer);
        if (this.idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(this.idle);
        this.stopListening();
      }
    },
    { decorations: (value) => value.decorations },
  );

  const menuDom = (view: EditorView, at: MenuAt): HTMLElement => {
    const dom = document.createElement('div');
    dom.className = 'cm-spell-menu';
    dom.setAttribute('role', 'menu');
    dom.setAttribute('aria-label', `Spelling of “${at.word}”`);
    const status = dom.appendChild(document.createElement('div'));
    status.className = 'cm-spell-status';
    status.textContent = 'Looking for suggestions…';
    const item = (label: string, run: () => void, className = 'cm-spell-item') => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = className;
      button.setAttribute('role', 'menuitem');
      button.textContent = label;
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        view.dispatch({ effects: openMenu.of(null) });
        run();
      });
      return button;
    };
    const lang = view.plugin(plugin)?.lang ?? 'en';
    void options.speller.suggestions(at.word.replace(/’/g, "'"), lang).then((suggestions) => {
      status.textContent = suggestions.length ? '' : 'No suggestions';
      if (!suggestions.length) status.className = 'cm-spell-status muted';
      else status.remove();
      const add = dom.querySelector('.cm-spell-add');
      for (const suggestion of suggestions) {
        dom.insertBefore(
          item(suggestion, () => {
            if (view.state.sliceDoc(at.from, at.to) !== at.word) return;
            view.dispatch({ changes: { from: at.from, to: at.to, insert: suggestion }, userEvent: 'input.spelling' });
            view.focus();
          }),
          add,
        );
      }
    });
    dom.appendChild(item(`Add “${at.word}” to dictionary`, () => void options.speller.addToDictionary(at.word.replace(/’/g, "'")), 'cm-spell-item cm-spell-add'));
    return dom;
  };

  const menu = StateField.define<Tooltip | null>({
    create: () => null,
    update(value, tr) {
      for (const effect of tr.effects) {
        if (effect.is(openMenu)) {
          const at = effect.value;
          return at ? { pos: at.from, end: at.to, above: false, create: (view) => ({ dom: menuDom(view, at) }) } : null;
        }
      }
      return tr.docChanged || tr.selection ? null : value;
    },
    provide: (field) => showTooltip.from(field),
  });

  return [
    plugin,
    menu,
    hoverTooltip((view, pos) => {
      const at = view.plugin(plugin)?.wordAt(pos);
      if (!at || view.state.field(menu)) return null;
      return { pos: at.from, end: at.to, above: true, create: () => ({ dom: menuDom(view, at) }) };
    }),
    EditorView.domEventHandlers({
      contextmenu(event, view) {
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        const at = pos === null ? null : view.plugin(plugin)?.wordAt(pos);
        if (!at) return false;
        event.preventDefault();
        view.dispatch({ effects: openMenu.of(at) });
        return true;
      },
      keydown(event, view) {
        if (event.key !== 'Escape' || !view.state.field(menu)) return false;
        view.dispatch({ effects: openMenu.of(null) });
        return true;
      },
    }),
    // Only this checker runs: the browser's own would underline the same words differently
    // (and in Electron it would download dictionaries from the internet).
    Prec.high(EditorView.contentAttributes.of({ spellcheck: 'false' })),
    EditorView.baseTheme({
      '.cm-misspelled': { textDecoration: 'underline wavy #d93025', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
      '.cm-spell-menu': { display: 'flex', flexDirection: 'column', minWidth: '180px', padding: '4px', font: '13px/1.4 var(--ui-font, system-ui)' },
      '.cm-spell-item': { textAlign: 'left', border: '0', background: 'none', color: 'inherit', padding: '5px 10px', borderRadius: '4px', cursor: 'pointer', font: 'inherit' },
      '.cm-spell-item:hover, .cm-spell-item:focus-visible': { background: 'var(--accent-soft, #fbe7dc)' },
      '.cm-spell-add': { borderTop: '1px solid var(--border, #ddd)', borderRadius: '0', marginTop: '2px' },
      '.cm-spell-status': { padding: '5px 10px', color: 'var(--muted, #777)' },
    }),
  ];
}
