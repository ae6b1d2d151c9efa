/// "Math as images": for a blog that strips MathML (a WordPress role without unfiltered_html),
/// each formula of the outgoing HTML becomes an <img> of the formula, with its TeX as alt text.
/// The images are ordinary assets: uploaded once by content hash, reused on every republish.
/// Their files are made once per formula and kept in the library's cache folder.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveInsideReal } from '../library/paths';
import { texToSvg, type FormulaSvg } from './math-images-svg';
import type { LocalAsset, Publisher } from './publisher';

/// 'png' where the blog refuses SVG files (WordPress does, unless a plugin allows them).
export type MathImageFormat = 'svg' | 'png';

interface Formula {
  tex: string;
  display: boolean;
}

/// The image of each formula of a post, and how to put them in its HTML.
export interface MathImages {
  /// Asset reference ("math/…") -> the image file, in order of first use.
  assets: Map<string, LocalAsset>;
  /// `html` (made by portableHtml) with each formula replaced by its image at `urlOf(ref)`.
  replace(html: string, urlOf: (ref: string) => string): string;
  /// The post's own assets with the formulas' images added, the cover staying last.
  withAssets(assets: Map<string, LocalAsset>, coverRef: string | null): Map<string, LocalAsset>;
}

/// The formulas of `html` as images in the format the blog that keeps the images takes.
export function mathImagesFor(html: string, libraryRoot: string, media: Publisher): Promise<MathImages | null> {
  return mathImages(html, libraryRoot, media.capabilities.svgImages === false ? 'png' : 'svg');
}

/// Cache entry: the image and the size MathJax gave it, so a cached formula needs no MathJax.
interface Cached {
  width: string;
  height: string;
  verticalAlign: string;
}

let window: JSDOM['window'] | undefined;

function parse(html: string): DocumentFragment {
  window ??= new JSDOM('').window;
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/// The TeX of a MathML formula, as KaTeX keeps it in the annotation; null for MathML without one.
function formulaOf(math: Element): Formula | null {
  const tex = math.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
  if (!tex?.trim()) return null;
  return { tex: tex.trim(), display: math.getAttribute('display') === 'block' };
}

function refOf(formula: Formula, format: MathImageFormat): string {
  const hash = createHash('sha256').update(`${formula.display ? 'display' : 'inline'}\n${formula.tex}`).digest('hex').slice(0, 24);
  return `math/${formula.display ? 'display' : 'inline'}-${hash}.${format}`;
}

export async function mathImages(html: string, libraryRoot: string, format: MathImageFormat): Promise<MathImages | null> {
  const formulas = new Map<string, Formula>();
  for (const math of Array.from(parse(html).querySelectorAll('math'))) {
    const formula = formulaOf(math);
    if (formula) formulas.set(refOf(formula, format), formula);
  }
  if (formulas.size === 0) return null;
  const assets = new Map<string, LocalAsset>();
  const sizes = new Map<string, Cached>();
  for (const [ref, formula] of formulas) {
    const { bytes, size } = await imageOf(libraryRoot, ref, formula, format);
    sizes.set(ref, size);
    assets.set(ref, {
      file: ref,
      hash: createHash('sha256').update(bytes).digest('hex'),
      bytes,
      mimeType: format === 'svg' ? 'image/svg+xml' : 'image/png',
      alt: formula.tex,
      title: `Formula ${formula.tex.replace(/\s+/g, ' ').slice(0, 80)}`,
    });
  }
  return {
    assets,
    withAssets(own, coverRef) {
      const all = new Map([...own].filter(([ref]) => ref !== coverRef));
      for (const [ref, asset] of assets) all.set(ref, asset);
      const cover = coverRef ? own.get(coverRef) : undefined;
      if (coverRef && cover) all.set(coverRef, cover);
      return all;
    },
    replace(source, urlOf) {
      const root = parse(source);
      for (const math of Array.from(root.querySelectorAll('math'))) {
        const formula = formulaOf(math);
        const ref = formula && refOf(formula, format);
        const size = ref && sizes.get(ref);
        if (!formula || !ref || !size) continue;
        const img = math.ownerDocument.createElement('img');
        img.setAttribute('src', urlOf(ref));
        img.setAttribute('alt', formula.tex);
        img.setAttribute('class', formula.display ? 'math-image math-display-image' : 'math-image');
        // Sized in ex so it scales with the text around it; inline math sits on the baseline.
        // Only properties WordPress lets every role keep (its safe_style_css has no `display`):
        // a display formula is centred by the block around it.
        const box = `width:${size.width};height:${size.height}`;
        img.setAttribute('style', formula.display ? box : `vertical-align:${size.verticalAlign};${box}`);
        const block = formula.display ? math.closest('.math-display') : null;
        math.replaceWith(img);
        if (block) block.setAttribute('style', 'text-align:center');
      }
      const out = root.ownerDocument.createElement('div');
      out.append(root);
      return out.innerHTML;
    },
  };
}

/// The formula's file from the cache folder, made there first when missing.
async function imageOf(libraryRoot: string, ref: string, formula: Formula, format: MathImageFormat): Promise<{ bytes: Uint8Array; size: Cached }> {
  const name = path.posix.basename(ref);
  // The cache folder is checked to be inside the library before anything is made in it.
  await fs.mkdir(await resolveInsideReal(libraryRoot, '.postwright', 'cache', 'math'), { recursive: true });
  const file = await resolveInsideReal(libraryRoot, '.postwright', 'cache', 'math', name);
  const sizeFile = await resolveInsideReal(libraryRoot, '.postwright', 'cache', 'math', `${name}.json`);
  const cached = await Promise.all([fs.readFile(file), fs.readFile(sizeFile, 'utf8')]).catch(() => null);
  if (cached) {
    try {
      return { bytes: cached[0], size: JSON.parse(cached[1]) as Cached };
    } catch {
      // A damaged entry is made again.
    }
  }
  const made = await texToSvg(formula.tex, formula.display);
  const bytes = format === 'svg' ? Buffer.from(made.svg) : await rasterize(made);
  const size: Cached = { width: made.width, height: made.height, verticalAlign: made.verticalAlign };
  await writeFileAtomic(file, bytes);
  await writeFileAtomic(sizeFile, JSON.stringify(size));
  return { bytes, size };
}

/// MathJax sizes in ex; at 16px text an ex is about 8px. Drawn at twice that, for sharp screens.
const PX_PER_EX = 8;

async function rasterize(made: FormulaSvg): Promise<Buffer> {
  const px = (ex: string) => `${Math.max(1, Math.ceil(parseFloat(ex) * PX_PER_EX))}px`;
  const svg = made.svg.replace(/^(<\?xml[^>]*>\s*<svg\b[^>]*?)\swidth="[^"]*"/, `$1 width="${px(made.width)}"`).replace(/^(<\?xml[^>]*>\s*<svg\b[^>]*?)\sheight="[^"]*"/, `$1 height="${px(made.height)}"`);
  const sharp = (await import('sharp')).default;
  return sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
}
