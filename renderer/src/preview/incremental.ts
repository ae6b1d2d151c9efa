/// Keeps the preview's article body in step with the text without re-rendering the whole post
/// on every keystroke: the changed blocks are re-rendered and only their nodes are swapped.
/// A long article is grouped into sections (sections.ts) so the browser lays out only what is
/// near the screen. Framework-free; Preview.tsx calls `update` after each change.
import type { DOMPurify } from 'dompurify';
import type { RenderOptions } from '../../../shared/render';
import { IncrementalArticle, type BlockPatch } from '../../../shared/render/incremental';
import type { PostView } from './post-view';
import { articleHtml, firstArticleNode, isSection, nextArticleNode, SECTION_BLOCKS, SECTION_MIN_NODES, sectionize, newSection } from './sections';

// A full render slower than this waits for a pause in typing instead of holding up a keystroke.
const FULL_RENDER_BUDGET_MS = 25;
const PAUSE_MS = 300;

export interface PreviewBodyOptions {
  fullRenderBudgetMs?: number;
  /// Section sizes (sections.ts); tests make them small.
  sectionMinNodes?: number;
  sectionBlocks?: number;
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

  dispose(): void {
    clearTimeout(this.pending);
  }

  private render(key: string, body: string, options: RenderOptions, view: PostView | null): void {
    const started = performance.now();
    this.described = view;
    const full = this.article.render(key, body, options);
    this.container.innerHTML = full.html;
    this.decorate?.(this.container);
    this.anchors = [...this.container.children].filter((element) => element.hasAttribute('data-line'));
    this.sectioned = sectionize(this.container, this.options.sectionMinNodes ?? SECTION_MIN_NODES, this.options.sectionBlocks ?? SECTION_BLOCKS);
    this.footnotes = full.footnotes;
    this.key = key;
    // Cannot happen for HTML that passed the self-contained check; if it does, patching
    // would put nodes in the wrong place, so render whole until the text changes.
    if (this.anchors.length !== full.anchors) this.article.reset();
    this.fullRenderMs = performance.now() - started;
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
    const range = this.container.ownerDocument.createRange();
    range.selectNodeContents(this.container);
    const fragment = range.createContextualFragment(patch.html);
    this.decorate?.(fragment);
    const added = [...fragment.children].filter((element) => element.hasAttribute('data-line'));
    this.insertionParent(end).insertBefore(fragment, end);
    if (this.sectioned) for (const parent of emptied) if (isSection(parent) && !parent.firstChild) parent.remove();
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
