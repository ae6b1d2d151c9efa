/// The text changes a platform makes on display (WordPress's wptexturize), applied to the
/// preview's DOM as it is patched. Framework-free, so it can be tested on any document.
import { texturize, TEXTURIZE_SKIP } from '../../../shared/texturize';

/// Keeps the text under `root` the way WordPress shows it (curly quotes, dashes) as the
/// preview patches it; returns the function that stops.
export function keepTexturized(root: Element): () => void {
  const run = () => texturizeTree(root);
  run();
  const observer = new (root.ownerDocument.defaultView ?? window).MutationObserver(run);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

export function texturizeTree(root: Element): void {
  // Each block is texturized as WordPress does a paragraph: quotes turn by the text before them.
  let before = '';
  let block: Element | null = null;
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (skipped(node, root)) continue;
    const owner = node.parentElement?.closest('p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dd, dt, figcaption') ?? null;
    if (owner !== block) [block, before] = [owner, ''];
    const shown = texturize(node.data, before);
    // Only a real change writes, so the observer's own writes settle at once.
    if (shown !== node.data) node.data = shown;
    before += shown;
  }
}

function skipped(node: Text, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (TEXTURIZE_SKIP.has(el.localName) || el.classList.contains('katex')) return true;
  }
  return false;
}
