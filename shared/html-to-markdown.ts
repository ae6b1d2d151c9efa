/// HTML to clean markdown, with GFM tables, strikethrough and task lists. Two uses: rich-text
/// paste (`htmlToMarkdown`: wrappers that Word and web pages leave are dropped) and the way back
/// from a blog (`articleToMarkdown`: every construct Postwright renders becomes the markdown it
/// came from, math from its TeX source, footnotes, aligned tables; what has no markdown stays as
/// raw HTML and is listed, never dropped). turndown parses with the DOM in browsers and a bundled
/// parser in Node.
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';

export type EmphasisMarker = '*' | '_';

export interface ArticleMarkdown {
  markdown: string;
  /// Elements kept as raw HTML because markdown has no way to say them ("<video>", "<sub>").
  keptAsHtml: string[];
}

type Mode = 'paste' | 'article';
const services = new Map<string, TurndownService>();
/// The run in progress (conversion is synchronous): what it kept as HTML.
let kept: string[] = [];

/// Elements a post may hold that markdown cannot say: kept as written, on the way back. Plain
/// wrappers (div, span, figure, section) are not here: their content is what the reader sees.
const RAW = ['iframe', 'video', 'audio', 'details', 'sub', 'sup', 'kbd', 'mark', 'u', 'ins', 'abbr', 'dl', 'object', 'embed', 'picture', 'svg', 'canvas', 'small', 'cite', 'q', 'var', 'samp', 'ruby'];

function turndown(mode: Mode, em: EmphasisMarker): TurndownService {
  const name = `${mode}${em}`;
  const made = services.get(name);
  if (made) return made;
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    fence: '```',
    emDelimiter: em,
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  service.use(gfm);
  // Word and Google Docs wrap everything in styling spans and leave these behind.
  service.remove(['script', 'style', 'meta', 'link', 'title', 'noscript']);
  // The GFM plugin writes `~x~`; `~~x~~` is what people type.
  service.addRule('strikethrough', {
    filter: ['del', 's'],
    replacement: (content) => `~~${content}~~`,
  });
  // `- item`, not turndown's `-   item`, as people write lists by hand.
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      const ordered = parent?.nodeName === 'OL';
      const start = Number(parent?.getAttribute('start') ?? 1);
      const index = parent ? Array.prototype.indexOf.call(parent.children, node) : 0;
      const marker = ordered ? `${start + index}. ` : '- ';
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${' '.repeat(marker.length)}`);
      return marker + body + (node.nextSibling && !/\n$/.test(body) ? '\n' : '');
    },
  });
  // Keep the language of highlighted code blocks (`<pre><code class="language-js">`).
  service.addRule('fencedCodeWithLanguage', {
    filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName === 'CODE',
    replacement: (_content, node) => {
      const code = node.firstChild as HTMLElement;
      // On the <code>, or on the <pre> (WordPress's code block keeps it there).
      const classes = `${code.getAttribute('class') ?? ''} ${(node as HTMLElement).getAttribute('class') ?? ''}`;
      const language = /(?:language|lang)-([\w+#-]+)/.exec(classes)?.[1] ?? '';
      const text = (code.textContent ?? '').replace(/\n$/, '');
      const fence = text.includes('```') ? '~~~~' : '```';
      return `\n\n${fence}${language}\n${text}\n${fence}\n\n`;
    },
  });
  if (mode === 'article') articleRules(service);
  services.set(name, service);
  return service;
}

/// The constructs of Postwright's own render, read back as the markdown that makes them.
function articleRules(service: TurndownService): void {
  const text = (node: Node) => node.textContent ?? '';
  const el = (node: Node) => node as HTMLElement;
  // A formula's TeX: KaTeX's annotation, or the alt text of a formula sent as an image (math-images.ts).
  const texOf = (node: Node) => el(node).querySelector?.('annotation[encoding="application/x-tex"]')?.textContent ?? el(node).querySelector?.('img.math-image')?.getAttribute('alt') ?? null;
  // `<` and `$` in text would become HTML and math on the next render.
  const escape = service.escape.bind(service);
  service.escape = (s: string) => escape(s).replace(/</g, '\\<').replace(/\$/g, '\\$');

  // First, so the rules below (added later, so tried earlier) win for a footnote's <sup>.
  service.addRule('rawHtml', {
    filter: (node) => RAW.includes(node.nodeName.toLowerCase()) || (node.nodeName === 'INPUT' && node.parentNode?.nodeName !== 'LI'),
    replacement: (_c, node) => {
      const name = node.nodeName.toLowerCase();
      // An iframe is how a post writes an embed: kept, but nothing to report.
      if (name !== 'iframe') kept.push(`<${name}>`);
      // Between blocks it is a block of its own: two side by side must not run together.
      const inText = INLINE_PARENTS.test(node.parentNode?.nodeName ?? '');
      return inText ? el(node).outerHTML : `\n\n${el(node).outerHTML}\n\n`;
    },
  });
  // WordPress's embed block holds only the video's address: it comes back as the embed
  // Postwright writes for that video.
  service.addRule('wordpressEmbed', {
    filter: (node) => node.nodeName === 'FIGURE' && el(node).classList.contains('wp-block-embed') && embedFor(text(node).trim()) !== null,
    replacement: (_c, node) => `\n\n${embedFor(text(node).trim())}\n\n`,
  });
  service.addRule('displayMath', {
    filter: (node) => node.nodeName === 'DIV' && el(node).classList.contains('math-display') && texOf(node) !== null,
    replacement: (_c, node) => `\n\n$$\n${texOf(node)!.trim()}\n$$\n\n`,
  });
  // The preview's KaTeX markup (the MathML and the drawn copy side by side): its TeX once.
  service.addRule('katex', {
    filter: (node) => node.nodeName === 'SPAN' && el(node).classList.contains('katex') && texOf(node) !== null,
    replacement: (_c, node) => (el(node.parentNode!).classList?.contains('katex-display') ? `$$${texOf(node)}$$` : `$${texOf(node)}$`),
  });
  service.addRule('katexDisplay', {
    filter: (node) => node.nodeName === 'SPAN' && el(node).classList.contains('katex-display') && texOf(node) !== null,
    replacement: (_c, node) => `$$${texOf(node)}$$`,
  });
  service.addRule('math', {
    filter: (node) => node.nodeName.toLowerCase() === 'math' && texOf(node) !== null,
    replacement: (_c, node) => (el(node).getAttribute('display') === 'block' ? `$$${texOf(node)}$$` : `$${texOf(node)}$`),
  });
  service.addRule('mathImage', {
    filter: (node) => node.nodeName === 'IMG' && el(node).classList.contains('math-image') && !!el(node).getAttribute('alt'),
    replacement: (_c, node) => `$${el(node).getAttribute('alt')}$`,
  });
  service.addRule('footnoteRef', {
    filter: (node) => node.nodeName === 'SUP' && el(node).classList.contains('footnote-ref'),
    replacement: (_c, node) => `[^${/#fn([\w-]+)/.exec(el(node).querySelector('a')?.getAttribute('href') ?? '')?.[1] ?? text(node).replace(/[[\]]/g, '')}]`,
  });
  service.addRule('footnoteSeparator', {
    filter: (node) => node.nodeName === 'HR' && el(node).classList.contains('footnotes-sep'),
    replacement: () => '',
  });
  service.addRule('footnotes', {
    filter: (node) => node.nodeName === 'SECTION' && el(node).classList.contains('footnotes'),
    replacement: (_c, node) => {
      const notes = Array.from(el(node).querySelectorAll('li.footnote-item')).map((item) => {
        const label = /^fn([\w-]+)$/.exec(item.getAttribute('id') ?? '')?.[1] ?? '';
        const html = item.innerHTML.replace(/\s*<a\b[^>]*class="footnote-backref"[^>]*>[\s\S]*?<\/a>/g, '');
        const body = service.turndown(html).replace(/\n(?=.)/g, '\n    ');
        return `[^${label}]: ${body}`;
      });
      return `\n\n${notes.join('\n\n')}\n\n`;
    },
  });
  // A titled image is a figure with its title as the caption: `![alt](src "title")` again.
  service.addRule('imageFigure', {
    filter: (node) => {
      if (node.nodeName !== 'FIGURE') return false;
      const kids = Array.from(el(node).children).map((child) => child.nodeName).join(' ');
      const caption = el(node).querySelector('figcaption');
      return kids === 'IMG FIGCAPTION' && caption !== null && caption.children.length === 0;
    },
    replacement: (_c, node) => {
      const img = el(node).querySelector('img')!;
      const caption = text(el(node).querySelector('figcaption')!).trim().replace(/"/g, '\\"');
      return `\n\n![${escapeAlt(img.getAttribute('alt') ?? '')}](${img.getAttribute('src') ?? ''} "${caption}")\n\n`;
    },
  });
  // Table alignment as the render writes it (`style="text-align:right"`), which the GFM plugin
  // misses, or as WordPress's table block keeps it (`data-align`).
  service.addRule('alignedTableRow', {
    filter: (node) => node.nodeName === 'TR' && node.parentNode?.nodeName === 'THEAD',
    replacement: (content, node) => {
      const cells = Array.from(el(node).children);
      const border = cells.map((cell, i) => {
        const align = /text-align:\s*(left|right|center)/.exec(cell.getAttribute('style') ?? '')?.[1] || cell.getAttribute('align') || cell.getAttribute('data-align') || '';
        const mark = align === 'left' ? ':---' : align === 'right' ? '---:' : align === 'center' ? ':---:' : '---';
        return `${i === 0 ? '| ' : ' '}${mark} |`;
      });
      return `\n${content}\n${border.join('')}`;
    },
  });
}

const INLINE_PARENTS = /^(?:P|LI|TD|TH|H[1-6]|A|EM|I|STRONG|B|SPAN|DEL|S|CODE|FIGCAPTION|SUP|SUB|SMALL|MARK|U|INS|Q|CITE|LABEL|DT|DD|SUMMARY)$/;

function escapeAlt(alt: string): string {
  return alt.replace(/([[\]\\])/g, '\\$1');
}

function run(service: TurndownService, html: string): string {
  return service
    .turndown(html)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/// Rich-text paste: clean markdown, the page's styling wrappers dropped.
export function htmlToMarkdown(html: string): string {
  return run(turndown('paste', '_'), html);
}

/// An article Postwright rendered (or the blog's edit of it) as the markdown that renders it.
/// `em` is the post's own emphasis marker.
export function articleToMarkdown(html: string, em: EmphasisMarker = '*'): ArticleMarkdown {
  kept = [];
  try {
    const markdown = run(turndown('article', em), html);
    return { markdown, keptAsHtml: [...new Set(kept)] };
  } finally {
    kept = [];
  }
}

/// The marker a post uses for emphasis: the first `*x*` or `_x_` outside code; `*` if none.
export function emphasisMarkerOf(markdown: string): EmphasisMarker {
  const prose = markdown.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`|\$\$[\s\S]*?\$\$|\$[^$\n]*\$/g, '');
  const found = /(?:^|[^\w*_\\])([*_])(?![*_\s])[^*_\n]*?[^*_\s\\]\1(?![\w*_])/m.exec(prose);
  return found?.[1] === '_' ? '_' : '*';
}

/// The iframe for a YouTube or Vimeo address, as a post writes it; null for anything else.
function embedFor(url: string): string | null {
  const youtube = /^https:\/\/(?:www\.)?youtube\.com\/watch\?v=([\w-]{6,20})$/.exec(url);
  if (youtube) return `<iframe src="https://www.youtube.com/embed/${youtube[1]}" width="560" height="315" allowfullscreen=""></iframe>`;
  const vimeo = /^https:\/\/vimeo\.com\/(\d{1,12})$/.exec(url);
  if (vimeo) return `<iframe src="https://player.vimeo.com/video/${vimeo[1]}" width="560" height="315" allowfullscreen=""></iframe>`;
  return null;
}
