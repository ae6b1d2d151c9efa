/// The classes WordPress's native blocks carry on the published page, put on the preview's
/// article when it is shown as on a WordPress blog: a theme styles `figure.wp-block-table`,
/// `blockquote.wp-block-quote` and the like, which Postwright's plain article HTML lacks. It
/// follows main/publish/wp-blocks/html-to-blocks.ts: what is sent as a native block gets that
/// block's markup; what is sent as HTML (an element with attributes of its own) stays as it is.
/// Framework-free; the preview's article calls it on each full render and each patch.

/// Attributes the preview adds that the published HTML does not have.
const PREVIEW_ONLY = new Set(['data-line']);

/// Rewrites the blocks directly inside `root` (and inside their quotes), keeping `data-line`
/// on the outermost element so the preview's patching and scroll sync still find each block.
export function asWordPressBlocks(root: ParentNode): void {
  for (const element of [...root.children]) block(element);
}

function block(element: Element): void {
  const tag = element.localName;
  if (/^h[1-6]$/.test(tag)) {
    if (own(element, ['id']).length === 0) element.classList.add('wp-block-heading');
  } else if (tag === 'blockquote') {
    if (own(element).length > 0) return;
    // The flow layout classes come from WordPress's rendering of a quote's inner blocks.
    element.classList.add('wp-block-quote', 'is-layout-flow', 'wp-block-quote-is-layout-flow');
    asWordPressBlocks(element);
  } else if (tag === 'ul' || tag === 'ol') {
    if (own(element, ['start']).length === 0) list(element);
  } else if (tag === 'table') {
    if (own(element).length === 0 && !element.querySelector(':scope > tr, :scope > caption')) wrap(element, 'wp-block-table');
  } else if (tag === 'pre') {
    const code = onlyChild(element);
    if (code?.localName === 'code' && own(element).length === 0) element.classList.add('wp-block-code');
  } else if (tag === 'hr') {
    if (own(element).length === 0) element.classList.add('wp-block-separator', 'has-alpha-channel-opacity');
  } else if (tag === 'p') {
    const only = onlyChild(element);
    if (only?.localName === 'img' && own(element).length === 0) image(wrap(only, 'wp-block-image', element), null);
  } else if (tag === 'figure') {
    const img = onlyChild(element, 'figcaption');
    const caption = element.querySelector(':scope > figcaption');
    if (img?.localName === 'img' && caption) image(element, caption);
  }
}

function list(element: Element): void {
  element.classList.add('wp-block-list');
  for (const nested of element.querySelectorAll(':scope > li > ul, :scope > li > ol')) list(nested);
}

function image(figure: Element, caption: Element | null): void {
  figure.classList.add('wp-block-image', 'size-full');
  caption?.classList.add('wp-element-caption');
}

/// Puts `element` in a `<figure class="…">` that takes the place of `replacing` (the element
/// itself, or the paragraph around an image) and its `data-line`.
function wrap(element: Element, className: string, replacing: Element = element): Element {
  const figure = element.ownerDocument.createElement('figure');
  figure.className = className;
  const line = replacing.getAttribute('data-line');
  if (line !== null) {
    figure.setAttribute('data-line', line);
    replacing.removeAttribute('data-line');
  }
  replacing.replaceWith(figure);
  figure.append(element);
  return figure;
}

/// The element's attributes that would make it go out as HTML rather than as a block.
function own(element: Element, allowed: string[] = []): string[] {
  return [...element.attributes].map((a) => a.name).filter((name) => !PREVIEW_ONLY.has(name) && !allowed.includes(name));
}

/// The one element child of `element` (text around it only whitespace), ignoring `except` tags.
function onlyChild(element: Element, except?: string): Element | null {
  let found: Element | null = null;
  for (const node of element.childNodes) {
    if (node.nodeType === 3 && !node.textContent?.trim()) continue;
    if (node.nodeType !== 1) return null;
    if (except && (node as Element).localName === except) continue;
    if (found) return null;
    found = node as Element;
  }
  return found;
}
