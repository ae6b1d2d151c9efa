import MarkdownIt, { type PluginSimple, type Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';
import taskLists from 'markdown-it-task-lists';
import { blockLinesPlugin } from './block-lines';
import { budgetPlugin, type BudgetEnv } from './budget';
import { depthPlugin } from './depth';
import { autolinks, closeInlineTags, strikethrough, tagFilter } from './gfm';
import { highlightPlugin } from './highlight';
import { imagesPlugin, type RenderEnv, type ResolveAsset } from './images';
import { mathPlugin } from './math';
import { diagramPlugin, type DiagramEnv, type DiagramOptions } from './science/diagram';
import { scienceContext, type ScienceContext, type ScienceOptions } from './science/context';
import { sciencePlugin, type ScienceEnv } from './science/plugin';
import { slugify } from './slug';

// Its @types describe the CommonJS markdown-it typings, not the ESM ones used here.
const footnotePlugin = footnote as unknown as PluginSimple;

export interface RenderOptions {
  /** Maps a relative asset reference in the post (e.g. "photo.png", "./img/a.jpg") to a URL the host can display. Absolute URLs (http:, https:, data:, mailto:, protocol-relative, #anchors) are left alone. Default: identity. */
  resolveAsset?: ResolveAsset;
  /** Citations' engine and the words for numbered figures, tables and equations. */
  science?: ScienceOptions;
  /** The whole post's numbering, when the caller renders it a block at a time (incremental preview). */
  scienceContext?: ScienceContext;
  /// The post's drawn diagram files (science/diagram.ts); without it every diagram is a note.
  diagrams?: DiagramOptions;
}

/// `article` is what readers get. `commonmark` is the same parser without the
/// extras that change every block's markup on purpose (data-line, heading ids,
/// image attributes, figures, bare-URL links); the CommonMark spec suite runs
/// against it.
export type Profile = 'article' | 'commonmark';

export function createMarkdown(profile: Profile = 'article'): MarkdownIt {
  const md = new MarkdownIt('default', {
    // Bloggers embed raw HTML (iframes, <figure>, <details>); sanitizeArticle vets it.
    html: true,
    // Off: quotes, dashes and "(c)" must survive exactly as the blogger typed them.
    typographer: false,
    linkify: profile === 'article',
    breaks: false,
    xhtmlOut: false,
  });
  md.use(strikethrough).use(footnotePlugin).use(taskLists, { enabled: false }).use(mathPlugin).use(highlightPlugin).use(depthPlugin).use(budgetPlugin);
  if (profile === 'commonmark') return md;

  // GFM's raw-HTML rules change what CommonMark's own examples expect, so they are article-only.
  md.use(autolinks).use(tagFilter).use(closeInlineTags);
  md.use(anchor, { slugify, tabIndex: false });
  md.use(imagesPlugin).use(sciencePlugin).use(diagramPlugin).use(blockLinesPlugin);
  return md;
}

let article: MarkdownIt | undefined;

/** Markdown body (front matter already removed) -> article HTML, NOT yet sanitized. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return renderMarkdownParts(markdown, options).html;
}

/** The article HTML, and whether the post holds raw HTML (which only the DOM sanitizer may vet). */
export function renderMarkdownParts(markdown: string, options: RenderOptions = {}, budget: BudgetEnv = {}): { html: string; rawHtml: boolean } {
  article ??= createMarkdown('article');
  const env: RenderEnv & BudgetEnv & ScienceEnv & DiagramEnv = { ...budget };
  if (options.resolveAsset) env.resolveAsset = options.resolveAsset;
  if (options.diagrams) env.diagrams = options.diagrams;
  env.science = options.scienceContext ?? scienceContext(markdown, options.science ?? {});
  const tokens = article.parse(markdown, env);
  return { html: article.renderer.render(tokens, article.options, env), rawHtml: hasRawHtml(tokens) };
}

export function hasRawHtml(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.type === 'html_block' || token.children?.some((child) => child.type === 'html_inline'));
}
