import { describe, expect, it } from 'vitest';
import { normalizeTerm, planQuery, plainText, snippet, stripFrontMatter, tokenize } from '../../../main/library/search-text';

const marked = (segments: Array<{ text: string; match: boolean }>) => segments.map((s) => (s.match ? `<${s.text}>` : s.text)).join('');

describe('search text', () => {
  it('splits words on markdown punctuation, tabs and symbols', () => {
    expect(tokenize('**Bold**\t`code` a|b x+y don’t 日本語')).toEqual(['Bold', 'code', 'a', 'b', 'x', 'y', 'don', 't', '日本語']);
  });

  it('lower-cases and folds accents so “cafe” finds “Café”', () => {
    expect(normalizeTerm('Café')).toBe('cafe');
    expect(normalizeTerm('NAÏVE')).toBe('naive');
    expect(normalizeTerm('x'.repeat(61))).toBeNull();
  });

  it('plans a query: whole words, the word being typed, common words dropped unless alone', () => {
    expect(planQuery('The Lisbon tra')).toEqual({ words: ['lisbon'], typing: 'tra', titlesOnly: false });
    expect(planQuery('the lisbon tram ')).toEqual({ words: ['lisbon', 'tram'], typing: null, titlesOnly: false });
    expect(planQuery('river a')).toEqual({ words: ['river'], typing: null, titlesOnly: false }); // one letter: not yet a prefix
    expect(planQuery('to be or not to be ')).toEqual({ words: ['to', 'be', 'or', 'not', 'to', 'be'], typing: null, titlesOnly: true });
    expect(planQuery(' … !! ')).toBeNull();
  });

  it('reads markdown as a reader would: no URLs, marks or tags', () => {
    expect(plainText('# Title\n\nSee [my **post**](https://example.com/x) and ![a cat](cat.jpg) <b>now</b>.')).toBe(
      'Title See my post and a cat now .',
    );
    expect(stripFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nBody')).toBe('Body');
    expect(stripFrontMatter('---\nno closing fence\nBody')).toBe('---\nno closing fence\nBody');
  });

  it('cuts short passages around matches and marks the matched words', () => {
    const text = `${'Filler words here. '.repeat(10)}The lighthouse keeper waved. ${'More filler text. '.repeat(10)}Another Lighthouse at dusk.`;
    const segments = snippet(text, new Set(['lighthouse']));
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['lighthouse', 'Lighthouse']);
    const shown = marked(segments);
    expect(shown).toMatch(/^…/);
    expect(shown).toContain('The <lighthouse> keeper waved.');
    expect(shown).toContain('Another <Lighthouse> at dusk.');
    expect(shown.length).toBeLessThan(text.length);
  });

  it('gives at most three passages, and none when nothing matches', () => {
    const text = Array.from({ length: 10 }, (_, i) => `${'pad '.repeat(40)}needle${i}`).join(' ');
    const segments = snippet(text, (term) => term.startsWith('needle'));
    expect(segments.filter((s) => s.match)).toHaveLength(3);
    expect(snippet(text, new Set(['absent']))).toEqual([]);
    expect(marked(snippet('short needle0 text', new Set(['needle0'])))).toBe('short <needle0> text');
  });
});
