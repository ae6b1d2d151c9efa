// @vitest-environment jsdom
// The find panel's search as you type in a long post (find.ts): the jump to the first match is
// sought a slice at a time, and typing a replacement meanwhile must not lose it. Tier 1 with a
// DOM emulation: CodeMirror's own view and panel, no browser.
import { openSearchPanel } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { findAndReplace } from '../../../renderer/editor/extensions/find';

// jsdom lays nothing out and has no client rects for a range, which CodeMirror measures with
// when it scrolls a match into view: empty ones, as for text not drawn.
Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((view) => view.destroy()));

// The only whelk at the very end of about 400,000 characters: far more than one slice reads.
const doc = 'The pools at low tide held anemones, limpets and weed.\n'.repeat(7500) + 'A hermit crab in a whelk shell.\n';

function panelOf(): { view: EditorView; find: HTMLInputElement; replace: HTMLInputElement } {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc, extensions: [findAndReplace()] }) });
  views.push(view);
  openSearchPanel(view);
  const field = (name: string) => view.dom.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`)!;
  return { view, find: field('Find'), replace: field('Replace with') };
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

/// Lets `times` tasks run (slices of the search among them), or fewer if `until` holds sooner.
async function settle(until: () => boolean, times = 2000): Promise<void> {
  for (let i = 0; i < times && !until(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('search as you type in a long post', () => {
  it('lands on a match far below the cursor once the search reaches it', async () => {
    const { view, find } = panelOf();
    type(find, 'whelk');
    const at = doc.indexOf('whelk');
    await settle(() => view.state.selection.main.from === at);
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('whelk');
  });

  it('still lands when a replacement is typed while the search is under way', async () => {
    const { view, find, replace } = panelOf();
    type(find, 'whelk');
    // Not there yet: the rest of the post is read in slices.
    expect(view.state.selection.main.from).toBe(0);
    type(replace, 'periwinkle');
    const at = doc.indexOf('whelk');
    await settle(() => view.state.selection.main.from === at);
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('whelk');
  });

  it('does not jump once the writer has moved on: a newer search, or the cursor moved', async () => {
    const { view, find } = panelOf();
    type(find, 'whelk');
    type(find, 'anemones');
    await settle(() => false, 400);
    expect(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to)).toBe('anemones');
    type(find, 'hermit');
    view.dispatch({ selection: { anchor: 100 } });
    // The count reads the whole post, as the search for the one hermit at its end does.
    const count = view.dom.querySelector('[data-testid="find-count"]')!;
    await settle(() => count.textContent === '1 match');
    expect(count.textContent).toBe('1 match');
    await settle(() => false, 100);
    expect(view.state.selection.main.from).toBe(100);
  });
});
