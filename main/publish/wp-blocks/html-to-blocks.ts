/// The sent article HTML as WordPress core blocks: each top-level piece becomes the block the
/// block editor would make for it (paragraph, heading, list, quote, image, table, code,
/// separator, video embed). What no core block holds without loss (math, footnotes, raw HTML the
/// author wrote) becomes a Custom HTML block, kept exactly. Only the shape is decided here; the
/// markup is made by WordPress's own block library (serialize.ts).
import { JSDOM } from 'jsdom';
import { CODE_GROUND, GROUND_COLOURS } from '../code-colours';

export interface BlockSpec {
  name: string;
  attributes: Record<string, unknown>;
  innerBlocks: BlockSpec[];
}

/// The media id WordPress gave an uploaded image, by the URL the article uses for it.
export type MediaIdOf = (url: string) => number | undefined;

let window: JSDOM['window'] | undefined;

export function htmlToBlocks(html: string, mediaId: MediaIdOf = () => undefined): BlockSpec[] {
  window ??= new JSDOM('').window;
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return blocksOf(Array.from(template.content.childNodes), mediaId);
}

function blocksOf(nodes: Node[], mediaId: MediaIdOf): BlockSpec[] {
  const blocks: BlockSpec[] = [];
  for (const node of nodes) {
    if (node.nodeType === 3 /* text */) {
      const text = node.textContent?.trim();
      if (text) blocks.push(block('core/paragraph', { content: escapeText(text) }));
      continue;
    }
    if (node.nodeType !== 1 /* element */) continue;
    blocks.push(blockOf(node as Element, mediaId));
  }
  return blocks;
}

function block(name: string, attributes: Record<string, unknown> = {}, innerBlocks: BlockSpec[] = []): BlockSpec {
  return { name, attributes, innerBlocks };
}

/// Math is drawn by MathML that the editor's rich text would destroy on the first keystroke.
const KEEP_AS_HTML = 'math, iframe, input, script, style, video, audio, details, div, section, table, figure, pre, svg';

function blockOf(element: Element, mediaId: MediaIdOf): BlockSpec {
  const tag = element.tagName.toLowerCase();
  const html = () => block('core/html', { content: element.outerHTML });
  switch (tag) {
    case 'p': {
      const only = onlyChild(element);
      if (only?.tagName.toLowerCase() === 'img') return image(only, null, mediaId);
      if (only?.tagName.toLowerCase() === 'iframe') return embed(only) ?? html();
      if (element.querySelector(KEEP_AS_HTML) || element.attributes.length > 0) return html();
      // A soft line break is a space to a reader; WordPress's serializer would store it as <br>.
      return block('core/paragraph', { content: element.innerHTML.replace(/<br>\n/g, '<br>').replace(/\n/g, ' ') });
    }
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
      if (element.querySelector(KEEP_AS_HTML) || [...element.attributes].some((a) => a.name !== 'id')) return html();
      const attributes: Record<string, unknown> = { content: element.innerHTML, level: Number(tag[1]) };
      if (element.id) attributes.anchor = element.id;
      return block('core/heading', attributes);
    }
    case 'ul': case 'ol':
      return list(element) ?? html();
    case 'blockquote':
      if (element.attributes.length > 0) return html();
      return block('core/quote', {}, blocksOf(Array.from(element.childNodes), mediaId));
    case 'figure': {
      const img = onlyChild(element, 'figcaption');
      const caption = element.querySelector(':scope > figcaption');
      if (img?.tagName.toLowerCase() === 'img' && caption && !caption.querySelector(KEEP_AS_HTML)) return image(img, caption.innerHTML.trim(), mediaId, element.id);
      return html();
    }
    case 'img':
      return image(element, null, mediaId);
    case 'iframe':
      return embed(element) ?? html();
    case 'table':
      return table(element) ?? html();
    case 'pre': {
      const code = onlyChild(element);
      // The palette's own ground (code-colours.ts) is the code block's colour setting.
      const ground = element.getAttribute('style') === CODE_GROUND;
      if (code?.tagName.toLowerCase() !== 'code' || element.attributes.length > (ground ? 1 : 0)) return html();
      // The language rides on the block's class, so the way back can fence the code with it.
      const language = /\blanguage-[\w+#-]+/.exec(code.getAttribute('class') ?? '')?.[0];
      return block('core/code', {
        content: code.innerHTML.replace(/\n$/, ''),
        ...(language ? { className: language } : {}),
        ...(ground ? { style: { color: GROUND_COLOURS } } : {}),
      });
    }
    case 'hr':
      // The rule before the footnotes belongs to them.
      return element.classList.contains('footnotes-sep') || element.attributes.length > 0 ? html() : block('core/separator');
    default:
      return html();
  }
}

/// The one element child of `element` (text around it only whitespace), ignoring `except` tags.
function onlyChild(element: Element, except?: string): Element | null {
  let found: Element | null = null;
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3 && !node.textContent?.trim()) continue;
    if (node.nodeType !== 1) return null;
    if (except && (node as Element).tagName.toLowerCase() === except) continue;
    if (found) return null;
    found = node as Element;
  }
  return found;
}

/// `anchor` is a numbered figure's id (`fig:growth`), which its cross-references link to.
function image(img: Element, caption: string | null, mediaId: MediaIdOf, anchor = ''): BlockSpec {
  const url = img.getAttribute('src') ?? '';
  const attributes: Record<string, unknown> = { url, alt: img.getAttribute('alt') ?? '', sizeSlug: 'full', linkDestination: 'none' };
  const id = mediaId(url);
  if (id !== undefined) attributes.id = id;
  if (caption) attributes.caption = caption;
  if (anchor) attributes.anchor = anchor;
  return block('core/image', attributes);
}

/// YouTube and Vimeo players become embeds of the video's page, as WordPress makes them from a URL.
function embed(iframe: Element): BlockSpec | null {
  let src: URL;
  try {
    src = new URL(iframe.getAttribute('src') ?? '');
  } catch {
    return null;
  }
  const youtube = /^www\.youtube(?:-nocookie)?\.com$/.test(src.hostname) && /^\/embed\/([\w-]{6,20})$/.exec(src.pathname);
  if (youtube) return block('core/embed', { url: `https://www.youtube.com/watch?v=${youtube[1]}`, type: 'video', providerNameSlug: 'youtube', responsive: true });
  const vimeo = src.hostname === 'player.vimeo.com' && /^\/video\/(\d{1,15})$/.exec(src.pathname);
  if (vimeo) return block('core/embed', { url: `https://vimeo.com/${vimeo[1]}`, type: 'video', providerNameSlug: 'vimeo', responsive: true });
  return null;
}

function list(element: Element): BlockSpec | null {
  if ([...element.attributes].some((a) => a.name !== 'start')) return null;
  const items: BlockSpec[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3 && !node.textContent?.trim()) continue;
    if (node.nodeType !== 1 || (node as Element).tagName.toLowerCase() !== 'li') return null;
    const li = node as Element;
    if (li.attributes.length > 0 || li.querySelector(KEEP_AS_HTML)) return null;
    const inner: BlockSpec[] = [];
    const text: string[] = [];
    for (const child of Array.from(li.childNodes)) {
      const name = child.nodeType === 1 ? (child as Element).tagName.toLowerCase() : '';
      if (name === 'ul' || name === 'ol') {
        const nested = list(child as Element);
        if (!nested) return null;
        inner.push(nested);
      } else if (name === 'p') {
        // A loose list's paragraphs: the list item holds their text, one line each.
        text.push((child as Element).innerHTML);
      } else if (inner.length === 0) {
        text.push(child.nodeType === 1 ? (child as Element).outerHTML : escapeText(child.textContent ?? ''));
      } else if (child.textContent?.trim()) {
        return null;
      }
    }
    items.push(block('core/list-item', { content: text.join('').trim().replace(/\n+/g, '<br>') }, inner));
  }
  const attributes: Record<string, unknown> = element.tagName.toLowerCase() === 'ol' ? { ordered: true } : {};
  const start = element.getAttribute('start');
  if (start && /^\d+$/.test(start) && start !== '1') attributes.start = Number(start);
  return block('core/list', attributes, items);
}

function table(element: Element): BlockSpec | null {
  if (element.attributes.length > 0 || element.querySelector(KEEP_AS_HTML)) return null;
  const section = (selector: string) => Array.from(element.querySelectorAll(`:scope > ${selector} > tr`)).map((tr) => ({
    cells: Array.from(tr.children).map((cell) => {
      const out: Record<string, unknown> = { content: cell.innerHTML, tag: cell.tagName.toLowerCase() };
      const align = /text-align:\s*(left|center|right)/.exec(cell.getAttribute('style') ?? '')?.[1];
      if (align) out.align = align;
      return out;
    }),
  }));
  if (element.querySelector(':scope > tr, :scope > caption')) return null;
  return block('core/table', { hasFixedLayout: false, head: section('thead'), body: section('tbody'), foot: section('tfoot') });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
