import { describe, expect, it } from 'vitest';
import { article } from './helpers';

describe('GFM on top of CommonMark', () => {
  it('renders a table with header and body cells', () => {
    const body = article('| Planet | Moons |\n|:--|--:|\n| Mars | 2 |\n| Earth | 1 |');
    expect([...body.querySelectorAll('th')].map((c) => c.textContent)).toEqual(['Planet', 'Moons']);
    expect([...body.querySelectorAll('tbody td')].map((c) => c.textContent)).toEqual(['Mars', '2', 'Earth', '1']);
    expect(body.querySelector('th')?.getAttribute('style')).toBe('text-align:left');
  });

  it('strikes through ~~text~~', () => {
    expect(article('~~wrong~~ right').querySelector('del')?.textContent).toBe('wrong');
  });

  it('links bare URLs and www. hosts but not file names', () => {
    const body = article('See https://example.org/a, www.example.com and my readme.md or notes.py, or mail me@example.org.');
    const hrefs = [...body.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.org/a', 'http://www.example.com', 'mailto:me@example.org']);
  });

  it('leaves links for the host to open: no target or rel added', () => {
    const link = article('[NASA](https://nasa.gov)').querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://nasa.gov');
    expect(link.hasAttribute('target')).toBe(false);
  });

  it('renders task lists as disabled checkboxes', () => {
    const boxes = [...article('- [ ] collect data\n- [x] write intro').querySelectorAll('input')];
    expect(boxes.map((b) => [b.type, b.disabled, b.checked])).toEqual([
      ['checkbox', true, false],
      ['checkbox', true, true],
    ]);
    expect(boxes[0]!.closest('li')?.textContent?.trim()).toBe('collect data');
  });

  it('links a footnote reference and its backlink', () => {
    const body = article('Water boils at 100 °C.[^sea]\n\n[^sea]: At sea level.');
    const ref = body.querySelector('sup.footnote-ref a')!;
    const note = body.querySelector(ref.getAttribute('href')!)!;
    expect(note.textContent).toContain('At sea level.');
    const back = note.querySelector('a.footnote-backref')!;
    expect(body.querySelector(back.getAttribute('href')!)).toBe(ref);
  });

  it('gives headings unicode-aware ids without permalink symbols', () => {
    const body = article('# Über Café!\n\n## Results & Discussion\n\n## Results & Discussion\n\n## 結果\n\n## 🚀');
    expect([...body.querySelectorAll('h1, h2')].map((h) => h.id)).toEqual([
      'über-café', 'results--discussion', 'results--discussion-1', '結果', 'section',
    ]);
    expect(body.querySelectorAll('h1 a, h2 a')).toHaveLength(0);
    expect(body.querySelector('h1')?.hasAttribute('tabindex')).toBe(false);
  });

  it('keeps quotes and dashes as typed (typographer off)', () => {
    expect(article('"Hi" -- it\'s (c) 2024...').querySelector('p')?.textContent).toBe('"Hi" -- it\'s (c) 2024...');
  });

  it('keeps bloggers\' raw HTML blocks', () => {
    const body = article('<details>\n<summary>Spoiler</summary>\n\nIt was *the butler*.\n\n</details>\n\nE = mc<sup>2</sup>');
    expect(body.querySelector('details summary')?.textContent).toBe('Spoiler');
    expect(body.querySelector('details em')?.textContent).toBe('the butler');
    expect(body.querySelector('sup')?.textContent).toBe('2');
  });
});

describe('data-line', () => {
  it('marks each top-level block with its 0-based source line', () => {
    const md = '# Title\n\nFirst paragraph\nstill first.\n\n- one\n- two\n\n  nested para\n\n> quote\n\n---\n\n```js\nx\n```\n\n    indented\n\n| a |\n|---|\n| b |\n\n$$\nx\n$$';
    const body = article(md);
    const lines = [...body.children].map((el) => [el.tagName.toLowerCase(), el.getAttribute('data-line')]);
    expect(lines).toEqual([
      ['h1', '0'], ['p', '2'], ['ul', '5'], ['blockquote', '10'], ['hr', '12'],
      ['pre', '14'], ['pre', '18'], ['table', '20'], ['div', '24'],
    ]);
    expect(body.querySelectorAll('li [data-line], blockquote [data-line]')).toHaveLength(0);
  });
});
