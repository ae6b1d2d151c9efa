/// The render caches (KaTeX formulas, highlighted code) must never change what a reader gets:
/// a pipeline that has rendered other posts gives the same bytes as a fresh one, and a changed
/// formula or code block changes the output. The cache itself stays within its bounds.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render/index';
import { RenderCache } from '../../../shared/render/memo';

const purify = createNodePurify();

/// The same render from module instances that have cached nothing yet.
async function freshRender(markdown: string): Promise<string> {
  vi.resetModules();
  const fresh = await import('../../../shared/render/index');
  return fresh.renderArticle(markdown, purify);
}

// Small pools, so posts repeat formulas and code (in other modes and languages) and hit the caches.
const TEX = ['x', 'x_1 = 2', '\\frac{a}{b}', '\\sqrt{2}', '\\frac{1}{', '\\gdef\\v{1}\\v', '\\v', 'E = mc^2', '\\text{a "q" <b>}'];
const CODE = ['x < y && "q"', 'def f(x):\n    return x', 'SELECT 1;', 'let a = 1;\nlet a = 1;', '<b>&amp;</b>'];
const LANGS = ['js', 'JS', 'python', 'sql', 'xml', 'nosuchlang', '', 'math'];

const block = fc.oneof(
  fc.record({ tex: fc.constantFrom(...TEX), text: fc.constantFrom('Mean', 'So $5 and', '') }).map(({ tex, text }) => `${text} $${tex}$ and $$${tex}$$.`),
  fc.constantFrom(...TEX).map((tex) => `$$\n${tex}\n$$`),
  fc.record({ lang: fc.constantFrom(...LANGS), code: fc.constantFrom(...CODE, ...TEX) }).map(({ lang, code }) => `\`\`\`${lang}\n${code}\n\`\`\``),
);
const post = fc.array(block, { minLength: 1, maxLength: 8 }).map((blocks) => blocks.join('\n\n'));

describe('render caches', () => {
  it('a warm pipeline renders every post byte for byte as a fresh one', async () => {
    await fc.assert(
      fc.asyncProperty(post, post, async (earlier, markdown) => {
        renderArticle(earlier, purify);
        const warm = renderArticle(markdown, purify);
        expect(renderArticle(markdown, purify)).toBe(warm);
        expect(warm).toBe(await freshRender(markdown));
      }),
      { numRuns: 25 },
    );
  });

  it('a changed formula or code block changes the output', () => {
    const before = renderArticle('Energy $E = mc^2$\n\n```js\nlet a = 1;\n```', purify);
    expect(renderArticle('Energy $E = mc^3$\n\n```js\nlet a = 1;\n```', purify)).not.toBe(before);
    expect(renderArticle('Energy $E = mc^2$\n\n```js\nlet a = 2;\n```', purify)).not.toBe(before);
    expect(renderArticle('Energy $E = mc^2$\n\n```python\nlet a = 1;\n```', purify)).not.toBe(before);
    expect(renderArticle('Energy $E = mc^2$\n\n```js\nlet a = 1;\n```', purify)).toBe(before);
  });

  it('keeps inline and display math apart', async () => {
    const inline = renderArticle('$\\sum x$', purify);
    const display = renderArticle('$$\\sum x$$', purify);
    expect(inline).not.toContain('katex-display');
    expect(display).toContain('katex-display');
    expect(renderArticle('$\\sum x$', purify)).toBe(await freshRender('$\\sum x$'));
  });
});

describe('RenderCache', () => {
  it('keeps at most its number of entries, dropping the least recently used', () => {
    const cache = new RenderCache(3, 1_000);
    for (const key of ['a', 'b', 'c']) cache.get(key, () => key.toUpperCase());
    cache.get('a', () => 'stale');
    cache.get('d', () => 'D');
    expect(cache.size).toBe(3);
    // 'b' was least recently used; 'a' was read again and stays.
    expect(cache.get('a', () => 'recomputed')).toBe('A');
    expect(cache.get('b', () => 'recomputed')).toBe('recomputed');
  });

  it('keeps its characters within bounds and does not store an output larger than an eighth of them', () => {
    const cache = new RenderCache(1_000, 800);
    for (let i = 0; i < 200; i++) cache.get(`k${i}`, () => 'v'.repeat(50));
    expect(cache.weight).toBeLessThanOrEqual(800);
    expect(cache.size).toBeGreaterThan(0);
    const large = 'x'.repeat(200);
    expect(cache.get('large', () => large)).toBe(large);
    expect(cache.get('large', () => 'made again')).toBe('made again');
  });
});
