import { renderMarkdownParts, type RenderOptions } from './markdown';
import { sanitizeArticle, type PurifySource } from './sanitize';

export { createMarkdown, renderMarkdown, type Profile, type RenderOptions } from './markdown';
export { isRelativeAsset } from './images';
export { isAllowedEmbed, sanitizeArticle, type PurifySource } from './sanitize';
export { slugify } from './slug';

/** render + sanitize: what the preview shows and what the CLI prints. The DOM sanitizer is
 *  needed (and, given as a function, made) only for a post with raw HTML. */
export function renderArticle(markdown: string, purify: PurifySource, options?: RenderOptions): string {
  const { html, rawHtml } = renderMarkdownParts(markdown, options);
  return sanitizeArticle(html, purify, { trusted: !rawHtml });
}
