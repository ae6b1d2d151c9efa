import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle, renderMarkdown, sanitizeArticle } from '../../../shared/render/index';
import { findExecutable } from '../../fixtures/xss-payloads';
import { parse, reserialize } from './helpers';

const POST = `# Why Does Ice Float? A Kitchen Experiment

I'm a second-year chemistry student, and this week I wanted to check a "fact"
everyone learns at school: *solid* water is **less dense** than liquid water.[^density]

## What I used

- A kitchen scale (±0.1 g)
- A measuring jug
- Ice cubes from the freezer, left at −18 °C overnight

## Results

| Sample | Mass (g) | Volume (mL) | Density (g/mL) |
|--------|---------:|------------:|---------------:|
| Water  | 250.0    | 250         | 1.000          |
| Ice    | 229.2    | 250         | 0.917          |

The density is $\\rho = \\frac{m}{V}$, so ice comes out about 8% lighter.
The fraction of an iceberg under water is the ratio of the densities:

$$
\\frac{V_\\text{submerged}}{V_\\text{total}} = \\frac{\\rho_\\text{ice}}{\\rho_\\text{water}} \\approx 0.917
$$

I did the arithmetic in Python (the scale cost $15 and the jug $4, by the way):

\`\`\`python
def density(mass_g: float, volume_ml: float) -> float:
    return mass_g / volume_ml

print(f"{density(229.2, 250):.3f}")  # 0.917
\`\`\`

![Ice cubes floating in a glass](ice-glass.jpg "Figure 1: About 92% of each cube sits below the surface.")

For a proper explanation of hydrogen bonding, see
[this LibreTexts page](https://chem.libretexts.org/) or the video below.

<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/UukRgqzk-KE" title="Why ice floats" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>

[^density]: Water is densest at about 4 °C; below that, hydrogen bonds push molecules into an open lattice.
`;

const resolveAsset = (src: string) => `postwright-asset://ice-post/${src}`;

describe('a realistic post renders deterministically', () => {
  const purify = createNodePurify();
  const html = renderArticle(POST, purify, { resolveAsset });
  const body = parse(html);

  it('gives the same HTML every time, with a cached or a fresh purifier', () => {
    expect(renderArticle(POST, purify, { resolveAsset })).toBe(html);
    const fresh = createDOMPurify(new JSDOM('').window as never);
    expect(renderArticle(POST, fresh, { resolveAsset })).toBe(html);
  });

  it('loses nothing to the sanitizer and is stable under re-sanitizing', () => {
    expect(html).toBe(reserialize(renderMarkdown(POST, { resolveAsset })));
    expect(sanitizeArticle(html, purify)).toBe(html);
    expect(findExecutable(body)).toEqual([]);
  });

  it('has the headings, with ids, in order', () => {
    expect([...body.querySelectorAll('h1, h2')].map((h) => [h.tagName, h.id])).toEqual([
      ['H1', 'why-does-ice-float-a-kitchen-experiment'], ['H2', 'what-i-used'], ['H2', 'results'],
    ]);
  });

  it('keeps the text as typed', () => {
    const intro = body.querySelector('p')!;
    expect(intro.textContent).toContain('"fact"');
    expect(intro.querySelector('em')?.textContent).toBe('solid');
    expect(intro.querySelector('strong')?.textContent).toBe('less dense');
    expect(body.querySelectorAll('ul > li')).toHaveLength(3);
  });

  it('has one table with two data rows', () => {
    expect(body.querySelectorAll('table')).toHaveLength(1);
    expect([...body.querySelectorAll('tbody tr')].map((tr) => tr.firstElementChild?.textContent)).toEqual(['Water', 'Ice']);
  });

  it('has inline and display math, and leaves the prices alone', () => {
    const formulas = [...body.querySelectorAll('annotation')].map((a) => a.textContent);
    expect(formulas).toHaveLength(2);
    expect(formulas[0]).toBe('\\rho = \\frac{m}{V}');
    expect(body.querySelector('div.math-display .katex-display math[display="block"]')).not.toBeNull();
    expect(body.textContent).toContain('cost $15 and the jug $4');
  });

  it('highlights the Python block', () => {
    const code = body.querySelector('pre > code.hljs.language-python')!;
    expect([...code.querySelectorAll('.hljs-keyword')].map((k) => k.textContent)).toContain('def');
  });

  it('captions the photo and resolves its source', () => {
    const figure = body.querySelector('figure')!;
    expect(figure.querySelector('img')?.getAttribute('src')).toBe('postwright-asset://ice-post/ice-glass.jpg');
    expect(figure.querySelector('figcaption')?.textContent).toBe('Figure 1: About 92% of each cube sits below the surface.');
  });

  it('keeps the link, the embed and the footnote', () => {
    expect(body.querySelector('a[href="https://chem.libretexts.org/"]')?.textContent).toBe('this LibreTexts page');
    expect(body.querySelector('iframe')?.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/UukRgqzk-KE');
    const ref = body.querySelector('sup.footnote-ref a')!;
    expect(body.querySelector(ref.getAttribute('href')!)?.textContent).toContain('densest at about 4 °C');
  });

  it('numbers top-level blocks by source line, increasing', () => {
    const lines = [...body.querySelectorAll('[data-line]')].map((el) => Number(el.getAttribute('data-line')));
    expect(lines[0]).toBe(0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
    const sourceLines = POST.split('\n');
    expect(sourceLines[Number(body.querySelector('table')?.getAttribute('data-line'))]).toMatch(/^\| Sample/);
    expect(sourceLines[Number(body.querySelector('figure')?.getAttribute('data-line'))]).toMatch(/^!\[Ice cubes/);
  });
});
