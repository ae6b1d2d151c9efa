/// Highlighted code on Ghost: sent in an HTML card with its inline colours (Ghost's code card
/// keeps plain text, which no theme colours), and read back as the fenced code it was.
import { describe, expect, it } from 'vitest';
import { ghostLexical } from '../../../main/publish/ghost-lexical';
import { ghostHtmlAsArticle } from '../../../main/publish/ghost-lexical/read-back';
import { portableHtml } from '../../../main/publish/portable-html';
import { createNodePurify } from '../../../main/render/node-purify';
import { htmlToMarkdown } from '../../../shared/html-to-markdown';
import { renderArticle } from '../../../shared/render';

interface Node {
  type: string;
  html?: string;
  code?: string;
  language?: string;
}
const FENCED = '```python\ndef acidity(h):\n    return -math.log10(h)  # a comment\n```';
const topNodes = (markdown: string) => (JSON.parse(ghostLexical(portableHtml(renderArticle(markdown, createNodePurify(), {})))) as { root: { children: Node[] } }).root.children;

describe('code sent to Ghost', () => {
  it('goes in an HTML card that keeps each token’s colour', () => {
    const [card, ...rest] = topNodes(`${FENCED}\n`);
    expect(rest).toEqual([]);
    expect(card?.type).toBe('html');
    // On a light ground of its own: Casper draws code light-on-dark.
    expect(card?.html).toMatch(/<pre style="background:#f6f8fa;color:#1f2328"><code class="[^"]*language-python[^"]*">/);
    expect(card?.html).toContain('<span class="hljs-keyword" style="color:#7c3aed">def</span>');
  });

  it('is a card of its own between a table and math, as the code card was', () => {
    const types = topNodes(`| a | b |\n|---|---|\n| 1 | 2 |\n\n${FENCED}\n\nThe mean is $x$.\n`).map((n) => [n.type, n.html?.slice(0, 10)]);
    expect(types).toEqual([['html', '<table>\n<t'], ['html', '<pre style'], ['html', '<p>The mea']]);
  });

  it('stays a native code card when it has no colours to keep', () => {
    const [card] = topNodes('```\nplain text, no language\n```\n');
    expect(card).toMatchObject({ type: 'codeblock', code: 'plain text, no language\n' });
  });

  it('comes back from Ghost’s HTML card as the fenced code with its language', () => {
    const [card] = topNodes(`${FENCED}\n`);
    // Ghost renders an HTML card between its markers, exactly as it was sent.
    const rendered = `<p>Before.</p>\n<!--kg-card-begin: html-->\n${card!.html}\n<!--kg-card-end: html-->\n<p>After.</p>`;
    expect(htmlToMarkdown(ghostHtmlAsArticle(rendered)).trim()).toBe(`Before.\n\n${FENCED}\n\nAfter.`);
  });
});

describe('a formula sent to Ghost as an image', () => {
  it('stays in its line: the paragraph goes as an HTML card, not split around an image card', () => {
    const html = '<p>The pH is <img src="https://blog.example/content/images/f.svg" alt="\\mathrm{pH}" class="math-image" style="vertical-align:-0.5ex;width:3ex;height:2ex">, low.</p>';
    const nodes = (JSON.parse(ghostLexical(html)) as { root: { children: Node[] } }).root.children;
    expect(nodes).toEqual([expect.objectContaining({ type: 'html', html })]);
  });
});
