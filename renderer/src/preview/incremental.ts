/// Keeps the preview's article body in step with the text without re-rendering the whole post
/// on every keystroke: the changed blocks are re-rendered and only their nodes are swapped.
/// Framework-free; Preview.tsx calls `update` after each change.
import type { DOMPurify } from 'dompurify';
import type { RenderOptions } from '../../../shared/render';
import { IncrementalArticle, type BlockPatch } from '../../../shared/render/incremental';

// A full render slower than this waits for a pause in typing instead of holding up a keystroke.
const FULL_RENDER_BUDGET_MS = 25;
const PAUSE_MS = 300;

export class PreviewBody {
  private readonly article: IncrementalArticle;
  /// The top-level elements carrying `data-line`, in source order.
  private anchors: Element[] = [];
  private footnotes = false;
  private key: string | null = null;
  private fullRenderMs = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly container: HTMLElement,
    purify: DOMPurify,
  ) {
    this.article = new IncrementalArticle(purify);
  }

  /// Shows `body` of the post `key` (which must change whenever `options` do).
  update(key: string, body: string, options: RenderOptions): void {
    clearTimeout(this.pending);
    const patch = this.article.patch(key, body, options);
    if (patch === 'unchanged') return;
    if (patch) {
      this.apply(patch);
    } else if (key !== this.key || this.fullRenderMs <= FULL_RENDER_BUDGET_MS) {
      this.render(key, body, options);
    } else {
      // The preview keeps showing the last text it rendered, and the article still
      // describes exactly that, so a later patch is still applied correctly.
      this.pending = setTimeout(() => this.render(key, body, options), PAUSE_MS);
    }
  }

  /// The elements that carry `data-line`, for scroll sync. Do not modify.
  blocks(): readonly Element[] {
    return this.anchors;
  }

  dispose(): void {
    clearTimeout(this.pending);
  }

  private render(key: string, body: string, options: RenderOptions): void {
    const started = performance.now();
    const full = this.article.render(key, body, options);
    this.container.innerHTML = full.html;
    this.anchors = [...this.container.children].filter((element) => element.hasAttribute('data-line'));
    this.footnotes = full.footnotes;
    this.key = key;
    // Cannot happen for HTML that passed the self-contained check; if it does, patching
    // would put nodes in the wrong place, so render whole until the text changes.
    if (this.anchors.length !== full.anchors) this.article.reset();
    this.fullRenderMs = performance.now() - started;
  }

  private apply(patch: BlockPatch): void {
    const start = patch.atStart ? this.container.firstChild : this.anchors[patch.from]!;
    const end = patch.atEnd ? this.footnoteSection() : this.anchors[patch.to]!;
    for (let node = start; node && node !== end; ) {
      const next: ChildNode | null = node.nextSibling;
      node.remove();
      node = next;
    }
    const range = this.container.ownerDocument.createRange();
    range.selectNodeContents(this.container);
    const fragment = range.createContextualFragment(patch.html);
    const added = [...fragment.children].filter((element) => element.hasAttribute('data-line'));
    this.container.insertBefore(fragment, end);
    this.anchors.splice(patch.from, patch.to - patch.from, ...added);
    if (patch.shift === 0) return;
    for (let i = patch.from + added.length; i < this.anchors.length; i++) {
      const element = this.anchors[i]!;
      element.setAttribute('data-line', String(Number(element.getAttribute('data-line')) + patch.shift));
    }
  }

  /// `<hr class="footnotes-sep">`, which with its `<section>` always ends the article.
  private footnoteSection(): Element | null {
    const hr = this.footnotes ? this.container.lastElementChild?.previousElementSibling : null;
    return hr?.matches('hr.footnotes-sep') ? hr : null;
  }
}
