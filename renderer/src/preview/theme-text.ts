/// The text changes a platform makes on display (WordPress's wptexturize, Hugo's typographer),
/// applied to the preview's DOM as it is patched. Framework-free, so it can be tested on any
/// document.
import { texturize, TEXTURIZE_SKIP } from '../../../shared/texturize';
import { hugoTypography, newHugoQuotes } from '../../../shared/typographer-hugo';

/// Platforms that change a post's text on display.
export type TextPlatform = 'wordpress' | 'hugo';

/// Keeps the text under `root` the way the platform shows it (curly quotes, dashes) as the
/// preview patches it; returns the function that stops.
export function keepTexturized(root: Element, platform: TextPlatform = 'wordpress'): () => void {
  const run = () => textAsShown(root, platform);
  run();
  const observer = new (root.ownerDocument.defaultView ?? window).MutationObserver(run);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

export function texturizeTree(root: Element): void {
  textAsShown(root, 'wordpress');
}

/// One block's text runs in order, each as the platform shows it.
function blockChanger(platform: TextPlatform): (text: string) => string {
  if (platform === 'hugo') {
    const quotes = newHugoQuotes();
    return (text) => hugoTypography(text, quotes);
  }
  // WordPress texturizes a paragraph at a time: quotes turn by the text before them.
  let before = '';
  return (text) => {
    const shown = texturize(text, before);
    before += shown;
    return shown;
  };
}

export function textAsShown(root: Element, platform: TextPlatform): void {
  let block: Element | null = null;
  let change = blockChanger(platform);
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (skipped(node, root)) continue;
    const owner = node.parentElement?.closest('p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dd, dt, figcaption') ?? null;
    if (owner !== block) [block, change] = [owner, blockChanger(platform)];
    const shown = change(node.data);
    // Only a real change writes, so the observer's own writes settle at once.
    if (shown !== node.data) node.data = shown;
  }
}

function skipped(node: Text, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (TEXTURIZE_SKIP.has(el.localName) || el.classList.contains('katex')) return true;
  }
  return false;
}
