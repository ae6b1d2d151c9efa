/// Flesch reading ease of the prose a reader reads: markup, code, math and addresses left out.
import { describe, expect, it } from 'vitest';
import { countProse, proseParagraphs, readabilityOf, syllablesOf } from '../../../shared/readability';

describe('readability', () => {
  it('counts syllables as a reader says them', () => {
    expect(syllablesOf('cat')).toBe(1);
    expect(syllablesOf('make')).toBe(1);
    expect(syllablesOf('table')).toBe(2);
    expect(syllablesOf('photosynthesis')).toBe(5);
  });

  it('scores short plain sentences as easy and long Latinate ones as hard', () => {
    const easy = readabilityOf('The cat sat on the mat. The dog ran to the park. We had fun in the sun.');
    const hard = readabilityOf(
      'Photosynthetic organisms, notwithstanding considerable environmental variability, systematically demonstrate extraordinarily sophisticated physiological adaptations characterising evolutionary optimisation.',
    );
    expect(easy.score).toBeGreaterThan(90);
    expect(easy.label).toBe('easy');
    expect(hard.score).toBeLessThan(10);
    expect(hard.label).toBe('very hard');
  });

  it('matches the Flesch formula on a known passage', () => {
    // 13 words, 2 sentences, 14 syllables ("to-day" has two).
    expect(countProse('The sun is hot today. We will swim in the cold blue lake.')).toEqual({ words: 13, sentences: 2, syllables: 14 });
    // 10 words, 1 sentence, 20 syllables: 206.835 - 1.015 * 10 - 84.6 * 2 = 27.485.
    const passage = 'Many animals travel great distances every winter looking for food.';
    expect(countProse(passage)).toEqual({ words: 10, sentences: 1, syllables: 20 });
    expect(readabilityOf(passage).score).toBe(27);
  });

  it('leaves out code, math, links and addresses but keeps link text', () => {
    const body = [
      'Read [the long report](https://example.com/a-very-long-address) today.',
      '',
      '```js',
      'const extraordinarilyComplicatedIdentifier = 1;',
      '```',
      '',
      '$$',
      'E = mc^2',
      '$$',
      '',
      'Inline `code` and $x^2$ and https://example.org are skipped.',
    ].join('\n');
    const paragraphs = proseParagraphs(body);
    expect(paragraphs.join(' ')).not.toMatch(/extraordinarily|example|mc\^2|x\^2/);
    expect(paragraphs.join(' ')).toContain('the long report');
  });

  it('has no score for too little text', () => {
    expect(readabilityOf('Hi.').score).toBeNull();
    expect(readabilityOf('').score).toBeNull();
  });

  it('uses the variant for the post’s language', () => {
    const text = 'La photosynthèse transforme la lumière du soleil en énergie chimique dans les chloroplastes.';
    expect(readabilityOf(text, 'fr').score).not.toBe(readabilityOf(text, 'en').score);
  });
});
