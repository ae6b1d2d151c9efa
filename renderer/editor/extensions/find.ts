/// Find and replace as a writer's panel: labelled fields, "3 of 12", Enter / Shift+Enter for
/// next / previous, Escape to close, and colours from the app's own variables.
import {
  closeSearchPanel,
  findNext,
  findPrevious,
  getSearchQuery,
  replaceAll,
  replaceNext,
  search,
  SearchQuery,
  setSearchQuery,
} from '@codemirror/search';
import type { EditorState, Extension } from '@codemirror/state';
import { EditorView, runScopeHandlers, type Panel, type ViewUpdate } from '@codemirror/view';
import { afterQuiet, inIdleSlices } from '../../idle';
import { describeCount, MatchSeek, MatchTally } from './find-count';

// A new search is counted this long at once; the rest of a long post in idle slices, which
// run within this long at the latest.
const COUNT_SLICE_MS = 6;
const COUNT_TIMEOUT_MS = 1000;
// After an edit the count waits for a pause in typing.
const RECOUNT_PAUSE_MS = 300;
// Search as you type seeks the first match this long at once, then in idle slices.
const SEEK_SLICE_MS = 4;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/// Whether two queries search for the same thing (whatever they would replace it with).
function sameSearch(a: SearchQuery, b: SearchQuery): boolean {
  return a.search === b.search && a.caseSensitive === b.caseSensitive && a.regexp === b.regexp && a.wholeWord === b.wholeWord && a.literal === b.literal;
}

function findPanel(view: EditorView): Panel {
  const query = getSearchQuery(view.state);
  const findField = element('input', { type: 'text', 'main-field': 'true', 'aria-label': 'Find', placeholder: 'Find', spellcheck: 'false' });
  const replaceField = element('input', { type: 'text', 'aria-label': 'Replace with', placeholder: 'Replace with', spellcheck: 'false' });
  const count = element('span', { class: 'pw-find-count', 'data-testid': 'find-count', 'aria-live': 'polite' });
  const toggle = (label: string, title: string) => element('button', { type: 'button', class: 'pw-find-toggle', 'aria-pressed': 'false', title }, label);
  const caseToggle = toggle('Aa', 'Match case');
  const wordToggle = toggle('Word', 'Whole words only');
  const regexToggle = toggle('.*', 'Regular expression');
  caseToggle.setAttribute('aria-label', 'Match case');
  wordToggle.setAttribute('aria-label', 'Whole words only');
  regexToggle.setAttribute('aria-label', 'Regular expression');
  const button = (label: string, title: string, run: () => void, name = label) => {
    const node = element('button', { type: 'button', class: 'pw-find-button', title, 'aria-label': name }, label);
    node.addEventListener('click', run);
    return node;
  };
  const pressed = (node: HTMLElement) => node.getAttribute('aria-pressed') === 'true';

  const show = (q: SearchQuery) => {
    if (findField.value !== q.search) findField.value = q.search;
    if (replaceField.value !== q.replace) replaceField.value = q.replace;
    caseToggle.setAttribute('aria-pressed', String(q.caseSensitive));
    wordToggle.setAttribute('aria-pressed', String(q.wholeWord));
    regexToggle.setAttribute('aria-pressed', String(q.regexp));
  };
  // The count of the current query, done or under way (an edit leaves the last one in place
  // until typing pauses; it still describes its own document).
  let tally: MatchTally | null = null;
  let stopSlices = () => {};
  const showCount = () => {
    if (!tally) return;
    const q = getSearchQuery(view.state);
    count.textContent = describeCount(tally.countFor(view.state.selection.main), q);
    count.classList.toggle('pw-find-none', q.search !== '' && count.textContent !== '' && !/\d/.test(count.textContent));
  };
  const countOn = (more: () => boolean) => {
    const done = tally!.run(more);
    if (done) showCount();
    return done;
  };
  /// Counts the query in the state anew: at once as far as a slice goes, then in idle slices
  /// ("Counting…" meanwhile).
  const recount = (state: EditorState) => {
    stopSlices();
    recountLater.cancel();
    tally = new MatchTally(state, getSearchQuery(state));
    const started = performance.now();
    if (countOn(() => performance.now() - started < COUNT_SLICE_MS)) return;
    count.textContent = 'Counting…';
    stopSlices = inIdleSlices(countOn, COUNT_TIMEOUT_MS);
  };
  const recountLater = afterQuiet(() => recount(view.state), RECOUNT_PAUSE_MS);
  const read = () =>
    new SearchQuery({
      search: findField.value,
      replace: replaceField.value,
      caseSensitive: pressed(caseToggle),
      wholeWord: pressed(wordToggle),
      regexp: pressed(regexToggle),
    });
  /// Search as you type: the first match from where the selection starts is selected (from the
  /// top if there is none after it). Sought a slice at a time: a search with no match in a long
  /// post read the whole text on every key typed into the field (130 ms at 50,000 words).
  let stopSeek = () => {};
  const commit = (jump: boolean) => {
    const next = read();
    const current = getSearchQuery(view.state);
    if (next.eq(current)) return;
    // Typing a replacement leaves a search under way to land.
    if (!sameSearch(next, current)) stopSeek();
    view.dispatch({ effects: setSearchQuery.of(next) });
    if (!jump || !next.valid || next.search === '') return;
    const from = view.state;
    const seek = new MatchSeek(from, next, from.selection.main.from);
    const step = (more: () => boolean) => {
      if (!seek.run(more)) return false;
      // Only if nothing has moved on meanwhile: the text, the selection or what is searched.
      const now = view.state;
      if (!seek.found || now.doc !== from.doc || !now.selection.eq(from.selection) || !sameSearch(getSearchQuery(now), next)) return true;
      view.dispatch({
        selection: { anchor: seek.found.from, head: seek.found.to },
        effects: EditorView.scrollIntoView(seek.found.from, { y: 'center' }),
        userEvent: 'select.search',
      });
      return true;
    };
    const started = performance.now();
    if (step(() => performance.now() - started < SEEK_SLICE_MS)) return;
    stopSeek = inIdleSlices(step, COUNT_TIMEOUT_MS);
  };

  findField.addEventListener('input', () => commit(true));
  replaceField.addEventListener('input', () => commit(false));
  for (const node of [caseToggle, wordToggle, regexToggle]) {
    node.addEventListener('click', () => {
      node.setAttribute('aria-pressed', String(!pressed(node)));
      commit(true);
    });
  }

  const close = button('×', 'Close (Escape)', () => closeSearchPanel(view), 'Close find and replace');
  close.classList.add('pw-find-close');
  // A grid, so both fields line up and the buttons wrap under them in a narrow split view.
  const dom = element(
    'div',
    { class: 'pw-find', role: 'search', 'aria-label': 'Find and replace' },
    element('label', { class: 'pw-find-label' }, 'Find'),
    findField,
    element(
      'div',
      { class: 'pw-find-group' },
      count,
      button('↑', 'Previous match (Shift+Enter)', () => findPrevious(view), 'Previous match'),
      button('↓', 'Next match (Enter)', () => findNext(view), 'Next match'),
      caseToggle,
      wordToggle,
      regexToggle,
    ),
    close,
    element('label', { class: 'pw-find-label' }, 'Replace'),
    replaceField,
    element(
      'div',
      { class: 'pw-find-group' },
      button('Replace', 'Replace this match (Enter in the field)', () => replaceNext(view)),
      button('Replace all', 'Replace every match', () => replaceAll(view)),
    ),
  );
  dom.addEventListener('keydown', (event) => {
    if (runScopeHandlers(view, event, 'search-panel')) {
      event.preventDefault();
    } else if (event.key === 'Enter' && event.target === findField) {
      event.preventDefault();
      (event.shiftKey ? findPrevious : findNext)(view);
    } else if (event.key === 'Enter' && event.target === replaceField) {
      event.preventDefault();
      replaceNext(view);
    }
  });
  show(query);
  recount(view.state);

  return {
    dom,
    top: true,
    // Ctrl+F when already open focuses [main-field]; the first time, the panel does it.
    mount: () => findField.select(),
    update(update: ViewUpdate) {
      for (const tr of update.transactions) {
        for (const effect of tr.effects) if (effect.is(setSearchQuery)) show(effect.value);
      }
      if (update.transactions.some((tr) => tr.effects.some((e) => e.is(setSearchQuery)))) recount(update.state);
      else if (update.docChanged) {
        stopSlices();
        recountLater.poke();
      } else if (update.selectionSet && tally?.done && tally.doc === update.state.doc) showCount();
    },
    destroy: () => {
      stopSeek();
      stopSlices();
      recountLater.cancel();
    },
  };
}

const panelTheme = EditorView.theme({
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.pw-find': {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(120px, 1fr) auto auto',
    alignItems: 'center',
    gap: '6px 8px',
    padding: '8px 10px 8px 14px',
    font: '13px/1.4 var(--ui-font)',
    color: 'var(--text)',
    backgroundColor: 'var(--panel-bg)',
  },
  '.pw-find-group': { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px' },
  '.pw-find-label': { color: 'var(--muted)', fontSize: '12px' },
  '.pw-find-button.pw-find-close': { border: 'none', backgroundColor: 'transparent', fontSize: '16px', lineHeight: '1', padding: '2px 6px', color: 'var(--muted)' },
  '.pw-find input': {
    minWidth: '0',
    padding: '5px 9px',
    borderRadius: '6px',
    border: '1px solid var(--border)',
    backgroundColor: 'var(--editor-bg)',
    color: 'var(--text)',
    font: 'inherit',
  },
  '.pw-find input:focus': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.pw-find-count': { minWidth: '64px', color: 'var(--muted)', fontSize: '12px', fontVariantNumeric: 'tabular-nums' },
  '.pw-find-count.pw-find-none': { color: 'var(--danger)' },
  '.pw-find-button, .pw-find-toggle': {
    font: 'inherit',
    fontSize: '12px',
    padding: '4px 10px',
    borderRadius: '6px',
    border: '1px solid var(--border)',
    backgroundColor: 'var(--panel-bg)',
    color: 'var(--text)',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
  },
  '.pw-find-button:hover, .pw-find-toggle:hover': { borderColor: 'var(--muted)' },
  '.pw-find-button:focus-visible, .pw-find-toggle:focus-visible': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.pw-find-toggle': { padding: '4px 7px', fontFamily: 'var(--editor-font)', fontSize: '11px', color: 'var(--muted)' },
  '.pw-find-toggle[aria-pressed="true"]': { backgroundColor: 'var(--accent-soft)', borderColor: 'var(--accent)', color: 'var(--accent)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)', borderRadius: '2px' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--selection)', outline: '1px solid var(--accent)' },
});

export function findAndReplace(): Extension {
  return [search({ top: true, createPanel: findPanel }), panelTheme];
}
