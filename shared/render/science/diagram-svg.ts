/// The one cleaning a drawn diagram gets, in the app before it is sent and in the Node side
/// before it is written: DOMPurify's SVG profile, nothing that runs (no script, no event
/// handlers, no foreignObject: diagrams are drawn with plain SVG text), no stylesheet imports.
/// The file may be opened on its own from a blog's media library, so it must be inert there too.
import type { Config, DOMPurify } from 'dompurify';

export const MAX_DIAGRAM_SVG_CHARS = 2_000_000;
export const MAX_DIAGRAM_SOURCE_CHARS = 50_000;

const CONFIG: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  FORBID_TAGS: ['foreignObject', 'script', 'a', 'use', 'image', 'animate', 'set', 'animateMotion', 'animateTransform'],
  FORBID_ATTR: ['href', 'xlink:href'],
};

/// The cleaned SVG document text, or null when nothing drawable is left.
export function cleanDiagramSvg(purify: DOMPurify, svg: string): string | null {
  if (svg.length > MAX_DIAGRAM_SVG_CHARS) return null;
  const clean = purify.sanitize(svg, CONFIG) as unknown as string;
  const start = clean.indexOf('<svg');
  if (start === -1 || !/<(?:text|path|rect|line|polygon|circle|ellipse)\b/.test(clean)) return null;
  let out = clean.slice(start);
  if (!/^<svg\b[^>]*\sxmlns=/.test(out)) out = out.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  // HTML serialization writes entities XML does not know; a standalone .svg is XML.
  out = out.replace(/&nbsp;/g, '&#160;');
  // Inside an <img> nothing external loads; opened on its own, a stylesheet must not either.
  out = out.replace(/@import[^;]*;?/gi, '').replace(/url\(\s*['"]?\s*(?!#)[^)]*\)/gi, 'none');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out}\n`;
}
