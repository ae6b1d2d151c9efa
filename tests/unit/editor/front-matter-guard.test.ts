/// Typing never unmakes the front matter; a post opens with the cursor in its body.
import { EditorSelection, EditorState, type TransactionSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { bodyCursor, frontMatterGuard, trustedEdit } from '../../../renderer/editor/extensions/front-matter-guard';

const POST = '---\ntitle: Tide pools\nstatus: draft\n---\n\nLow tide.\n';
const BODY = POST.indexOf('\nLow');

function edit(doc: string, spec: TransactionSpec): { doc: string; cursor: number } {
  const state = EditorState.create({ doc, extensions: frontMatterGuard() });
  const next = state.update(spec).state;
  return { doc: next.doc.toString(), cursor: next.selection.main.head };
}

describe('front matter guard', () => {
  it('moves typing before the opening fence to the start of the body', () => {
    const result = edit(POST, { changes: { from: 0, insert: 'Hello' }, selection: EditorSelection.cursor(5), userEvent: 'input.type' });
    expect(result.doc).toBe('---\ntitle: Tide pools\nstatus: draft\n---\nHello\nLow tide.\n');
    expect(result.cursor).toBe(BODY + 5);
  });

  it('ignores Backspace at the start of the body and Delete before the fence', () => {
    const tight = '---\ntitle: A\n---\nText';
    const start = tight.indexOf('Text');
    expect(edit(tight, { changes: { from: start - 1, to: start }, userEvent: 'delete.backward' }).doc).toBe(tight);
    expect(edit(POST, { changes: { from: 0, to: 1 }, userEvent: 'delete.forward' }).doc).toBe(POST);
  });

  it('select-all and type replaces the body only', () => {
    const result = edit(POST, { changes: { from: 0, to: POST.length, insert: 'New text' }, userEvent: 'input.type' });
    expect(result.doc).toBe('---\ntitle: Tide pools\nstatus: draft\n---\nNew text');
  });

  it('adds the line break a fence at the very end lacks', () => {
    const doc = '---\ntitle: A\n---';
    expect(edit(doc, { changes: { from: 0, insert: 'x' }, userEvent: 'input.type' }).doc).toBe('---\ntitle: A\n---\nx');
  });

  it('lets the writer edit the YAML between the fences', () => {
    const at = POST.indexOf('draft');
    expect(edit(POST, { changes: { from: at, to: at + 5, insert: 'published' }, userEvent: 'input.type' }).doc).toContain('status: published\n---');
  });

  it('leaves undo, outside edits and posts without front matter alone', () => {
    expect(edit(POST, { changes: { from: 0, to: 4 }, userEvent: 'undo' }).doc).toBe(POST.slice(4));
    expect(edit(POST, { changes: { from: 0, to: 4 }, userEvent: 'input.replace', annotations: trustedEdit.of(true) }).doc).toBe(POST.slice(4));
    expect(edit('Just text', { changes: { from: 0, insert: '# ' }, userEvent: 'input.type' }).doc).toBe('# Just text');
  });
});

describe('cursor on open', () => {
  const at = (doc: string) => bodyCursor(EditorState.create({ doc }).doc);

  it('is on the first written line of the body', () => {
    expect(at(POST)).toBe(POST.indexOf('Low'));
  });

  it('is just below the front matter of a new post', () => {
    expect(at('---\ntitle: A\n---\n\n')).toBe('---\ntitle: A\n---\n'.length);
    expect(at('---\ntitle: A\n---')).toBe('---\ntitle: A\n---'.length);
  });

  it('is at the start of a post without front matter', () => {
    expect(at('# Title\n\nText')).toBe(0);
    expect(at('---\nnot closed')).toBe(0);
  });
});
