import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { isAllowedEmbed, renderArticle, renderMarkdown, sanitizeArticle } from '../../../shared/render/index';
import { findExecutable, xssPayloads } from '../../fixtures/xss-payloads';
import { article, parse, reserialize } from './helpers';

describe('XSS fixture', () => {
  it.each(xssPayloads.map((payload) => [payload]))('neutralises %s', (payload) => {
    const purify = createNodePurify();
    const html = renderArticle(payload, purify);
    expect(findExecutable(parse(html))).toEqual([]);
    // Stable under re-parsing and re-sanitizing: a mutation-XSS would change here.
    expect(reserialize(html)).toBe(html);
    expect(sanitizeArticle(html, purify)).toBe(html);
  });

  it('catches what it should (the checker itself works)', () => {
    const raw = parse(renderMarkdown('<img src=x onerror=alert(1)>\n\n<iframe src="https://evil.example/"></iframe>'));
    expect(findExecutable(raw)).toEqual(['<img onerror>', '<iframe src="https://evil.example/">']);
  });
});

describe('sanitizeArticle', () => {
  it('keeps everything the pipeline emits', () => {
    const md = [
      '# Heading', '- [x] task', 'Note[^1] and $\\sqrt{x^2+1}$, $\\overrightarrow{AB}$, $\\cancel{y}$.',
      '$$\n\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} \\underbrace{a+b}_{n} \\color{red}{x} \\mathbb{R}\n$$',
      '$\\frac{1}{$', '```python\nprint("hi")\n```', '![Cap](a.png "Caption")',
      '<details><summary>More</summary>Hidden</details>', '<a name="old-anchor"></a>', '[^1]: Footnote.',
    ].join('\n\n');
    const raw = renderMarkdown(md, { resolveAsset: (src) => `postwright-asset://p/${src}` });
    expect(sanitizeArticle(raw, createNodePurify())).toBe(reserialize(raw));
  });

  it('keeps ids that name document properties, identically in every DOM', () => {
    const body = article('## Links\n\n## Images\n\n## Timeline\n\n## Fonts\n\n## Cookie');
    expect([...body.querySelectorAll('h2')].map((h) => h.id)).toEqual(['links', 'images', 'timeline', 'fonts', 'cookie']);
  });

  it.each([
    'https://www.youtube.com/embed/dQw4w9WgXcQ',
    'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30',
    'https://player.vimeo.com/video/76979871',
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
    'https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1',
    'https://www.google.com/maps/embed?pb=!1m18',
    'https://codepen.io/someone/embed/abcdef',
  ])('keeps an embed from %s', (src) => {
    const iframe = article(`<iframe src="${src}" width="560" height="315" allow="autoplay; encrypted-media" allowfullscreen></iframe>`).querySelector('iframe');
    expect(iframe?.getAttribute('src')).toBe(src);
    expect(iframe?.hasAttribute('allowfullscreen')).toBe(true);
  });

  it.each([
    'https://www.youtube.com/watch?v=x', 'https://www.google.com/search?q=x', 'https://evil.example/embed/x',
    'https://www.youtube.com:8443/embed/x', 'https://user@www.youtube.com/embed/x', 'http://player.vimeo.com/video/1',
    'https://gist.github.com/a/b', '//www.youtube.com/embed/x', 'embed/x', '',
  ])('drops an embed from %j', (src) => {
    expect(isAllowedEmbed(src)).toBe(false);
    expect(article(`<iframe src="${src}"></iframe>`).querySelector('iframe')).toBeNull();
  });

  it('writes < and > in attribute values as entities, like Chromium, and leaves text alone', () => {
    const html = renderArticle('![a < b](x.png) `x="<y>"` <abbr title="1 > 0">one</abbr>', createNodePurify());
    expect(html).toContain('alt="a &lt; b"');
    expect(html).toContain('title="1 &gt; 0"');
    expect(html).toContain('<code>x="&lt;y&gt;"</code>');
  });

  it('forces task-list checkboxes read-only and drops other inputs', () => {
    const body = article('<input type="checkbox" checked> <input type="text" placeholder="Password">');
    expect([...body.querySelectorAll('input')].map((i) => [i.type, i.disabled])).toEqual([['checkbox', true]]);
  });

  it('configures an instance once, however often it is called', () => {
    const purify = createDOMPurify(new JSDOM('').window as never);
    const first = sanitizeArticle('<iframe src="https://evil.example/"></iframe><p>x</p>', purify);
    const again = sanitizeArticle('<iframe src="https://evil.example/"></iframe><p>x</p>', purify);
    expect(again).toBe(first);
    expect(first).toBe('<p>x</p>');
  });

  it('leaves other callers of the same instance with stock DOMPurify behaviour', () => {
    const purify = createDOMPurify(new JSDOM('').window as never);
    sanitizeArticle('<p>warm up the hooks</p>', purify);
    expect(purify.sanitize('<img name="photo" src="a.png">')).toBe('<img name="photo" src="a.png">');
  });
});
