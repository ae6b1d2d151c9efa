/// A post as a Word document (`docx`): headings, paragraphs, emphasis, lists, links, code,
/// quotes, tables and images. It walks the article HTML the preview shows (so raw HTML in a
/// post comes out as the reader sees it); math becomes its TeX source in Cambria Math italics,
/// Word's own equation format being out of reach of a faithful conversion.
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { JSDOM } from 'jsdom';
import sharp from 'sharp';
import { renderArticle } from '../../shared/render';
import { createNodePurify } from '../render/node-purify';
import type { ExportSource } from './source';

/// Widest an image is drawn, in pixels at 96 dpi (the text width of an A4/Letter page).
const MAX_IMAGE_WIDTH = 600;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const CODE_FONT = 'Consolas';

interface Style {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  superScript?: boolean;
  subScript?: boolean;
  link?: boolean;
}

interface Picture {
  data: Buffer;
  type: 'png' | 'jpg' | 'gif';
  width: number;
  height: number;
}

export async function exportDocx(source: ExportSource): Promise<Buffer> {
  const pictures = new Map<string, Picture>();
  const html = renderArticle(source.body, createNodePurify(), {
    resolveAsset: (src) => src,
  });
  for (const [src, image] of source.images) {
    const picture = await toPicture(image.bytes, image.mime).catch(() => null);
    if (picture) pictures.set(src, picture);
  }
  const { document } = new JSDOM(`<body>${html}</body>`).window;
  const writer = new DocxWriter(pictures);
  writer.blocks(document.body, 0);
  const doc = new Document({
    creator: 'Postwright',
    title: source.title,
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [0, 1, 2, 3, 4].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(source.title)] }), ...writer.out] }],
  });
  return Packer.toBuffer(doc);
}

/// Word takes PNG, JPEG and GIF; other formats (WebP, AVIF, SVG) are converted to PNG.
async function toPicture(bytes: Buffer, mime: string): Promise<Picture> {
  const image = sharp(bytes, { animated: false });
  const meta = await image.metadata();
  const keep = mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : mime === 'image/gif' ? 'gif' : null;
  const data = keep ? bytes : await image.png().toBuffer();
  const width = meta.width ?? MAX_IMAGE_WIDTH;
  const height = meta.height ?? Math.round(width * 0.75);
  const scale = Math.min(1, MAX_IMAGE_WIDTH / width);
  return { data, type: keep ?? 'png', width: Math.round(width * scale), height: Math.round(height * scale) };
}

type Block = Paragraph | Table;

class DocxWriter {
  readonly out: Block[] = [];
  private listInstance = 0;

  constructor(private readonly pictures: Map<string, Picture>) {}

  /// Block-level children of `parent`; loose inline content becomes a paragraph of its own.
  blocks(parent: Element, quote: number): void {
    let loose: ChildNode[] = [];
    const flush = () => {
      const runs = loose.flatMap((node) => this.inline(node, {}));
      if (runs.length) this.out.push(new Paragraph({ children: runs, indent: quote ? { left: 567 * quote } : undefined }));
      loose = [];
    };
    for (const node of Array.from(parent.childNodes)) {
      if (node.nodeType === 1 && this.isBlock(node as Element)) {
        flush();
        this.block(node as Element, quote);
      } else if (node.nodeType === 1 || node.textContent?.trim()) loose.push(node);
    }
    flush();
  }

  private isBlock(element: Element): boolean {
    return /^(H[1-6]|P|UL|OL|BLOCKQUOTE|PRE|TABLE|HR|FIGURE|DIV|SECTION|DETAILS|DL)$/.test(element.tagName) || element.classList.contains('katex-display');
  }

  private block(element: Element, quote: number): void {
    const indent = quote ? { left: 567 * quote } : undefined;
    const tag = element.tagName;
    if (/^H[1-6]$/.test(tag)) {
      this.out.push(new Paragraph({ heading: HEADINGS[Number(tag[1]) - 1], children: this.inlineChildren(element, {}) }));
    } else if (tag === 'P') {
      const math = element.querySelector(':scope > .katex-display');
      if (math) return this.block(math, quote);
      this.out.push(new Paragraph({ children: this.inlineChildren(element, quote ? { italics: true } : {}), indent }));
    } else if (element.classList.contains('katex-display')) {
      this.out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [mathRun(element)] }));
    } else if (tag === 'UL' || tag === 'OL') {
      this.list(element, 0);
    } else if (tag === 'BLOCKQUOTE') {
      this.blocks(element, quote + 1);
    } else if (tag === 'PRE') {
      const lines = (element.textContent ?? '').replace(/\n$/, '').split('\n');
      this.out.push(
        new Paragraph({
          shading: { type: ShadingType.CLEAR, fill: 'F4F2EE', color: 'auto' },
          indent,
          children: lines.map((line, i) => new TextRun({ text: line, font: CODE_FONT, size: 19, break: i > 0 ? 1 : undefined })),
        }),
      );
    } else if (tag === 'TABLE') {
      this.out.push(this.table(element));
    } else if (tag === 'HR') {
      this.out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'CCCCCC', space: 1 } }, children: [] }));
    } else {
      // figure, div, section, details: their content, in order.
      this.blocks(element, quote);
    }
  }

  private list(element: Element, level: number): void {
    const ordered = element.tagName === 'OL';
    const instance = ++this.listInstance;
    for (const item of Array.from(element.children).filter((child) => child.tagName === 'LI')) {
      const inline: ChildNode[] = [];
      const nested: Element[] = [];
      for (const node of Array.from(item.childNodes)) {
        if (node.nodeType === 1 && /^(UL|OL)$/.test((node as Element).tagName)) nested.push(node as Element);
        else if (node.nodeType === 1 && (node as Element).tagName === 'P') inline.push(...Array.from(node.childNodes));
        else inline.push(node);
      }
      const children = inline.flatMap((node) => this.inline(node, {}));
      const where = Math.min(level, 4);
      this.out.push(
        new Paragraph({
          children,
          ...(ordered ? { numbering: { reference: 'ordered', level: where, instance } } : { bullet: { level: where } }),
        }),
      );
      for (const list of nested) this.list(list, level + 1);
    }
  }

  private table(element: Element): Table {
    const rows = Array.from(element.querySelectorAll('tr')).map(
      (row) =>
        new TableRow({
          tableHeader: row.parentElement?.tagName === 'THEAD',
          children: Array.from(row.children).map(
            (cell) =>
              new TableCell({
                shading: cell.tagName === 'TH' ? { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } : undefined,
                children: [new Paragraph({ children: this.inlineChildren(cell, cell.tagName === 'TH' ? { bold: true } : {}) })],
              }),
          ),
        }),
    );
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
  }

  private inlineChildren(element: Element, style: Style): ParagraphChild[] {
    return Array.from(element.childNodes).flatMap((node) => this.inline(node, style));
  }

  private inline(node: ChildNode, style: Style): ParagraphChild[] {
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ');
      return text ? [textRun(text, style)] : [];
    }
    if (node.nodeType !== 1) return [];
    const element = node as Element;
    switch (element.tagName) {
      case 'STRONG':
      case 'B':
        return this.inlineChildren(element, { ...style, bold: true });
      case 'EM':
      case 'I':
        return this.inlineChildren(element, { ...style, italics: true });
      case 'DEL':
      case 'S':
        return this.inlineChildren(element, { ...style, strike: true });
      case 'SUP':
        return this.inlineChildren(element, { ...style, superScript: true });
      case 'SUB':
        return this.inlineChildren(element, { ...style, subScript: true });
      case 'CODE':
        return [textRun(element.textContent ?? '', { ...style, code: true })];
      case 'BR':
        return [new TextRun({ break: 1 })];
      case 'IMG':
        return this.image(element);
      case 'INPUT':
        return [textRun((element as HTMLInputElement).checked ? '☒ ' : '☐ ', style)];
      case 'A': {
        const href = element.getAttribute('href') ?? '';
        const children = this.inlineChildren(element, { ...style, link: true });
        return /^(https?:|mailto:)/i.test(href) ? [new ExternalHyperlink({ link: href, children })] : children;
      }
      case 'SCRIPT':
      case 'STYLE':
        return [];
      default:
        if (element.classList.contains('katex')) return [mathRun(element)];
        return this.inlineChildren(element, style);
    }
  }

  private image(element: Element): ParagraphChild[] {
    const src = element.getAttribute('src') ?? '';
    const picture = this.pictures.get(src) ?? this.pictures.get(safeDecode(src));
    const alt = element.getAttribute('alt') ?? '';
    if (!picture) return alt ? [textRun(`[${alt}]`, { italics: true })] : [];
    return [
      new ImageRun({
        type: picture.type,
        data: picture.data,
        transformation: { width: picture.width, height: picture.height },
        altText: { name: alt || 'image', description: alt, title: alt },
      }),
    ];
  }
}

function textRun(text: string, style: Style): TextRun {
  const options: IRunOptions = {
    text,
    bold: style.bold,
    italics: style.italics,
    strike: style.strike,
    superScript: style.superScript,
    subScript: style.subScript,
    font: style.code ? CODE_FONT : undefined,
    shading: style.code ? { type: ShadingType.CLEAR, fill: 'F4F2EE', color: 'auto' } : undefined,
    style: style.link ? 'Hyperlink' : undefined,
  };
  return new TextRun(options);
}

/// A formula's TeX source (KaTeX keeps it in the MathML annotation), as text.
function mathRun(element: Element): TextRun {
  const tex = element.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? element.textContent ?? '';
  return new TextRun({ text: tex.trim(), font: 'Cambria Math', italics: true });
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
