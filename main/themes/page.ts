/// Reads a blog page's HTML for a theme snapshot: its stylesheets in order, where a post's text
/// sits (the element and the chain of wrappers around it) and the feed that names the newest
/// post. jsdom parses only: it runs no script and loads nothing.
import { JSDOM } from 'jsdom';
import { ThemeWrapper } from '../../shared/theme-look';

/// `id` is the element's (WordPress names each block's styles `wp-block-<name>-inline-css`).
export type PageSheet = { kind: 'link'; href: string; media: string; id: string } | { kind: 'inline'; css: string; media: string; id: string };

export interface PageLook {
  sheets: PageSheet[];
  /// From the outermost wrapper inside <body> down to the element holding the post's text.
  chain: ThemeWrapper[];
  htmlClass: string;
  bodyClass: string;
  /// Where the text was found: a platform's convention, or the element with the most paragraphs.
  foundBy: string;
}

/// Where each platform puts a post's text, most specific first.
const CONTENT_SELECTORS = [
  '.wp-block-post-content',
  '.entry-content',
  '.gh-content',
  '.post-body',
  '.post-content',
  '[itemprop="articleBody"]',
  'article .content',
  '.article-content',
];

export function readPage(html: string, pageUrl: string, knownText?: string): PageLook {
  const { document } = new JSDOM(html, { url: pageUrl }).window;
  const sheets: PageSheet[] = [];
  for (const element of document.querySelectorAll('link[rel~="stylesheet" i], style')) {
    // Sheets in <noscript> or inside templates never apply to a page without script.
    if (element.closest('noscript, template')) continue;
    const media = element.getAttribute('media')?.trim() ?? '';
    if (media === 'print') continue;
    const id = element.id;
    if (element.localName === 'style') {
      sheets.push({ kind: 'inline', css: element.textContent ?? '', media, id });
    } else {
      const href = element.getAttribute('href');
      if (href && !element.hasAttribute('disabled') && !/\balternate\b/i.test(element.getAttribute('rel') ?? '') && URL.canParse(href, pageUrl)) {
        sheets.push({ kind: 'link', href: new URL(href, pageUrl).href, media, id });
      }
    }
  }
  const { element, foundBy } = findContent(document, knownText);
  return {
    sheets,
    chain: element ? wrapperChain(element) : [],
    htmlClass: document.documentElement.className,
    bodyClass: document.body?.className ?? '',
    foundBy,
  };
}

function findContent(document: Document, knownText?: string): { element: Element | null; foundBy: string } {
  const probe = knownText?.replace(/\s+/g, ' ').trim().slice(0, 80);
  if (probe) {
    const holders = [...document.body.querySelectorAll('div, section, article, main')].filter((el) => el.textContent?.replace(/\s+/g, ' ').includes(probe));
    // The innermost element holding the text is the content element.
    const innermost = holders.filter((el) => !holders.some((other) => other !== el && el.contains(other)));
    if (innermost[0]) return { element: innermost[0], foundBy: 'the newest post’s text' };
  }
  for (const selector of CONTENT_SELECTORS) {
    const element = document.body?.querySelector(selector);
    if (element) return { element, foundBy: selector };
  }
  let best: Element | null = null;
  let most = 0;
  for (const candidate of document.body?.querySelectorAll('div, section, article, main') ?? []) {
    const count = [...candidate.children].filter((child) => child.localName === 'p').length;
    if (count > most) [best, most] = [candidate, count];
  }
  return { element: best, foundBy: best ? 'the element with the most paragraphs' : 'nothing' };
}

const KEEP_TAGS = new Set<string>(ThemeWrapper.shape.tag.options);

/// The content element and its ancestors up to <body>, as tag, id and classes only: no other
/// attribute (an inline style could load something) travels into the snapshot.
function wrapperChain(content: Element): ThemeWrapper[] {
  const chain: ThemeWrapper[] = [];
  for (let el: Element | null = content; el && el.localName !== 'body' && el.localName !== 'html'; el = el.parentElement) {
    chain.unshift({
      tag: KEEP_TAGS.has(el.localName) ? (el.localName as ThemeWrapper['tag']) : 'div',
      id: el.id.slice(0, 100),
      className: el.className && typeof el.className === 'string' ? el.className.slice(0, 500) : '',
    });
  }
  return chain;
}

/// The newest item's address in an RSS or Atom feed, if it is on `origin`.
export function newestFromFeed(xml: string, origin: string): string | null {
  return recentFromFeed(xml, origin, 1)[0] ?? null;
}

/// The addresses of the feed's first `max` items that are on `origin`, newest first.
export function recentFromFeed(xml: string, origin: string, max: number): string[] {
  const items = [...xml.matchAll(/<(item|entry)\b[\s\S]*?<\/\1>/gi)].slice(0, max).map((match) => itemLink(match[0], origin));
  return items.filter((link): link is string => link !== null);
}

function itemLink(item: string, origin: string): string | null {
  const rss = /<link>\s*(?:<!\[CDATA\[)?\s*([^<\]\s]+)/i.exec(item)?.[1];
  const atom = /<link\b[^>]*rel=["']alternate["'][^>]*href=["']([^"']+)["']/i.exec(item)?.[1] ?? /<link\b[^>]*href=["']([^"']+)["']/i.exec(item)?.[1];
  const link = (rss ?? atom ?? '').replace(/&amp;/g, '&');
  return URL.canParse(link) && new URL(link).origin === origin ? link : null;
}

/// The feed a page announces (`<link rel=alternate type=application/rss+xml>`), if on `origin`.
export function feedOf(html: string, pageUrl: string): string | null {
  const { document } = new JSDOM(html, { url: pageUrl }).window;
  for (const link of document.querySelectorAll('link[rel~="alternate" i][href]')) {
    if (!/(rss|atom)\+xml/i.test(link.getAttribute('type') ?? '')) continue;
    const href = link.getAttribute('href') ?? '';
    if (URL.canParse(href, pageUrl) && new URL(href, pageUrl).origin === new URL(pageUrl).origin) return new URL(href, pageUrl).href;
  }
  return null;
}
