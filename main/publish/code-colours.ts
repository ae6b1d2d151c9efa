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

/// The ground the palette is drawn on: a theme that sets code light-on-dark (Ghost's Casper
/// does) would leave purple keywords on near-black, so the block brings its own light ground.
export const GROUND_COLOURS = { background: '#f6f8fa', text: '#1f2328' } as const;
export const CODE_GROUND = `background:${GROUND_COLOURS.background};color:${GROUND_COLOURS.text}`;

/// Gives every highlight token under `root` its colour inline, and its block the ground for them.
export function inlineCodeColours(root: ParentNode): void {
  for (const span of Array.from(root.querySelectorAll('code.hljs span[class]'))) {
    const style = styleFor(Array.from(span.classList));
    if (style) span.setAttribute('style', style);
  }
  for (const code of Array.from(root.querySelectorAll('pre > code.hljs'))) {
    const pre = code.parentElement!;
    if (!pre.hasAttribute('style') && code.querySelector('span[style]')) pre.setAttribute('style', CODE_GROUND);
  }
}
