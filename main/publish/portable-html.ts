/// The preview's article HTML made fit to leave the app. Two things only work inside Postwright:
/// `data-line` attributes (for scroll sync) and KaTeX's HTML rendering, which needs KaTeX's
/// stylesheet; a blog has neither, and without the stylesheet a formula shows twice. Each
/// formula keeps KaTeX's MathML instead, which every current browser draws on its own.
/// Highlighted code gets its colours inline, as a blog has no stylesheet for them either.
import { JSDOM } from 'jsdom';
import { inlineCodeColours } from './code-colours';

let window: JSDOM['window'] | undefined;

export function portableHtml(html: string): string {
  window ??= new JSDOM('').window;
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const element of Array.from(root.querySelectorAll('[data-line]'))) element.removeAttribute('data-line');
  // Display math is `.katex-display > .katex`; inline math a bare `.katex`.
  for (const katex of Array.from(root.querySelectorAll('.katex-display, .katex'))) {
    if (!root.contains(katex)) continue; // already replaced with its wrapper
    const math = katex.querySelector('math');
    if (math) katex.replaceWith(math);
  }
  inlineCodeColours(root);
  return template.innerHTML;
}
