import type MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

/// How deep an article may nest, so that every later pass (the sanitizer's DOM, the browser's
/// layout) stays fast and within its stack. markdown-it bounds its own blocks (maxNesting), but
/// not emphasis ("*****…a…*****" nests a `<strong>` per pair) nor a blogger's raw HTML (10,000
/// `<div>`s overflowed the stack after 40 s). Past the bound the markup shows as text: the
/// reader sees the asterisks or the tags, nothing is lost, and nothing is run.
export const MAX_INLINE_DEPTH = 32;
export const MAX_HTML_DEPTH = 64;

export function depthPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'depth_limit', (state: StateCore) => {
    const html = new RawHtmlDepth(md.utils.escapeHtml);
    for (const token of state.tokens) {
      if (token.type === 'html_block') token.content = html.limit(token.content);
      else if (token.children) limitInline(token.children, html);
    }
  });
}

function limitInline(children: Token[], html: RawHtmlDepth): void {
  const demoted: boolean[] = [];
  let depth = 0;
  for (const token of children) {
    if (token.type === 'html_inline') {
      token.content = html.limit(token.content);
    } else if (token.nesting === 1) {
      const demote = depth >= MAX_INLINE_DEPTH;
      demoted.push(demote);
      if (demote) asText(token);
      else depth++;
    } else if (token.nesting === -1) {
      if (demoted.pop()) asText(token);
      else depth--;
    }
  }
}

const MARKS = new Set(['em_open', 'em_close', 'strong_open', 'strong_close', 's_open', 's_close']);

function asText(token: Token): void {
  token.content = MARKS.has(token.type) ? token.markup : '';
  token.type = 'text';
  token.tag = '';
  token.nesting = 0;
  token.attrs = null;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/// Open raw HTML elements across the article, in order. A tag that would open one more than
/// MAX_HTML_DEPTH is escaped, and so is the closing tag that pairs with it.
class RawHtmlDepth {
  private readonly open: string[] = [];
  private readonly escaped = new Map<string, number>();

  constructor(private readonly escapeHtml: (text: string) => string) {}

  limit(html: string): string {
    let out = '';
    let copied = 0;
    for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
      const closing = html.charCodeAt(at + 1) === 0x2f;
      const nameStart = closing ? at + 2 : at + 1;
      let nameEnd = nameStart;
      while (isNameChar(html.charCodeAt(nameEnd), nameEnd === nameStart)) nameEnd++;
      if (nameEnd === nameStart) continue;
      const end = tagEnd(html, nameEnd);
      if (end === -1) break;
      const name = html.slice(nameStart, nameEnd).toLowerCase();
      const selfClosing = html.charCodeAt(end - 2) === 0x2f;
      if (!this.keep(name, closing, selfClosing)) {
        out += html.slice(copied, at) + this.escapeHtml(html.slice(at, end));
        copied = end;
      }
      at = end - 1;
    }
    return copied === 0 ? html : out + html.slice(copied);
  }

  private keep(name: string, closing: boolean, selfClosing: boolean): boolean {
    if (closing) {
      const pending = this.escaped.get(name) ?? 0;
      if (pending > 0) {
        this.escaped.set(name, pending - 1);
        return false;
      }
      // As a browser does: close up to the nearest open element of that name, if any.
      const index = this.open.lastIndexOf(name);
      if (index !== -1) this.open.length = index;
      return true;
    }
    if (VOID.has(name) || selfClosing) return true;
    if (this.open.length >= MAX_HTML_DEPTH) {
      this.escaped.set(name, (this.escaped.get(name) ?? 0) + 1);
      return false;
    }
    this.open.push(name);
    return true;
  }
}

function isNameChar(code: number, first: boolean): boolean {
  const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return letter || (!first && ((code >= 0x30 && code <= 0x39) || code === 0x2d));
}

/// Just past the `>` that ends a tag whose name ends at `from`, skipping quoted values; -1 if none.
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x3e) return i + 1;
  }
  return -1;
}
