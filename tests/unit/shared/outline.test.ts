import { describe, expect, it } from 'vitest';
import { outlineOf } from '../../../shared/outline';

describe('outline', () => {
  it('lists headings with their level and line, skipping front matter and code', () => {
    const text = ['---', 'title: A', '---', '', '# Intro', 'text', '```md', '# not a heading', '```', '## **Method** ##', 'Results', '=======', '- item', '---'].join('\n');
    expect(outlineOf(text)).toEqual([
      { level: 1, text: 'Intro', line: 4 },
      { level: 2, text: 'Method', line: 9 },
      { level: 1, text: 'Results', line: 10 },
    ]);
  });

  it('treats a paragraph over --- as a heading but not a thematic break after a blank line', () => {
    expect(outlineOf('Findings\n---\n\n---\n')).toEqual([{ level: 2, text: 'Findings', line: 0 }]);
  });

  it('shows link text rather than markdown in a heading', () => {
    expect(outlineOf('### See [the data](https://example.org)')).toEqual([{ level: 3, text: 'See the data', line: 0 }]);
  });
});
