/// The spelling service every host serves: the bundled dictionaries by language, and the
/// library's own word list in `.postwright/dictionary.txt`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { welcomePost } from '../../main/library/welcome';
import { servicesPerTest } from './services-per-test';
import { markdownSupport } from '../../renderer/editor/extensions/markdown';
import { proseWords } from '../../renderer/editor/extensions/spellcheck';
import { makeSpeller, spelledRight } from '../../renderer/src/spell/checker';

const each = servicesPerTest('pw-spell-');
const { call } = each;

describe('spelling service', () => {
  it('serves the dictionary a post’s lang: asks for, which checks that variety of the language', async () => {
    const british = await call<{ lang: string; aff: string; dic: string }>('spelling.dictionary', 'en_GB');
    expect(british.lang).toBe('en-gb');
    const american = await call<{ lang: string; aff: string; dic: string }>('spelling.dictionary', 'en-US');
    expect(american.lang).toBe('en');
    expect(nspell(british).correct('colour')).toBe(true);
    expect(nspell(american).correct('colour')).toBe(false);
    expect(nspell(american).correct('color')).toBe(true);
    // An unknown language falls back to English rather than failing.
    expect((await call<{ lang: string }>('spelling.dictionary', 'xx-YY')).lang).toBe('en');
  });

  it('underlines nothing in the welcome post a new writer first sees (in the default American English)', async () => {
    const text = welcomePost('2026-11-30');
    const created = EditorState.create({ doc: text, extensions: markdownSupport() });
    ensureSyntaxTree(created, created.doc.length, 5000);
    const state = created.update({}).state; // as the editor has it once parsed
    const words = [...new Set(proseWords(state, 0, state.doc.length).map((found) => found.word))];
    expect(words).toContain('Postwright');
    for (const lang of ['en']) {
      const dictionary = await call<{ aff: string; dic: string }>('spelling.dictionary', lang);
      const speller = makeSpeller(dictionary.aff, dictionary.dic, []);
      expect(words.filter((word) => !spelledRight(speller, word, [])), lang).toEqual([]);
    }
  });

  it('adds words to the library’s dictionary once each, kept in .postwright/', async () => {
    expect(await call<string[]>('spelling.words')).toEqual([]);
    await call('spelling.addWord', 'Zostrawort');
    await call('spelling.addWord', 'anemometer');
    expect(await call<string[]>('spelling.addWord', 'Zostrawort')).toEqual(['anemometer', 'Zostrawort']);
    expect(readFileSync(path.join(each.services.library.root, '.postwright', 'dictionary.txt'), 'utf8')).toBe('anemometer\nZostrawort\n');
  });

  it('refuses a “word” with spaces or line breaks, which would smuggle several into the list', async () => {
    const envelope = await each.services.dispatch('spelling.addWord', ['two words\nthree']);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('invalid-argument');
    expect(await call<string[]>('spelling.words')).toEqual([]);
  });
});
