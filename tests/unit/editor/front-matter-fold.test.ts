/// The folded front matter: one line that says what it holds, and the text left untouched.
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { frontMatterFold, frontMatterSummary, setFrontMatterFolded } from '../../../renderer/editor/extensions/front-matter-fold';

describe('front matter summary', () => {
  it('reads title, status and the number of tags', () => {
    expect(frontMatterSummary('---\ntitle: Tide pools\nstatus: draft\ntags: [a, b, c]\n---')).toBe('Tide pools · draft · 3 tags');
    expect(frontMatterSummary('---\ntitle: One\ntags: [a]\n---')).toBe('One · 1 tag');
    expect(frontMatterSummary('---\nstatus: published\n---')).toBe('Untitled · published');
  });

  it('gives nothing for a front matter with an error, so it stays open', () => {
    expect(frontMatterSummary('---\ntitle: "Unclosed\ntags: [a\n---')).toBeNull();
  });
});

describe('front matter fold', () => {
  it('folds and unfolds without touching the text', () => {
    const doc = '---\ntitle: A\n---\n\nBody\n';
    let state = EditorState.create({ doc, extensions: frontMatterFold() });
    state = state.update({ effects: setFrontMatterFolded.of(false) }).state;
    state = state.update({ effects: setFrontMatterFolded.of(true) }).state;
    expect(state.doc.toString()).toBe(doc);
  });
});
