/// Highlighted code keeps its colours on any blog: each highlight.js token gets its colour as a
/// style attribute, since no blog theme loads a stylesheet for `hljs-*` classes. The palette is
/// the preview's light one (renderer/src/styles/article.css), dark enough to read on the light
/// backgrounds most themes give code. The classes stay, for a theme that does style them.

/// Token class -> inline style. The first rule a token's classes match wins.
const PALETTE: ReadonlyArray<readonly [classes: string[], style: string]> = [
  [['hljs-comment', 'hljs-quote'], 'color:#6e6e6e;font-style:italic'],
  [['hljs-title', 'class_'], 'color:#0e7490'],
  [['hljs-keyword', 'hljs-selector-tag', 'hljs-built_in'], 'color:#7c3aed'],
  [['hljs-string', 'hljs-attr', 'hljs-template-tag', 'hljs-addition'], 'color:#047857'],
  [['hljs-number', 'hljs-literal', 'hljs-symbol'], 'color:#b45309'],
  [['hljs-title', 'hljs-section'], 'color:#1d4ed8'],
  [['hljs-type'], 'color:#0e7490'],
  [['hljs-variable', 'hljs-params'], 'color:#9f1239'],
  [['hljs-deletion'], 'color:#b42318'],
  [['hljs-meta'], 'color:#6b7280'],
];

export function styleFor(classes: readonly string[]): string | null {
  for (const [needs, style] of PALETTE) {
    // A two-class rule (`hljs-title class_`) needs both; the others need any one.
    const hit = needs.length === 2 && needs[1] === 'class_' ? needs.every((c) => classes.includes(c)) : needs.some((c) => classes.includes(c));
    if (hit) return style;
  }
  return null;
}

/// Gives every highlight token under `root` its colour inline.
export function inlineCodeColours(root: ParentNode): void {
  for (const span of Array.from(root.querySelectorAll('code.hljs span[class]'))) {
    const style = styleFor(Array.from(span.classList));
    if (style) span.setAttribute('style', style);
  }
}
