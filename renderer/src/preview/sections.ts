/// A long article's blocks grouped into sections, so the browser's per-frame work stays in
/// proportion to the screen and not to the post. Each section is skipped whole while off
/// screen (`content-visibility: auto`), with a height estimated from its text until it has
/// been drawn once; one section per few dozen blocks instead of one skip box per block keeps
/// the browser's own visibility pass short at 50,000 words.
///
/// Sections are a wrapper only: the article's HTML is the sections' contents in order
/// (`articleHtml`), byte for byte what `postwright render` prints.

/// Sectioned only past this many top-level nodes (about 200 blocks, 2,500 words); a shorter
/// post keeps a flat body, where scroll sync measures every block exactly. Below this the
/// browser's per-frame pass over the blocks costs little; at 10,000 words a flat body of 800
/// blocks cost the preview's frame about 10 ms of main thread per key more than sections.
export const SECTION_MIN_NODES = 400;
/// Anchored blocks per section.
export const SECTION_BLOCKS = 48;

export const SECTION_TAG = 'pw-section';

// Rough article metrics (18px serif, 680px column): used only until a section is drawn.
const CHARS_PER_LINE = 70;
const LINE_PX = 31;
const BLOCK_GAP_PX = 20;

/// Groups the container's top-level nodes into sections of about `SECTION_BLOCKS` anchored
/// blocks. A section starts only at an anchored block, so the footnotes (which carry no
/// `data-line`) stay at the end of the last one.
export function sectionize(container: HTMLElement, minNodes = SECTION_MIN_NODES, blocksPer = SECTION_BLOCKS): boolean {
  if (container.childNodes.length < minNodes) return false;
  const doc = container.ownerDocument;
  const nodes = [...container.childNodes];
  const sections: HTMLElement[] = [];
  let current: HTMLElement | null = null;
  let anchored = 0;
  for (const node of nodes) {
    const isAnchor = node.nodeType === 1 && (node as Element).hasAttribute('data-line');
    if (!current || (isAnchor && anchored >= blocksPer)) {
      current = doc.createElement(SECTION_TAG);
      sections.push(current);
      anchored = 0;
    }
    if (isAnchor) anchored++;
    current.append(node);
  }
  for (const section of sections) estimateHeight(section);
  container.append(...sections);
  for (const section of sections) joinMargins(section);
  return true;
}

/// Spaces a section from the one before it as if the two were one flow. A section contains its
/// layout (`content-visibility`), so the last block's bottom margin and the next section's first
/// block's top margin no longer collapse into the larger of the two but add up: a heading that
/// opened a section stood 20 px lower than anywhere else. The section is drawn up by the smaller
/// margin (in `em` of its own font, so it holds when the text size changes). The wrapper's
/// style is not part of the article's HTML.
export function joinMargins(section: Element | null): void {
  if (!section || !isSection(section) || !section.isConnected) return;
  const before = section.previousElementSibling;
  const last = before && isSection(before) ? before.lastElementChild : null;
  const first = section.firstElementChild;
  const view = section.ownerDocument.defaultView;
  let shift = 0;
  if (last && first && view) {
    const overlap = Math.min(parseFloat(view.getComputedStyle(last).marginBottom), parseFloat(view.getComputedStyle(first).marginTop));
    const font = parseFloat(view.getComputedStyle(section).fontSize);
    if (overlap > 0 && font > 0) shift = overlap / font;
  }
  (section as HTMLElement).style.marginTop = shift > 0 ? `-${shift.toFixed(4)}em` : '';
}

export function newSection(doc: Document): HTMLElement {
  const section = doc.createElement(SECTION_TAG);
  estimateHeight(section);
  return section;
}

/// Where a block stands, for scroll sync: its own box, or inside a section the browser skips
/// (off screen, `content-visibility: auto`), its share of the section's box (estimated until
/// drawn once), so positions always grow down the page: a skipped section keeps its size
/// while its contents, laid out on demand, may run past it. Whether the block is skipped is
/// asked of the browser at the time (`checkVisibility`), as of its last rendering.
export function blockBox(block: Element): { top: number; bottom: number } {
  const section = block.parentElement;
  if (!section || !isSection(section) || block.checkVisibility({ contentVisibilityAuto: true })) return block.getBoundingClientRect();
  const box = section.getBoundingClientRect();
  const count = section.childElementCount;
  const index = Array.prototype.indexOf.call(section.children, block);
  return { top: box.top + (box.height * index) / count, bottom: box.top + (box.height * (index + 1)) / count };
}

/// Until drawn, a section takes the height its text would roughly fill; once drawn the browser
/// remembers its real size (`auto`).
export function estimateHeight(section: HTMLElement): void {
  const chars = section.textContent?.length ?? 0;
  const blocks = section.childElementCount;
  const px = Math.round((chars / CHARS_PER_LINE) * LINE_PX + blocks * BLOCK_GAP_PX);
  section.style.setProperty('contain-intrinsic-size', `auto ${Math.max(px, 40)}px`);
}

export function isSection(node: Node | null): node is HTMLElement {
  return node !== null && node.nodeName.toLowerCase() === SECTION_TAG;
}

/// The next top-level article node after `node` in reading order, across sections.
export function nextArticleNode(node: ChildNode): ChildNode | null {
  if (node.nextSibling) return node.nextSibling;
  let section = isSection(node.parentNode) ? (node.parentNode as HTMLElement).nextSibling : null;
  while (section && isSection(section) && !section.firstChild) section = section.nextSibling;
  return section && isSection(section) ? section.firstChild : null;
}

/// The first top-level article node.
export function firstArticleNode(container: HTMLElement): ChildNode | null {
  let first = container.firstChild;
  if (!isSection(first)) return first;
  while (first && !first.firstChild) first = first.nextSibling;
  return first?.firstChild ?? null;
}

/// The article's own HTML: the sections' contents in order, without the wrappers.
export function articleHtml(container: HTMLElement): string {
  if (!isSection(container.firstChild)) return container.innerHTML;
  let html = '';
  for (const section of container.children) html += section.innerHTML;
  return html;
}
