/// The preview's own document. The article lives in a frame sandboxed without scripts: the
/// app's code reaches in (same origin) to patch blocks and measure for scroll sync, while
/// nothing in a post or in the library's preview.css can run script or draw over the app.
/// The article's stylesheets are loaded here and nowhere else.
import katexCss from 'katex/dist/katex.min.css?inline';
import { PREVIEW_CSP } from '../../../shared/csp';
import articleCss from '../styles/article.css?inline';
import { SECTION_TAG } from './sections';

/// A long article's sections (sections.ts): each is skipped whole while off screen, but the
/// first, which stays in the flow: a skipped section contains its layout, and the top margin
/// of the article's first block would no longer collapse with the space above the article (a
/// post opening with a heading stood 28 px lower when long enough to be in sections).
const SECTION_CSS = `${SECTION_TAG} { display: block; content-visibility: auto; } ${SECTION_TAG}:first-child { content-visibility: visible; }`;

/// Same origin so the app can reach the document; never `allow-scripts` beside it, which
/// would let the frame remove its own sandbox.
export const PREVIEW_SANDBOX = 'allow-same-origin';

/// A srcdoc document takes the app page's base URL, so the preview's `files/<post>/…`
/// image addresses resolve exactly as they did in the page itself.
export const PREVIEW_DOCUMENT = `<!doctype html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">
<style>${katexCss}</style>
<style>${SECTION_CSS}</style>
<style data-look="generic">${articleCss}</style>
</head>
<body></body>
</html>`;

/// The library's preview.css, last in the frame's head so it wins over the default theme.
/// Inside the frame it can restyle the article, and only the article.
export function setLibraryCss(doc: Document, css: string | null): void {
  let style = doc.head.querySelector<HTMLStyleElement>('style[data-testid="library-css"]');
  if (css === null) {
    style?.remove();
    return;
  }
  if (!style) {
    style = doc.createElement('style');
    style.dataset.testid = 'library-css';
    doc.head.append(style);
  }
  if (style.textContent !== css) style.textContent = css;
}
