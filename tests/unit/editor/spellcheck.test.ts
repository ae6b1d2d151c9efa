/// Which words the spell checker looks at: prose only. Tier 1: an EditorState with the app's
/// markdown parser, no DOM.
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { markdownSupport } from '../../../renderer/editor/extensions/markdown';
import { postLanguage, proseWords } from '../../../renderer/editor/extensions/spellcheck';

function wordsOf(doc: string): string[] {
  const created = EditorState.create({ doc, extensions: markdownSupport() });
  ensureSyntaxTree(created, created.doc.length, 5000);
  // The next state takes up the tree parsed so far, as the editor's does in the background.
  const state = created.update({}).state;
  return proseWords(state, 0, state.doc.length).map((found) => found.word);
}

describe('spell check: prose words', () => {
  it('skips the front matter, code, URLs, HTML and math', () => {
    const doc = [
      '---',
      'title: Tyde poolz',
      'lang: en-GB',
      '---',
      'Anemmones open at high tide.',
      '',
      'Run `codde` or see https://example.org/pathh and <span class="klass">inside</span>.',
      '',
      '```python',
      'def functionn(): pass',
      '```',
      '',
      'Energy $E = mcc^2$ grows.',
      '',
      '$$',
      '\\frac{abcc}{d}',
      '$$',
      '',
      'Read [the reportt](https://example.org/rep) and ![a crabb](crab.png).',
    ].join('\n');
    const words = wordsOf(doc);
    expect(words).toEqual(expect.arrayContaining(['Anemmones', 'open', 'tide', 'Run', 'inside', 'Energy', 'grows', 'reportt', 'crabb']));
    for (const skipped of ['Tyde', 'poolz', 'codde', 'pathh', 'klass', 'span', 'functionn', 'mcc', 'abcc', 'frac', 'rep', 'png']) {
      expect(words, skipped).not.toContain(skipped);
    }
  });

  it('leaves out web and mail addresses and key names, even before the parser reaches them', () => {
    // Straight from a new state: the background parser has not run, as right after a post opens.
    const doc = 'Read [the notes](https://example.org/pathh) or www.tidepools.example/mapp, mail anna.k@schooll.edu, and press **Ctrl+S** or Cmd-Shift-P.';
    const state = EditorState.create({ doc, extensions: markdownSupport() });
    const words = proseWords(state, 0, state.doc.length).map((found) => found.word);
    expect(words).toEqual(expect.arrayContaining(['Read', 'notes', 'mail', 'press']));
    for (const skipped of ['https', 'pathh', 'www', 'tidepools', 'mapp', 'anna', 'schooll', 'edu', 'Ctrl', 'Cmd', 'Shift']) expect(words, skipped).not.toContain(skipped);
  });

  it('keeps apostrophes inside words and leaves out handles, hashtags and file names', () => {
    const words = wordsOf("The crab's shell isn’t soft. Ask @marinebio about #tidepools in notes.txt today.");
    expect(words).toEqual(expect.arrayContaining(["crab's", "isn't", 'Ask', 'about', 'today']));
    expect(words).not.toContain('marinebio');
    expect(words).not.toContain('tidepools');
    expect(words).not.toContain('txt');
    expect(words).not.toContain('notes');
  });

  it('reads the post’s language from its front matter only', () => {
    expect(postLanguage(Text.of(['---', 'title: A', 'lang: fr-CA', '---', 'Bonjour']))).toBe('fr-CA');
    expect(postLanguage(Text.of(['---', 'title: A', '---', 'lang: de']))).toBeNull();
    expect(postLanguage(Text.of(['No front matter']))).toBeNull();
  });
});
