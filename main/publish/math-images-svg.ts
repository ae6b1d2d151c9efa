/// One TeX formula as a self-contained SVG, made with MathJax in Node (no DOM): for blogs that
/// strip MathML, where a formula can only go out as an image. The SVG is uploaded to the blog and
/// may be opened on its own there, so it carries nothing that runs: MathJax's \href, \class,
/// \style and \require are left out, and what it makes is filtered to drawing elements anyway.
import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';

export interface FormulaSvg {
  /// A complete SVG file: its own xmlns, the glyphs as paths (no shared font cache).
  svg: string;
  /// MathJax's size and baseline offset, in ex of the surrounding text.
  width: string;
  height: string;
  verticalAlign: string;
}

/// Packages that could link out or load code: \href/\class/\style/\cssId (html), \require, autoload.
const LEFT_OUT = new Set(['html', 'require', 'autoload']);
/// What MathJax's SVG output draws with; anything else is dropped.
const ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'line', 'ellipse', 'circle', 'polygon', 'polyline', 'text', 'tspan', 'title', 'desc', 'defs', 'use']);

let made: { adaptor: LiteAdaptor; document: MathDocument<LiteNode, unknown, unknown> } | null = null;

/// MathJax is CommonJS and sizeable: loaded on first use, once.
async function mathJax(): Promise<NonNullable<typeof made>> {
  if (made) return made;
  const [{ mathjax }, { TeX }, { SVG }, { liteAdaptor }, { RegisterHTMLHandler }, { AllPackages }] = await Promise.all([
    import('mathjax-full/js/mathjax.js'),
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html.js'),
    import('mathjax-full/js/input/tex/AllPackages.js'),
  ]);
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const document = mathjax.document('', {
    InputJax: new TeX({ packages: AllPackages.filter((name) => !LEFT_OUT.has(name)) }),
    // 'none': every glyph is drawn where it is used, so the file needs no <defs> from elsewhere.
    OutputJax: new SVG({ fontCache: 'none' }),
  }) as MathDocument<LiteNode, unknown, unknown>;
  made = { adaptor, document };
  return made;
}

export async function texToSvg(tex: string, display: boolean): Promise<FormulaSvg> {
  const { adaptor, document } = await mathJax();
  const container = document.convert(tex, { display }) as LiteElement;
  const svg = adaptor.firstChild(container) as LiteElement;
  cleanTree(adaptor, svg);
  const style = adaptor.getAttribute(svg, 'style') ?? '';
  const verticalAlign = /vertical-align:\s*(-?[\d.]+ex)/.exec(style)?.[1] ?? '0ex';
  const width = adaptor.getAttribute(svg, 'width') ?? '1ex';
  const height = adaptor.getAttribute(svg, 'height') ?? '1ex';
  // The baseline offset goes on the <img>; the file itself only draws.
  adaptor.removeAttribute(svg, 'style');
  adaptor.removeAttribute(svg, 'focusable');
  adaptor.removeAttribute(svg, 'role');
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${adaptor.outerHTML(svg)}\n`, width, height, verticalAlign };
}

/// Keeps drawing elements and their attributes; drops anything that could run or fetch:
/// other elements, event attributes, links other than to the file itself.
function cleanTree(adaptor: LiteAdaptor, element: LiteElement): void {
  for (const { name, value } of adaptor.allAttributes(element)) {
    const lower = name.toLowerCase();
    const link = lower === 'href' || lower.endsWith(':href');
    if (lower.startsWith('on') || (link && !value.startsWith('#')) || (lower === 'style' && /url\(|expression|@import/i.test(value))) adaptor.removeAttribute(element, name);
  }
  for (const child of [...adaptor.childNodes(element)]) {
    const kind = adaptor.kind(child);
    if (kind === '#text' || kind === '#comment') continue;
    if (!ELEMENTS.has(kind.toLowerCase())) adaptor.remove(child);
    else cleanTree(adaptor, child as LiteElement);
  }
}
