/// Keeps the preview's article body in step with the text without re-rendering the whole post
/// on every keystroke: the changed blocks are re-rendered and only their nodes are swapped.
/// A long article is grouped into sections (sections.ts) so the browser lays out only what is
/// near the screen, and a newly shown long post is filled in a few sections at a time, in
/// tasks of their own, so that keys typed meanwhile are not held up by the whole post's
/// render. Framework-free; Preview.tsx calls `update` after each change.
import type { DOMPurify } from 'dompurify';
import type { RenderOptions } from '../../../shared/render';
import { IncrementalArticle, type BlockPatch, type PartedRender } from '../../../shared/render/incremental';
import type { PostView } from './post-view';
import { articleHtml, firstArticleNode, isSection, joinMargins, nextArticleNode, SECTION_BLOCKS, SECTION_MIN_NODES, SECTION_TAG, sectionize, newSection, estimateHeight } from './sections';

// A full render slower than this waits for a pause in typing instead of holding up a keystroke.
const FULL_RENDER_BUDGET_MS = 25;
const PAUSE_MS = 300;
// A post of at least this many blocks (about 10,000 words) is filled
// in part by part: the first parts at once, then a few per task.
const FILL_MIN_BLOCKS = 800;
const FIRST_PARTS = 2;
const PARTS_PER_TASK = 3;

export interface PreviewBodyOptions {
  fullRenderBudgetMs?: number;
  /// Section sizes (sections.ts); tests make them small.
  sectionMinNodes?: number;
  sectionBlocks?: number;
  /// Filling part by part (tests make these small).
  fillMinBlocks?: number;
  partsPerTask?: number;
  /// Told when a post filled in part by part is complete.
  onFilled?: () => void;
}

/// A long post being filled in, and the latest update that waits for it.
interface Fill {
  parts: Array<() => string>;
  next: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  spentMs: number;
  waiting: [string, string | PostView, RenderOptions] | null;
}

export class PreviewBody {
  private readonly article: IncrementalArticle;
  /// The top-level elements carrying `data-line`, in source order.
  private anchors: Element[] = [];
  private footnotes = false;
  private key: string | null = null;
  private fullRenderMs = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private sectioned = false;
  private decorate: ((root: ParentNode) => void) | null = null;
  /// The post text the article describes, when it came from the editor: later texts are
  /// patched from the editor's changes since it.
  private described: PostView | null = null;
  private fill: Fill | null = null;

  constructor(
    private readonly container: HTMLElement,
    purify: DOMPurify,
    private readonly options: PreviewBodyOptions = {},
  ) {
    this.article = new IncrementalArticle(purify);
  }

  /// Shows the body of the post `key` (which must change whenever `options` do): a string, or
  /// the editor's document seen through `PostView`, whose changes say which lines to re-read.
  update(key: string, post: string | PostView, options: RenderOptions): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    // A post still being filled in takes its edits once it is whole; another post starts over.
    if (this.fill && key === this.key) {
      this.fill.waiting = [key, post, options];
      return;
    }
    this.stopFill();
    const view = typeof post === 'string' ? null : post;
    const body = () => (typeof post === 'string' ? post : post.body());
    const change = view && this.described && key === this.key ? view.changedSince(this.described) : null;
    const patch = change === 'same' ? 'unchanged' : change ? this.article.patchLines(key, view!.lines, change, options) : this.article.patch(key, body(), options);
    if (patch === 'unchanged') {
      this.described = view;
      return;
    }
    if (patch) {
      this.apply(patch);
      this.described = view;
    } else if (key !== this.key || this.fullRenderMs <= (this.options.fullRenderBudgetMs ?? FULL_RENDER_BUDGET_MS)) {
      this.render(key, body(), options, view);
    } else {
      // The preview keeps showing the last text it rendered, and the article still
      // describes exactly that, so a later patch is still applied correctly.
      this.pending = setTimeout(() => {
        this.pending = undefined;
        this.render(key, body(), options, view);
      }, PAUSE_MS);
    }
  }

  /// Rewrites each rendered block as a blog's platform will show it (its block classes); the
  /// next `update` must come with a new key, so the whole post is rendered with it.
  setDecorator(decorate: ((root: ParentNode) => void) | null): void {
    this.decorate = decorate;
  }

  /// The elements that carry `data-line`, for scroll sync. Do not modify.
  blocks(): readonly Element[] {
    return this.anchors;
  }

  /// The article's HTML as shown, sections unwrapped: what `postwright render` prints.
  html(): string {
    return articleHtml(this.container);
  }

  /// Whether a full render is waiting for a pause in typing.
  get deferred(): boolean {
    return this.pending !== undefined;
  }

  /// Whether a long post is still being filled in (what is shown is the start of its article).
  get filling(): boolean {
    return this.fill !== null;
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.stopFill();
  }

  private render(key: string, body: string, options: RenderOptions, view: PostView | null): void {
    const started = performance.now();
    this.described = view;
    const blocksPer = this.options.sectionBlocks ?? SECTION_BLOCKS;
    const full = this.article.renderInParts(key, body, options, blocksPer);
    this.footnotes = full.footnotes;
    this.key = key;
    if (full.kind === 'parts' && full.anchors >= (this.options.fillMinBlocks ?? FILL_MIN_BLOCKS)) {
      this.startFill(full, started);
      return;
    }
    this.container.innerHTML = full.kind === 'full' ? full.html : full.parts.map((part) => part()).join('');
    this.decorate?.(this.container);
    this.anchors = [...this.container.children].filter((element) => element.hasAttribute('data-line'));
    this.sectioned = sectionize(this.container, this.options.sectionMinNodes ?? SECTION_MIN_NODES, blocksPer);
    this.checkAnchors(full.anchors);
    this.fullRenderMs = performance.now() - started;
  }

  // Cannot happen for HTML that passed the self-contained check; if it does, patching
  // would put nodes in the wrong place, so render whole until the text changes.
  private checkAnchors(expected: number): void {
    if (this.anchors.length !== expected) this.article.reset();
  }

  /// Each part becomes a section of its own; the first few are shown now, in this frame.
  private startFill(full: PartedRender, started: number): void {
    this.container.replaceChildren();
    this.anchors = [];
    this.sectioned = true;
    // Parsing the post counts towards what a whole render costs.
    const fill: Fill = { parts: full.parts, next: 0, timer: undefined, spentMs: performance.now() - started, waiting: null };
    this.fill = fill;
    const step = (count: number) => {
      const sliceStart = performance.now();
      const doc = this.container.ownerDocument;
      for (const end = Math.min(fill.parts.length, fill.next + count); fill.next < end; fill.next++) {
        const section = doc.createElement(SECTION_TAG);
        section.innerHTML = fill.parts[fill.next]!();
        this.decorate?.(section);
        for (const child of section.children) if (child.hasAttribute('data-line')) this.anchors.push(child);
        estimateHeight(section);
        this.container.append(section);
        joinMargins(section);
      }
      fill.spentMs += performance.now() - sliceStart;
      if (fill.next < fill.parts.length) {
        fill.timer = setTimeout(() => step(this.options.partsPerTask ?? PARTS_PER_TASK), 0);
        return;
      }
      this.fill = null;
      this.checkAnchors(full.anchors);
      // What the whole render would have cost at once: later full renders wait for a pause.
      this.fullRenderMs = fill.spentMs;
      this.options.onFilled?.();
      if (fill.waiting) this.update(...fill.waiting);
    };
    step(FIRST_PARTS);
  }

  private stopFill(): void {
    if (!this.fill) return;
    clearTimeout(this.fill.timer);
    this.fill = null;
  }

  private apply(patch: BlockPatch): void {
    const start = patch.atStart ? firstArticleNode(this.container) : this.anchors[patch.from]!;
    const end = patch.atEnd ? this.footnoteSection() : this.anchors[patch.to]!;
    const emptied = new Set<Node>();
    for (let node = start; node && node !== end; ) {
      const next = this.sectioned ? nextArticleNode(node) : node.nextSibling;
      if (node.parentNode) emptied.add(node.parentNode);
      node.remove();
      node = next;
    }
    // Sections whose first or last block may change, to be spaced again from their neighbours.
    const touched = this.sectioned ? [...emptied].flatMap((parent) => [parent as Element, (parent as Element).nextElementSibling]) : [];
    const range = this.container.ownerDocument.createRange();
    range.selectNodeContents(this.container);
    const fragment = range.createContextualFragment(patch.html);
    this.decorate?.(fragment);
    const added = [...fragment.children].filter((element) => element.hasAttribute('data-line'));
    const parent = this.insertionParent(end);
    parent.insertBefore(fragment, end);
    if (this.sectioned) {
      for (const emptiedParent of emptied) if (isSection(emptiedParent) && !emptiedParent.firstChild) emptiedParent.remove();
      for (const section of [...touched, parent as Element, (parent as Element).nextElementSibling]) joinMargins(section);
    }
    this.anchors.splice(patch.from, patch.to - patch.from, ...added);
    if (patch.shift === 0) return;
    for (let i = patch.from + added.length; i < this.anchors.length; i++) {
      const element = this.anchors[i]!;
      element.setAttribute('data-line', String(Number(element.getAttribute('data-line')) + patch.shift));
    }
  }

  /// Where new blocks go in front of `end`: its own section, or at the end of the last one.
  private insertionParent(end: ChildNode | null): ParentNode {
    if (end) return end.parentNode!;
    if (!this.sectioned) return this.container;
    let last = this.container.lastElementChild;
    if (!last) {
      last = newSection(this.container.ownerDocument);
      this.container.append(last);
    }
    return last;
  }

  /// `<hr class="footnotes-sep">`, which with its `<section>` always ends the article.
  private footnoteSection(): Element | null {
    const last = this.sectioned ? this.container.lastElementChild : this.container;
    const hr = this.footnotes ? last?.lastElementChild?.previousElementSibling : null;
    return hr?.matches('hr.footnotes-sep') ? hr : null;
  }
}
