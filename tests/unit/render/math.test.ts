import { describe, expect, it } from 'vitest';
import { article } from './helpers';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

function formulas(markdown: string): string[] {
  return [...article(markdown).querySelectorAll('annotation')].map((a) => a.textContent ?? '');
}

describe('math', () => {
  it('renders $inline$ math as KaTeX HTML plus MathML', () => {
    const katex = article('Energy is $E = mc^2$ here.').querySelector('p > .katex')!;
    expect(katex.querySelector('.katex-html')?.getAttribute('aria-hidden')).toBe('true');
    const math = katex.querySelector('.katex-mathml math')!;
    expect(math.namespaceURI).toBe(MATHML);
    expect(math.querySelector('msup')).not.toBeNull();
    expect(math.querySelector('annotation[encoding="application/x-tex"]')?.textContent).toBe('E = mc^2');
  });

  it('renders a $$ block on its own lines as display math', () => {
    const block = article('Before\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n\nAfter').querySelector('div.math-display')!;
    expect(block.getAttribute('data-line')).toBe('2');
    expect(block.querySelector('.katex-display math')?.getAttribute('display')).toBe('block');
    expect(block.querySelector('annotation')?.textContent).toBe('\\int_0^1 x\\,dx = \\frac{1}{2}');
  });

  it('accepts single-line $$…$$ blocks, blocks that interrupt a paragraph, and ```math fences', () => {
    const body = article('$$ a^2 + b^2 = c^2 $$\n\nText\n$$\nx\n$$\n\n```math\ny\n```');
    expect([...body.querySelectorAll('div.math-display annotation')].map((a) => a.textContent)).toEqual([
      'a^2 + b^2 = c^2', 'x', 'y\n',
    ]);
  });

  it('shows a bad formula as a visible error instead of throwing', () => {
    const error = article('Oops $\\frac{1}{$ here').querySelector('.katex-error')!;
    expect(error.textContent).toBe('\\frac{1}{');
    expect(error.getAttribute('title')).toMatch(/ParseError/);
  });

  it('follows pandoc: prices are not math', () => {
    expect(formulas('It costs $5 and $10.')).toEqual([]);
    expect(formulas('Between $20,000 and $30,000.')).toEqual([]);
    expect(formulas('A $ 5 $ bill')).toEqual([]);
    expect(formulas('Pay $x$5 later')).toEqual([]);
    expect(formulas('Escaped \\$x$ stays text')).toEqual([]);
    expect(article('It costs $5 and $10.').textContent?.trim()).toBe('It costs $5 and $10.');
  });

  it('finds the real closing $ past ones that cannot close', () => {
    expect(formulas('Price $p = \\$5$ now')).toEqual(['p = \\$5']);
    expect(formulas('Grow $n$-fold, $2^k$5 times')).toEqual(['n']);
    expect(formulas('Both $x$ and $y$.')).toEqual(['x', 'y']);
    expect(formulas('Inline display $$\\sum_i i$$ works')).toEqual(['\\sum_i i']);
  });

  it('leaves dollars in code alone', () => {
    const body = article('`$x$`\n\n```bash\necho "$HOME$PATH"\n```');
    expect(body.querySelectorAll('.katex')).toHaveLength(0);
    expect(body.querySelector('pre')?.textContent).toBe('echo "$HOME$PATH"\n');
  });

  it('does not open a display block that never closes', () => {
    const body = article('$$\nnot closed\n\nnext paragraph');
    expect(body.querySelectorAll('.katex')).toHaveLength(0);
    expect(body.querySelector('p')?.textContent).toBe('$$\nnot closed');
  });
});
