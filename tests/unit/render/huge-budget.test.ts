/// A very large post renders within a budget (shared/render/budget.ts): the work is counted,
/// not timed. Before the budget a 19 MB post parsed all 19 MB and typeset every formula.
import katex from 'katex';
import MarkdownIt, { type Token } from 'markdown-it';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyPurify } from '../../../main/render/node-purify';
import { FULL_RENDER_CHARS, MARKDOWN_CHARS } from '../../../shared/render/budget';
import { renderArticle } from '../../../shared/render/index';
import { IncrementalArticle } from '../../../shared/render/incremental';
import { hugePost } from './huge-fixture';

const purify = createLazyPurify();
const NOTICE = '<p class="render-notice">This post is very large';

const parse = MarkdownIt.prototype.parse;

/// Counts what the render hands markdown-it and KaTeX.
function countWork() {
  const work = { parsedChars: 0, tokens: 0, katex: 0 };
  MarkdownIt.prototype.parse = function (this: MarkdownIt, src: string, env: unknown): Token[] {
    const tokens: Token[] = parse.call(this, src, env);
    work.parsedChars += src.length;
    work.tokens += tokens.length + tokens.reduce((sum: number, token: Token) => sum + (token.children?.length ?? 0), 0);
    return tokens;
  };
  const render = katex.renderToString;
  vi.spyOn(katex, 'renderToString').mockImplementation((...args) => {
    work.katex++;
    return render(...args);
  });
  return work;
}

afterEach(() => {
  MarkdownIt.prototype.parse = parse;
  vi.restoreAllMocks();
});

describe('a very large post', () => {
  it('19 MB: reads only the budget as markdown, typesets nothing, and shows every word', () => {
    const post = hugePost(19_000_000, true);
    const work = countWork();
    const html = renderArticle(post, purify);
    expect(html.startsWith(NOTICE)).toBe(true);
    expect(html).toContain('the rest is shown as plain text');
    expect(work.parsedChars).toBeLessThanOrEqual(MARKDOWN_CHARS);
    // About one token per 9 characters of this post: the 19 MB would be over two million.
    expect(work.tokens).toBeLessThan(MARKDOWN_CHARS / 4);
    expect(work.katex).toBe(0);
    expect(html).not.toContain('class="hljs');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<code class="math-tex">E = mc^2 + 0</code>');
    // The last section, past the budget, is there as text.
    const last = post.slice(post.lastIndexOf('## Section '), post.indexOf('\n', post.lastIndexOf('## Section ')));
    expect(html).toContain(`">${last}</p>`);
    expect(html).toContain('item two with &lt;b&gt;bold&lt;/b&gt;');
  });

  it('a post of a megabyte renders in full, with no notice', () => {
    expect(FULL_RENDER_CHARS).toBeGreaterThanOrEqual(1_000_000);
    const work = countWork();
    const html = renderArticle(hugePost(20_000, true), purify);
    expect(html).not.toContain('render-notice');
    expect(work.katex).toBeGreaterThan(0);
    expect(html).toContain('class="hljs language-python"');
    expect(html).toContain('<b>bold</b>');
  });

  it('just over the first budget: code plain, math and raw HTML as text, nothing cut', () => {
    const post = '```js\nlet a = 1;\n```\n\n$x^2$ and <b>hi</b>\n\n$$\n\\frac{1}{2}\n$$\n\n' + 'word '.repeat(FULL_RENDER_CHARS / 5) + '\n\nthe end\n';
    const work = countWork();
    const html = renderArticle(post, purify);
    expect(html.startsWith(NOTICE)).toBe(true);
    expect(html).not.toContain('the rest is shown as plain text');
    expect(work.katex).toBe(0);
    expect(html).toContain('<pre data-line="0"><code class="language-js">let a = 1;\n</code></pre>');
    expect(html).toContain('<code class="math-tex">x^2</code> and &lt;b&gt;hi&lt;/b&gt;');
    expect(html).toContain('<div class="math-display" data-line="6"><code class="math-tex">\\frac{1}{2}</code></div>');
    expect(html).toContain('<p data-line="12">the end</p>');
  });

  it('the preview renders it byte for byte as the CLI does, and never patches it', () => {
    const line = 'Plain words & <tags> in a long paragraph. '.repeat(2_000);
    const posts = [
      `# Title\n\n${line}\n\n`.repeat(Math.ceil((MARKDOWN_CHARS * 1.1) / line.length)) + 'the end',
      `# Title\r\n\r\n${line}\r\n\r\n`.repeat(Math.ceil((MARKDOWN_CHARS * 1.1) / line.length)),
      `$x$ ${line}\n\n`.repeat(Math.ceil((FULL_RENDER_CHARS * 1.1) / line.length)),
    ];
    for (const post of posts) {
      const article = new IncrementalArticle(purify);
      const full = article.render('post', post);
      expect(full.html).toBe(renderArticle(post, purify));
      expect(full.html.startsWith(NOTICE)).toBe(true);
      // Every element that scroll sync follows is counted.
      expect(full.anchors).toBe(full.html.match(/ data-line="/g)!.length);
      expect(article.patch('post', 'Edited. ' + post)).toBeNull();
    }
  });

  it('a post that shrinks below the budget renders in full again in the preview', () => {
    const article = new IncrementalArticle(purify);
    const big = '$x$\n\n' + 'a '.repeat(FULL_RENDER_CHARS);
    expect(article.render('post', big).html.startsWith(NOTICE)).toBe(true);
    expect(article.patch('post', '$x$\n\nsmall')).toBeNull();
    const small = article.render('post', '$x$\n\nsmall').html;
    expect(small).toBe(renderArticle('$x$\n\nsmall', purify));
    expect(small).toContain('class="katex"');
  });
});
