import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../shared/html-to-markdown';

describe('htmlToMarkdown', () => {
  it('turns a pasted web article into clean markdown', () => {
    const html = `<h2>Results</h2><p>The <b>anemones</b> closed <i>within minutes</i>. See <a href="https://example.org/tides">the tide table</a>.</p>
      <ul><li>sea stars</li><li>hermit crabs</li></ul><blockquote><p>Low tide is the best time.</p></blockquote>`;
    expect(htmlToMarkdown(html)).toBe(
      '## Results\n\nThe **anemones** closed _within minutes_. See [the tide table](https://example.org/tides).\n\n- sea stars\n- hermit crabs\n\n> Low tide is the best time.',
    );
  });

  it('keeps tables, strikethrough and code with its language', () => {
    const html = '<table><thead><tr><th>Liquid</th><th>pH</th></tr></thead><tbody><tr><td>Lemon</td><td>2</td></tr></tbody></table><p><del>old</del> new</p><pre><code class="language-python">print("hi")\n</code></pre>';
    const markdown = htmlToMarkdown(html);
    expect(markdown).toContain('| Liquid | pH |');
    expect(markdown).toContain('| Lemon | 2 |');
    expect(markdown).toContain('~~old~~ new');
    expect(markdown).toContain('```python\nprint("hi")\n```');
  });

  it('numbers ordered lists and indents nested content under the marker', () => {
    const html = '<ol start="3"><li>Chop</li><li>Simmer<ul><li>ten minutes</li></ul></li></ol>';
    expect(htmlToMarkdown(html)).toBe('3. Chop\n4. Simmer\n   - ten minutes');
  });

  it('drops styles and scripts that Word and web pages paste along', () => {
    const html = '<style>p{color:red}</style><script>alert(1)</script><p class="MsoNormal"><span style="font-size:12pt">Plain&nbsp;words</span></p>';
    expect(htmlToMarkdown(html)).toBe('Plain words');
  });
});
