import type MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

export type ResolveAsset = (src: string) => string;

/// What renderMarkdown hands markdown-it as `env`.
export interface RenderEnv {
  resolveAsset?: ResolveAsset;
}

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/// True for a reference to a file beside the post ("photo.png", "./img/a.jpg",
/// "/images/a.png"): anything without a scheme, not protocol-relative, not an anchor.
export function isRelativeAsset(src: string): boolean {
  return src !== '' && !ABSOLUTE.test(src);
}

/// A source as the host shows it (relative ones through `resolveAsset`).
export function resolveSrc(src: string, env: RenderEnv): string {
  if (!env.resolveAsset || !isRelativeAsset(src)) return src;
  // markdown-it percent-encodes destinations; hosts want the path as written.
  let path = src;
  try {
    path = decodeURIComponent(src);
  } catch {
    // A stray "%" is a literal character in the file name.
  }
  return env.resolveAsset(path);
}

/// Images: relative sources go through `resolveAsset`, every image loads lazily,
/// and an image alone in its paragraph with a title becomes a captioned figure.
export function imagesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('figure', figureRule);

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx]!;
    token.attrSet('src', resolveSrc(token.attrGet('src') ?? '', env));
    token.attrSet('loading', 'lazy');
    return defaultImage(tokens, idx, options, env, self);
  };

  // Raw HTML media (<img>, <video>, <source>…) resolve too, so preview and
  // publishing see the same assets. The sanitizer still checks the result.
  for (const rule of ['html_block', 'html_inline'] as const) {
    const original = md.renderer.rules[rule]!;
    md.renderer.rules[rule] = (tokens, idx, options, env: RenderEnv, self) => {
      const html = original(tokens, idx, options, env, self);
      return env.resolveAsset ? resolveHtmlMedia(html, env) : html;
    };
  }
}

const MEDIA_ATTR =
  /(<(?:img|video|audio|source|track)\b[^>]*?\s(?:src|poster)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

function resolveHtmlMedia(html: string, env: RenderEnv): string {
  return html.replace(MEDIA_ATTR, (_match, head: string, dq?: string, sq?: string, bare?: string) => {
    const src = decodeEntities(dq ?? sq ?? bare ?? '');
    return `${head}"${escapeAttr(resolveSrc(src, env))}"`;
  });
}

function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/// `![Alt](a.png "Caption")` on its own -> <figure><img><figcaption>Caption</figcaption></figure>.
/// The title moves into the caption rather than also becoming a tooltip.
function figureRule(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const open = tokens[i]!;
    const inline = tokens[i + 1]!;
    const close = tokens[i + 2]!;
    if (open.type !== 'paragraph_open' || open.hidden || close.type !== 'paragraph_close') continue;
    const children = inline.children ?? [];
    const image = children.length === 1 ? children[0] : undefined;
    const title = image?.type === 'image' ? image.attrGet('title') : null;
    if (!image || !title) continue;

    image.attrs = (image.attrs ?? []).filter(([name]) => name !== 'title');
    open.type = 'figure_open';
    open.tag = 'figure';
    close.type = 'figure_close';
    close.tag = 'figure';
    const caption = captionTokens(state, title, open.level + 1);
    tokens.splice(i + 2, 0, ...caption);
    i += 2 + caption.length;
  }
}

function captionTokens(state: StateCore, title: string, level: number): Token[] {
  const open = new state.Token('figcaption_open', 'figcaption', 1);
  const inline = new state.Token('inline', '', 0);
  const text = new state.Token('text', '', 0);
  const close = new state.Token('figcaption_close', 'figcaption', -1);
  open.block = close.block = true;
  open.level = close.level = level;
  inline.level = level + 1;
  text.content = inline.content = title;
  inline.children = [text];
  return [open, inline, close];
}
