import { JSDOM } from 'jsdom';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle, type RenderOptions } from '../../../shared/render/index';
import { escapeAttributeBrackets } from '../../../shared/render/sanitize';

/// The article as a reader's browser would hold it: rendered, sanitized, parsed.
export function article(markdown: string, options?: RenderOptions): HTMLElement {
  return parse(renderArticle(markdown, createNodePurify(), options));
}

export function parse(html: string): HTMLElement {
  const body = new JSDOM('').window.document.body;
  body.innerHTML = html;
  return body;
}

/// HTML as Chromium would serialize it, to compare markup independent of
/// markdown-it's spelling (`<path/>` vs `<path></path>`, quote escaping).
export function reserialize(html: string): string {
  return escapeAttributeBrackets(parse(html).innerHTML);
}
