import { describe, expect, it } from 'vitest';
import { createLazyPurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render/index';

const POST = [
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe src="https://www.youtube-nocookie.com/embed/x" allow="camera; fullscreen" referrerpolicy="unsafe-url"></iframe>',
  '<img src=x onerror=alert(1)> <a name="location">a</a> <b>kept</b>',
].join('\n\n');

describe('the Node DOMPurify, made on first use', () => {
  it('applies the article policy through the lazy instance', () => {
    const purify = createLazyPurify();
    const html = renderArticle(POST, purify);
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('onerror');
    expect(html).toContain('allow="fullscreen"');
    expect(html).toContain('<b>kept</b>');
    expect(renderArticle(POST, purify)).toBe(html);
  });
});
