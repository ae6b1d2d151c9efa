/// How much of a post the pipeline renders in full. A post of a megabyte or two renders as
/// usual. Above FULL_RENDER_CHARS, code is shown plain and math as its TeX (highlight.js and
/// KaTeX cost many times the text they get). Above MARKDOWN_CHARS, only the start is read as
/// markdown and the rest is shown as escaped plain paragraphs, so a 20 MB post renders in
/// bounded time and memory. A notice at the top of the article says what was left out.
/// renderArticle and IncrementalArticle both go through `planRender`, so the preview and
/// `postwright render` stay byte-identical.

import type MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';

export const FULL_RENDER_CHARS = 2_000_000;
export const MARKDOWN_CHARS = 3_000_000;

/// What the highlight, math and raw-HTML rules read from markdown-it's `env`.
export interface BudgetEnv {
  /// Code without highlighting, math as TeX in a <code> element, raw HTML as text.
  plainCode?: boolean;
}

/// In a very large post, raw HTML is shown as text: only a DOM may vet it, and a DOM of
/// megabytes of HTML takes gigabytes. The article then needs no DOM sanitizer at all. Done on
/// the tokens, before depth.ts escapes deep tags in place, so nothing is escaped twice.
export function budgetPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'budget_html', (state: StateCore) => {
    if (!(state.env as BudgetEnv).plainCode) return;
    for (const token of state.tokens) {
      if (token.type === 'html_block') {
        token.type = 'code_block';
        token.tag = 'code';
      }
      for (const child of token.children ?? []) if (child.type === 'html_inline') child.type = 'text';
    }
  });
}

export interface RenderPlan {
  level: 'full' | 'plain' | 'cut';
  /// The text read as markdown (line breaks normalized unless `level` is 'full').
  head: string;
  /// The text after `head`, shown as plain paragraphs; '' unless `level` is 'cut'.
  tail: string;
  /// The 0-based source line `tail` starts on.
  tailLine: number;
  /// Length of the whole (normalized) body, for the notice.
  length: number;
}

export function planRender(body: string): RenderPlan {
  if (body.length <= FULL_RENDER_CHARS) return { level: 'full', head: body, tail: '', tailLine: 0, length: body.length };
  // As markdown-it reads it, so the cut falls at the same place whatever the line breaks.
  const text = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  if (text.length <= FULL_RENDER_CHARS) return { level: 'full', head: body, tail: '', tailLine: 0, length: text.length };
  if (text.length <= MARKDOWN_CHARS) return { level: 'plain', head: text, tail: '', tailLine: 0, length: text.length };
  const cut = cutAt(text);
  const head = text.slice(0, cut);
  return { level: 'cut', head, tail: text.slice(cut), tailLine: countLines(head), length: text.length };
}

/// Where the markdown part ends: after a blank line if one is near the budget (so no paragraph
/// is split), else after a line break, else at the budget itself.
function cutAt(text: string): number {
  const floor = MARKDOWN_CHARS / 2;
  const blank = text.lastIndexOf('\n\n', MARKDOWN_CHARS - 2);
  if (blank >= floor) return blank + 2;
  const line = text.lastIndexOf('\n', MARKDOWN_CHARS - 1);
  if (line >= floor) return line + 1;
  const high = text.charCodeAt(MARKDOWN_CHARS - 1);
  return high >= 0xd800 && high <= 0xdbff ? MARKDOWN_CHARS - 1 : MARKDOWN_CHARS;
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/// The visible notice for a degraded render; '' for a full one.
export function noticeHtml(plan: RenderPlan): string {
  if (plan.level === 'full') return '';
  const size = `${(plan.length / 1_000_000).toFixed(1)} million characters`;
  const cut =
    plan.level === 'cut'
      ? ` Only the first ${MARKDOWN_CHARS / 1_000_000} million characters are formatted; the rest is shown as plain text.`
      : '';
  return (
    `<p class="render-notice">This post is very large (${size}), so the preview is simplified: ` +
    `code is not highlighted and math is shown as TeX.${cut} Your text is unchanged.</p>\n`
  );
}

/// The tail as paragraphs of escaped text, one per run of non-blank lines, each carrying its
/// first line as `data-line` for scroll sync. Already safe: it holds no markup from the post.
export function tailHtml(plan: RenderPlan): { html: string; paragraphs: number } {
  const parts: string[] = [];
  const text = plan.tail;
  let line = plan.tailLine;
  let start = -1;
  let startLine = 0;
  let at = 0;
  const flush = (end: number) => {
    if (start === -1) return;
    parts.push(`<p data-line="${startLine}">${escapeText(text.slice(start, end).trim())}</p>\n`);
    start = -1;
  };
  while (at <= text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline;
    if (isBlank(text, at, end)) flush(at);
    else if (start === -1) {
      start = at;
      startLine = line;
    }
    if (newline === -1) break;
    at = newline + 1;
    line++;
  }
  flush(text.length);
  return { html: parts.join(''), paragraphs: parts.length };
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/// As the sanitizer serializes text (markdown-it turns NUL into U+FFFD).
function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>\u00a0\u0000]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '\u00a0' ? '&nbsp;' : '\ufffd',
  );
}

/// The whole article from the sanitized markdown part: notice first, then the tail.
export function assemble(plan: RenderPlan, sanitizedHead: string): { html: string; paragraphs: number } {
  if (plan.level === 'full') return { html: sanitizedHead, paragraphs: 0 };
  const tail = plan.level === 'cut' ? tailHtml(plan) : { html: '', paragraphs: 0 };
  return { html: noticeHtml(plan) + sanitizedHead + tail.html, paragraphs: tail.paragraphs };
}
