/// Formulas as images: each formula of the outgoing HTML becomes an <img> of a self-contained SVG
/// (or a PNG where the blog refuses SVG), its TeX as alt text, made once and kept in the library.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import sharp from 'sharp';
import { createNodePurify } from '../../../main/render/node-purify';
import { mathImages } from '../../../main/publish/math-images';
import { texToSvg } from '../../../main/publish/math-images-svg';
import { portableHtml } from '../../../main/publish/portable-html';
import { articleToMarkdown } from '../../../shared/html-to-markdown';
import { renderArticle } from '../../../shared/render';

const roots: string[] = [];
function library(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pw-mathimg-'));
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

const POST = 'The pH is $\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]$, and the mean is\n\n$$\n\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i\n$$\n';
const outgoing = (markdown: string) => portableHtml(renderArticle(markdown, createNodePurify(), {}));

describe('a formula as an SVG file', () => {
  it('is a complete SVG that draws every glyph itself, sized in ex with its baseline offset', async () => {
    const made = await texToSvg('\\frac{1}{n} \\sum_{i=1}^{n} x_i', false);
    expect(made.svg).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(made.svg).toContain('<path');
    // No references to glyphs defined elsewhere (a font cache), nothing loaded from outside.
    expect(made.svg).not.toMatch(/<use\b|href=|url\(/);
    expect(made.width).toMatch(/^[\d.]+ex$/);
    expect(made.height).toMatch(/^[\d.]+ex$/);
    expect(made.verticalAlign).toMatch(/^-[\d.]+ex$/);
    // An image renderer (librsvg through sharp) reads it as an SVG with a size.
    const meta = await sharp(Buffer.from(made.svg)).metadata();
    expect(meta.format).toBe('svg');
    expect(meta.width).toBeGreaterThan(0);
  });

  it('carries no script, event attribute or outside link, whatever the TeX asks for', async () => {
    const hostile = [
      '\\href{javascript:alert(1)}{x}',
      '\\class{x" onload="alert(1)}{y}',
      '\\style{background:url(https://evil.example/t.png)}{z}',
      '\\require{../../../../etc/passwd}',
      '\\unicode{<script>alert(1)</script>}',
      '\\text{<svg onload=alert(1)><script>alert(2)</script>}',
      '\\cssId{a}{\\data{onclick=alert(1)}{b}}',
    ];
    for (const tex of hostile) {
      const { svg } = await texToSvg(tex, true);
      expect(svg, tex).not.toMatch(/<script|<foreignObject|<a\b|<iframe|<image\b/i);
      expect(svg, tex).not.toMatch(/\son[a-z]+\s*=/i);
      expect(svg, tex).not.toMatch(/javascript:|evil\.example|href=/i);
    }
  });
});

describe('the formulas of a post as images', () => {
  it('replaces each formula with an image whose alt is its TeX: inline on the baseline, display as a block', async () => {
    const html = outgoing(POST);
    expect(html).toContain('<math');
    const math = await mathImages(html, library(), 'svg');
    expect(math?.assets.size).toBe(2);
    const refs = [...math!.assets.keys()];
    const out = math!.replace(html, (ref) => `https://blog.example/media/${refs.indexOf(ref)}.svg`);
    expect(out).not.toContain('<math');
    const doc = new JSDOM(out).window.document;
    const [inline, display] = Array.from(doc.querySelectorAll('img'));
    expect(inline!.getAttribute('alt')).toBe('\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]');
    expect(inline!.getAttribute('src')).toBe('https://blog.example/media/0.svg');
    expect(inline!.getAttribute('style')).toMatch(/vertical-align:-[\d.]+ex;width:[\d.]+ex;height:[\d.]+ex/);
    expect(inline!.closest('p')?.textContent).toContain('The pH is');
    expect(display!.getAttribute('alt')).toBe('\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i');
    expect(display!.getAttribute('style')).toMatch(/^width:[\d.]+ex;height:[\d.]+ex$/);
    expect(display!.closest('.math-display')?.getAttribute('style')).toBe('text-align:center');
    for (const asset of math!.assets.values()) expect(asset.mimeType).toBe('image/svg+xml');
  });

  it('makes each file once, in the library’s cache folder, and gives the same bytes next time', async () => {
    const root = library();
    const first = await mathImages(outgoing(POST), root, 'png');
    const files = readdirSync(path.join(root, '.postwright', 'cache', 'math'));
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(2);
    const again = await mathImages(outgoing(POST), root, 'png');
    expect([...again!.assets.values()].map((a) => a.hash)).toEqual([...first!.assets.values()].map((a) => a.hash));
    // A PNG drawn at twice the size the formula takes on the page (8px per ex).
    const display = [...first!.assets.values()].find((a) => a.file.includes('display'))!;
    expect(display.mimeType).toBe('image/png');
    const meta = await sharp(display.bytes).metadata();
    expect(meta.format).toBe('png');
    const widthEx = parseFloat(/width:([\d.]+)ex/.exec(first!.replace(outgoing(POST), (r) => r).split('math-display-image')[1]!)![1]!);
    expect(meta.width).toBeGreaterThanOrEqual(Math.floor(widthEx * 16));
  });

  it('leaves a post without formulas alone', async () => {
    expect(await mathImages(outgoing('No math here, only $5 and $10.'), library(), 'svg')).toBeNull();
  });
});

describe('formulas sent as images, read back', () => {
  it('come back as the TeX they were made from, inline and display', async () => {
    const html = outgoing(POST);
    const math = await mathImages(html, library(), 'png');
    const sent = math!.replace(html, (ref) => `https://blog.example/wp-content/uploads/${ref.replace('math/', '')}`);
    expect(articleToMarkdown(sent).markdown.trim()).toBe(POST.trim());
  });
});

describe('the cache of formula images', () => {
  it('is never made outside the library, even through a link planted in .postwright', async () => {
    const root = library();
    const outside = library();
    mkdirSync(path.join(root, '.postwright'), { recursive: true });
    symlinkSync(outside, path.join(root, '.postwright', 'cache'));
    await expect(mathImages(outgoing(POST), root, 'svg')).rejects.toThrow();
    expect(readdirSync(outside)).toEqual([]);
  });
});
