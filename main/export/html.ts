/// A post as one self-contained HTML file: images inlined as data URIs, KaTeX's stylesheet and
/// fonts inlined when the post has math, and the article's own styles. Opens anywhere offline.
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderArticle } from '../../shared/render';
import { createNodePurify } from '../render/node-purify';
import type { ExportSource } from './source';
import { EXPORT_CSS } from './style';

export async function exportHtml(source: ExportSource, libraryCss: string | null = null): Promise<string> {
  const article = renderArticle(source.body, createNodePurify(), {
    resolveAsset: (src) => {
      const image = source.images.get(src);
      return image ? `data:${image.mime};base64,${image.bytes.toString('base64')}` : src;
    },
  }).replace(/ data-line="\d+"/g, '');
  const math = article.includes('class="katex') ? await katexCss() : '';
  const meta = source.date ? `<div class="article-meta">${escapeHtml(source.date)}</div>` : '';
  return `<!doctype html>
<html lang="${escapeHtml(source.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Postwright">
<title>${escapeHtml(source.title)}</title>
<style>${EXPORT_CSS}</style>
${math ? `<style>${math}</style>` : ''}
${libraryCss ? `<style>${libraryCss.replace(/<\/style/gi, '<\\/style')}</style>` : ''}
</head>
<body>
<article class="article">
<header class="article-header"><h1 class="article-title">${escapeHtml(source.title)}</h1>${meta}</header>
<div class="article-body">
${article}
</div>
</article>
</body>
</html>
`;
}

let katex: Promise<string> | undefined;

/// KaTeX's stylesheet with each font as a woff2 data URI (every browser that reads the file
/// takes woff2; the woff and ttf fallbacks would only triple the size).
function katexCss(): Promise<string> {
  katex ??= (async () => {
    const load = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
    const cssFile = load.resolve('katex/dist/katex.min.css');
    const css = await fs.readFile(cssFile, 'utf8');
    const fonts = new Map<string, string>();
    for (const [, name] of css.matchAll(/url\(fonts\/([\w-]+\.woff2)\)/g)) {
      if (name && !fonts.has(name)) fonts.set(name, (await fs.readFile(path.join(path.dirname(cssFile), 'fonts', name))).toString('base64'));
    }
    return css.replace(/src:url\(fonts\/([\w-]+\.woff2)\) format\("woff2"\)[^;}]*/g, (_all, name: string) => `src:url(data:font/woff2;base64,${fonts.get(name) ?? ''}) format("woff2")`);
  })();
  katex.catch(() => (katex = undefined));
  return katex;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
