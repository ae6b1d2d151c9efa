import { assemble, planRender } from './budget';
import { renderMarkdownParts, type RenderOptions } from './markdown';
import { sanitizeArticle, type PurifySource } from './sanitize';

export { createMarkdown, renderMarkdown, type Profile, type RenderOptions } from './markdown';
export { isRelativeAsset } from './images';
export { isAllowedEmbed, sanitizeArticle, type PurifySource } from './sanitize';
export { slugify } from './slug';

/** render + sanitize: what the preview shows and what the CLI prints. The DOM sanitizer is
 *  needed (and, given as a function, made) only for a post with raw HTML. A very large post
 *  is rendered within a budget, with a notice saying so (budget.ts). */
export function renderArticle(markdown: string, purify: PurifySource, options?: RenderOptions): string {
  const plan = planRender(markdown);
  const { html, rawHtml } = renderMarkdownParts(plan.head, options, { plainCode: plan.level !== 'full' });
  return assemble(plan, sanitizeArticle(html, purify, { trusted: plan.level !== 'full' || !rawHtml })).html;
}
