/// Pandoc's citation syntax as a science blogger writes it.
import { describe, expect, it } from 'vitest';
import { parseCluster, scanScience } from '../../../shared/render/science/syntax';

describe('citation clusters', () => {
  it('reads prefixes, locators and suffixes, and author suppression', () => {
    expect(parseCluster('see @a2019, p. 4; -@b2021 and others')).toEqual([
      { key: 'a2019', prefix: 'see', suffix: '', locator: '4', label: 'page', suppressAuthor: false },
      { key: 'b2021', prefix: '', suffix: 'and others', suppressAuthor: true },
    ]);
    expect(parseCluster('@smith2020, chap. 3')).toEqual([{ key: 'smith2020', prefix: '', suffix: '', locator: '3', label: 'chapter', suppressAuthor: false }]);
  });

  it('is not a citation when a part names no key, or the @ belongs to an address', () => {
    expect(parseCluster('email me at jo@example.org')).toBeNull();
    expect(parseCluster('@a; no key here')).toBeNull();
  });

  it('a key ends before trailing punctuation', () => {
    expect(parseCluster('@smith2020.')?.[0]?.key).toBe('smith2020');
  });
});

describe('the whole-post scan', () => {
  it('numbers labels in order and lists cited keys once, skipping code', () => {
    const scan = scanScience(
      [
        'As @b says [@a; @b].',
        '```',
        '@notacitation {#fig:incode}',
        '```',
        'Inline `@code` is not a citation.',
        '![x](x.png){#fig:one}',
        ': Caption {#tbl:t}',
        '![y](y.png){#fig:two}',
      ].join('\n'),
    );
    expect(scan.cites.map((cite) => cite.key)).toEqual(['b', 'a']);
    expect(scan.cites.find((cite) => cite.key === 'b')?.bracketed).toBe(true);
    expect(scan.labels).toEqual([
      { kind: 'fig', id: 'fig:one' },
      { kind: 'tbl', id: 'tbl:t' },
      { kind: 'fig', id: 'fig:two' },
    ]);
  });
});
