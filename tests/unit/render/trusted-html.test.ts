/// The DOM-free sanitizer for what the pipeline writes must give DOMPurify's output byte for
/// byte, or step aside (null) so DOMPurify runs. Checked on the CommonMark spec, a generated
/// blog post, the blocks bloggers write, math and code, and random mixtures of them.
import spec from 'commonmark-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle, sanitizeArticle } from '../../../shared/render/index';
import { renderMarkdownParts } from '../../../shared/render/markdown';

const purify = createNodePurify();
const resolveAsset = (src: string) => `postwright-asset://post/${src}`;

/// Both ways, for a post without raw HTML; `fast` is null when the DOM-free pass stepped aside.
function bothWays(markdown: string): { fast: string | null; slow: string } | null {
  const { html, rawHtml } = renderMarkdownParts(markdown, { resolveAsset });
  if (rawHtml) return null;
  const slow = sanitizeArticle(html, purify);
  const fast = sanitizeArticle(html, () => {
    throw new Error('stepped aside');
  }, { trusted: true });
  return { fast, slow };
}

function fastOrNull(markdown: string): { fast: string | null; slow: string } | null {
  try {
    return bothWays(markdown);
  } catch (error) {
    if ((error as Error).message !== 'stepped aside') throw error;
    const { html } = renderMarkdownParts(markdown, { resolveAsset });
    return { fast: null, slow: sanitizeArticle(html, purify) };
  }
}

const SAMPLES = [
  'Quotes "double" and \'single\', a&b, 1 < 2 > 0, non\u00a0breaking, &nbsp;&copy;&amp;',
  '```js\nconst s = "a" + \'b\' && x < y;\n```',
  '```python\ndef f(x):\n    return x > 1 and "q"\n```',
  '$\\sqrt{x^2+1}$, $\\overrightarrow{AB}$, $\\cancel{y}$, $\\frac{1}{$, $\\text{a "q" <b>}$',
  '$$\n\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} \\underbrace{a+b}_{n} \\color{red}{x} \\mathbb{R}\n$$',
  '```math\n\\int_0^1 x\\,dx\n```',
  '- [x] done\n- [ ] to do',
  '![Cap "q"](a b.png "Caption <x>")\n\n![alt]( ]> )',
  '[x](foo:bar) [y](javascript:alert(1)) <https://example.org/?a=1&b=2> www.example.org',
  'Note[^1] and [a[^1]](http://x.org)\n\n[^1]: Footnote "text".',
  '| a | b |\n|:-|-:|\n| 1 | 2 |',
  '# Heading "q" &amp; <tags>\n\n## Über Café\n\n### `code` id',
  '> quote\n>\n> - list\n>   1. nested',
  '    indented <code>\n\n***\n\nHard  \nbreak\\\nhere',
  '\ud800 lone surrogate, \u2028 line separator, \u0007 bell',
];

/// A technical blog post: sections of prose with inline markup, lists, code, quotes, tables, math.
function blogPost(sections: number): string {
  return Array.from({ length: sections }, (_, i) =>
    [
      `## Section ${i}: tide "pools" & rocks`,
      `The *anemones* closed as the **tide** went out, see [the guide](https://example.org/g?i=${i}&x=1) and \`count(${i})\`; ` +
        `the mean was $\\bar{x}_${i} = ${i}.5$ at 5\u00a0°C.`,
      '- one\n- two with `code`\n  1. nested',
      '```js\nfunction survey(pool) {\n  return pool.filter((x) => x > 1 && x !== "crab");\n}\n```',
      `> A quote about pool ${i}, with a footnote.[^n${i}]`,
      '| Pool | Count |\n|------|------:|\n| east | 12 |\n| west | 7 |',
      `$$\n\\sum_{k=1}^{${i + 2}} \\frac{1}{k^2} \\le \\sqrt{2}\n$$`,
      `![A photo](photo-${i}.jpg "Pool ${i}")`,
      `[^n${i}]: Counted at low tide.`,
    ].join('\n\n'),
  ).join('\n\n');
}

describe('the DOM-free sanitizer of pipeline HTML', () => {
  it('gives DOMPurify\'s bytes, or steps aside, on every CommonMark example without raw HTML', () => {
    let fast = 0;
    let total = 0;
    for (const example of spec.tests) {
      const result = fastOrNull(example.markdown.replace(/→/g, '\t'));
      if (!result) continue;
      total++;
      if (result.fast === null) continue;
      fast++;
      expect(result.fast, example.markdown).toBe(result.slow);
    }
    expect(fast / total).toBeGreaterThan(0.9);
  });

  it('takes the fast way for a whole blog post, with the same bytes', () => {
    const result = fastOrNull(blogPost(15));
    expect(result?.fast).not.toBeNull();
    expect(result!.fast).toBe(result!.slow);
  });

  it('agrees on the samples', () => {
    for (const sample of SAMPLES) {
      const result = fastOrNull(sample);
      if (result?.fast != null) expect(result.fast, sample).toBe(result.slow);
    }
  });

  it('agrees on random mixtures', () => {
    const piece = fc.constantFrom(...SAMPLES, '*', '**', '_', '`', '[', ']', '(x)', '\n', '\n\n', '> ', '- ', '1. ', '|', '$', '"', '&', '<', '\u00a0', '#', '~~');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const markdown = pieces.join('');
        const result = fastOrNull(markdown);
        if (result?.fast != null) expect(result.fast).toBe(result.slow);
      }),
      { numRuns: 60 },
    );
  });

  it('judges a tag the same wherever it stands: a quoted `>` is read in place, and a spelling seen before gives the same bytes', () => {
    const refuse = () => {
      throw new Error('stepped aside');
    };
    const pages = [
      '<p data-line="0"><img src="a.png" alt="1 > 0" title="a>b"> and <img src="a.png" alt="1 > 0" title="a>b"></p>\n',
      '<table>\n<thead>\n<tr>\n<th style="text-align:right">n</th>\n</tr>\n</thead>\n</table>\n<p><span style="text-align:right">n</span></p>\n',
      '<p><em>a</em> &amp; <code>&lt;b&gt;</code> <a href="https://example.org/?a=1&amp;b=2" title="&quot;q&quot;">x</a></p>\n',
    ];
    for (let round = 0; round < 2; round++) {
      for (const html of pages) expect(sanitizeArticle(html, refuse, { trusted: true }), html).toBe(sanitizeArticle(html, purify));
    }
    // A tag that is refused is refused everywhere, the second time too.
    for (let round = 0; round < 2; round++) expect(() => sanitizeArticle('<p><font color="red">x</font></p>', refuse, { trusted: true })).toThrow('stepped aside');
  });

  it('keeps giving DOMPurify’s bytes past the number of tag spellings it remembers', () => {
    const html = Array.from({ length: 5_000 }, (_, i) => `<p data-line="${i}"><a href="https://example.org/${i}" title="n ${i}">${i}</a></p>\n`).join('');
    const fast = sanitizeArticle(html, () => {
      throw new Error('stepped aside');
    }, { trusted: true });
    expect(fast).toBe(sanitizeArticle(html, purify));
    expect(sanitizeArticle(html, purify, { trusted: true })).toBe(fast);
  });

  it('renders articles with raw HTML through DOMPurify still', () => {
    expect(renderArticle('<b onclick="x()">b</b> and *e*', purify)).toBe('<p data-line="0"><b>b</b> and <em>e</em></p>\n');
  });
});
