// @vitest-environment jsdom
// A long post's syntax tree is built to its end while the page is idle (parse-ahead.ts), so
// jumping into it leaves CodeMirror's background parser nothing to do while the writer types
// there. Tier 1 with a DOM emulation: CodeMirror's own view, no browser.
import { markdown } from '@codemirror/lang-markdown';
import { syntaxTree, syntaxTreeAvailable } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAhead } from '../../../renderer/editor/extensions/parse-ahead';

// About 400,000 characters: far past what CodeMirror parses ahead of the screen (100,000).
function longPost(): string {
  const parts = ['---', 'title: Tide pools through the year', '---', ''];
  for (let i = 0; i < 1500; i++) {
    parts.push(`## Visit ${i}`, '', `The anemones at pool ${i} closed as the tide went out; we counted **${i % 40} crabs** and one [sea star](https://example.org/${i}).`, '');
    if (i % 25 === 0) parts.push('```', `counts = [${i}, ${i + 1}]`, '```', '');
    else parts.push(`- low water at ${i % 12} o'clock`, `- ${'water cold, wind from the west, '.repeat(4)}`, '');
  }
  return parts.join('\n');
}

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((view) => view.destroy()));

function open(text: string, extensions = [markdown(), parseAhead()]): EditorView {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc: text, extensions }) });
  views.push(view);
  return view;
}

/// Lets the page be idle `times` times (a slice of work each, at most).
async function idle(view: EditorView, until: () => boolean, times = 2_000): Promise<number> {
  for (let i = 0; i < times; i++) {
    if (until()) return i;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return times;
}

describe('parsing a long post ahead', () => {
  it('builds the tree to the end of the post in many short slices, without the writer going there', async () => {
    const view = open(longPost());
    const end = view.state.doc.length;
    expect(end).toBeGreaterThan(350_000);
    expect(syntaxTreeAvailable(view.state, end)).toBe(false);
    const slices = await idle(view, () => syntaxTreeAvailable(view.state, end));
    expect(syntaxTreeAvailable(view.state, end)).toBe(true);
    // Not at once: a key pressed meanwhile waits for a slice, not for the whole post.
    expect(slices).toBeGreaterThan(3);
    // The tree is the whole post's: the last heading is known as a heading.
    view.dispatch({ selection: { anchor: end } });
    const lastHeading = view.state.doc.toString().lastIndexOf('## Visit 1499') + 3;
    expect(syntaxTree(view.state).resolveInner(lastHeading, 1).name).toBe('ATXHeading2');
  });

  it('keeps the tree whole as the writer types in the middle', async () => {
    const view = open(longPost());
    await idle(view, () => syntaxTreeAvailable(view.state, view.state.doc.length));
    const middle = view.state.doc.line(Math.floor(view.state.doc.lines / 2)).to;
    for (const [i, key] of [...'and a hermit crab'].entries()) {
      view.dispatch({ changes: { from: middle + i, insert: key }, userEvent: 'input.type' });
      // Each key's own transaction re-parses around its change within CodeMirror's budget for
      // it (20 ms); on a busy machine what it could not finish is parsed ahead once idle.
      await idle(view, () => syntaxTreeAvailable(view.state, view.state.doc.length));
      expect(syntaxTreeAvailable(view.state, view.state.doc.length)).toBe(true);
    }
    const typed = view.state.doc.toString().indexOf('and a hermit crab');
    expect(typed).toBeGreaterThan(0);
    expect(syntaxTree(view.state).resolveInner(view.state.doc.length - 2, -1).name).not.toBe('Document');
  });

  it('parses again what an edit leaves unparsed, such as a pasted chapter', async () => {
    const view = open(longPost());
    await idle(view, () => syntaxTreeAvailable(view.state, view.state.doc.length));
    const chapter = longPost().slice(0, longPost().indexOf('## Visit 500')).replace(/^---[\s\S]*?---\n/, '').replaceAll('Visit', 'Dive');
    view.dispatch({ changes: { from: view.state.doc.line(5).from, insert: chapter }, userEvent: 'input.paste' });
    const end = view.state.doc.length;
    await idle(view, () => syntaxTreeAvailable(view.state, end));
    expect(syntaxTreeAvailable(view.state, end)).toBe(true);
  });

  it('without it, CodeMirror alone leaves the end of a long post unparsed until the writer goes there', async () => {
    const view = open(longPost(), [markdown()]);
    await idle(view, () => false, 200);
    expect(syntaxTreeAvailable(view.state, view.state.doc.length)).toBe(false);
  });
});
