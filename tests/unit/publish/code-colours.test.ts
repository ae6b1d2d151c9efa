/// Published code is coloured on a blog that loads no highlight stylesheet: every token carries
/// its colour inline. The preview keeps classes and its own stylesheet.
import { describe, expect, it } from 'vitest';
import { styleFor } from '../../../main/publish/code-colours';
import { portableHtml } from '../../../main/publish/portable-html';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render';

const fence = '```python\ndef f(x):\n    return "hi" + 1  # done\n```\n\nAnd `inline` code.';

describe('code colours for the blog', () => {
  it('gives each highlighted token its colour inline when publishing', () => {
    const html = portableHtml(renderArticle(fence, createNodePurify(), {}));
    expect(html).toContain('<span class="hljs-keyword" style="color:#7c3aed">def</span>');
    expect(html).toContain('<span class="hljs-string" style="color:#047857">"hi"</span>');
    expect(html).toContain('<span class="hljs-number" style="color:#b45309">1</span>');
    expect(html).toContain('<span class="hljs-comment" style="color:#6e6e6e;font-style:italic"># done</span>');
    expect(html).toContain('<code>inline</code>');
    // Every token that has a class has a colour.
    const tokens = [...html.matchAll(/<span class="hljs-[^"]*"( style="[^"]+")?>/g)];
    expect(tokens.length).toBeGreaterThan(4);
    expect(tokens.filter((t) => !t[1])).toEqual([]);
  });

  it('leaves the preview to its stylesheet', () => {
    expect(renderArticle(fence, createNodePurify(), {})).not.toContain('style="color');
  });

  it('tells a class name from a method name and a keyword inside meta', () => {
    expect(styleFor(['hljs-title', 'class_'])).toBe('color:#0e7490');
    expect(styleFor(['hljs-title', 'function_'])).toBe('color:#1d4ed8');
    expect(styleFor(['hljs-keyword'])).toBe('color:#7c3aed');
    expect(styleFor(['language-python'])).toBeNull();
  });
});
