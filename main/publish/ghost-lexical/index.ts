/// The article as Lexical, the format Ghost's editor keeps, so the post opens in Ghost as its
/// own paragraphs, headings, lists, quotes, images, code cards, embeds and dividers. What Ghost
/// has no node for (tables, math, footnotes and the paragraphs that point at them) goes in HTML
/// cards, exactly as rendered, and so does highlighted code, whose colours a code card loses. Ghost's own converter does the work; jsdom and Lexical are heavy,
/// so both load only when a post goes to Ghost.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { JSDOM as JsDom } from 'jsdom';

/// Top-level elements Ghost turns into nodes of its own.
const NATIVE = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'HR', 'FIGURE', 'IFRAME']);
/// Inside a native element, anything here makes it an HTML card: Ghost's nodes cannot hold it.
/// (A formula sent as an image stays in its line: Ghost's converter would lift it into an image card.)
const CARD_ONLY = 'math, img.math-image, table, sup.footnote-ref, iframe, video, audio, details, input, svg, [id], div, section, figure figure, pre pre';
/// Embeds Ghost's embed card plays; any other iframe stays in an HTML card.
const EMBED = /^https:\/\/(?:www\.youtube(?:-nocookie)?\.com\/embed\/|player\.vimeo\.com\/video\/)/;

/// The node types this module may hand to Ghost; anything else means the converter surprised us.
export const NODE_TYPES = new Set(['root', 'paragraph', 'extended-text', 'text', 'linebreak', 'link', 'extended-heading', 'heading', 'list', 'listitem', 'extended-quote', 'quote', 'image', 'codeblock', 'embed', 'horizontalrule', 'html']);

let loaded: { JSDOM: typeof JsDom; htmlToLexical: (html: string) => unknown } | null = null;

/// Through require: the packages' ES builds cannot import Lexical's CommonJS by name.
function load() {
  const need = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
  loaded ??= {
    JSDOM: (need('jsdom') as typeof import('jsdom')).JSDOM,
    htmlToLexical: (need('@tryghost/kg-html-to-lexical') as { htmlToLexical: (html: string) => unknown }).htmlToLexical,
  };
  return loaded;
}

/// The article HTML as a Lexical document (the JSON string Ghost's `lexical` field takes).
export function ghostLexical(html: string): string {
  const { JSDOM, htmlToLexical } = load();
  const marked = markCards(new JSDOM(`<body>${html.trim()}</body>`).window.document);
  const lexical = htmlToLexical(marked) as { root: LexicalNode };
  const unknown = typesIn(lexical.root).filter((type) => !NODE_TYPES.has(type));
  if (unknown.length > 0) throw new Error(`Ghost's converter made nodes Postwright does not know: ${unknown.join(', ')}`);
  return JSON.stringify(lexical);
}

interface LexicalNode {
  type: string;
  children?: LexicalNode[];
}

function typesIn(node: LexicalNode): string[] {
  return [node.type, ...(node.children ?? []).flatMap(typesIn)];
}

/// The body's HTML with each run of elements Ghost cannot hold natively between
/// `kg-card-begin/end: html` comments, the markers Ghost's converter reads as an HTML card.
function markCards(doc: Document): string {
  const out: string[] = [];
  let card: string[] = [];
  const flush = () => {
    if (card.length > 0) out.push(`<!--kg-card-begin: html-->\n${card.join('\n')}\n<!--kg-card-end: html-->`);
    card = [];
  };
  for (const node of [...doc.body.childNodes]) {
    if (node.nodeType === 3) {
      if (node.textContent?.trim()) card.push(escapeText(node.textContent));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (isNative(element)) {
      flush();
      out.push(element.outerHTML);
    } else if (element.tagName === 'PRE') {
      // Coloured code is a card of its own, edited on its own like the code card it replaces.
      flush();
      card.push(element.outerHTML);
      flush();
    } else {
      card.push(element.outerHTML);
    }
  }
  flush();
  return out.join('\n');
}

function isNative(element: Element): boolean {
  if (!NATIVE.has(element.tagName)) return false;
  if (element.tagName === 'IFRAME') return EMBED.test(element.getAttribute('src') ?? '');
  if (element.tagName === 'HR') return !element.classList.contains('footnotes-sep');
  // Highlighted code goes in an HTML card. Ghost's code card keeps plain text and renders it as
  // `<pre><code class="language-…">` that no theme colours (Casper loads no highlighter; Ghost's
  // advice is a script from a CDN in code injection), while the HTML card keeps each token's
  // inline colour (code-colours.ts). It stays editable in Ghost's editor, as HTML, and the way
  // back reads its `language-…` class into the fence. Code without colours stays a code card.
  if (element.tagName === 'PRE') return element.querySelector('code.hljs span[style]') === null;
  // Ghost's image card has no id, and a numbered figure's id is what its cross-references link to.
  if (element.tagName === 'FIGURE') return !element.id && isImageFigure(element);
  // A heading keeps its place as a native heading; Ghost gives it an id of its own.
  return element.querySelector(CARD_ONLY) === null;
}

/// `<figure><img><figcaption>…</figcaption></figure>`, as the render makes a titled image.
function isImageFigure(figure: Element): boolean {
  const kids = [...figure.children].map((child) => child.tagName).join(' ');
  return (kids === 'IMG FIGCAPTION' || kids === 'IMG') && figure.querySelector(`figcaption ${CARD_ONLY}`) === null;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
