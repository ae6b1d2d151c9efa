import type { DOMPurify } from 'dompurify';
import { renderMarkdown, type RenderOptions } from './markdown';
import { sanitizeArticle } from './sanitize';

export { createMarkdown, renderMarkdown, type Profile, type RenderOptions } from './markdown';
export { isRelativeAsset } from './images';
export { isAllowedEmbed, sanitizeArticle } from './sanitize';
export { slugify } from './slug';

/** render + sanitize: what the preview shows and what the CLI prints. */
export function renderArticle(markdown: string, purify: DOMPurify, options?: RenderOptions): string {
  return sanitizeArticle(renderMarkdown(markdown, options), purify);
}
