import { JSDOM } from 'jsdom';
import type { BlockPatch, FullRender, IncrementalArticle } from '../../../shared/render/incremental';
import { escapeAttributeBrackets } from '../../../shared/render/sanitize';

// The preview page is in standards mode, like the blog pages the article ends up on.
const page = new JSDOM('<!DOCTYPE html>').window.document;

/// Applies updates to a DOM the way renderer/src/preview/incremental.ts does: this is the
/// contract of FullRender and BlockPatch.
export class Body {
  readonly root = page.createElement('div');
  private anchors: Element[] = [];
  private footnotes = false;

  constructor(private readonly article: IncrementalArticle) {}

  apply(update: FullRender | BlockPatch): void {
    if (update.kind === 'full') {
      this.root.innerHTML = update.html;
      this.anchors = [...this.root.children].filter((element) => element.hasAttribute('data-line'));
      this.footnotes = update.footnotes;
      // Raw HTML that is not self-contained (an unclosed quote) can hide blocks; such an
      // article is never patched, but say so explicitly as the preview does.
      if (this.anchors.length !== update.anchors) this.article.reset();
      return;
    }
    const start = update.atStart ? this.root.firstChild : this.anchors[update.from]!;
    const end = update.atEnd ? (this.footnotes ? this.root.lastElementChild!.previousElementSibling : null) : this.anchors[update.to]!;
    for (let node = start; node && node !== end; ) {
      const next: ChildNode | null = node.nextSibling;
      node.remove();
      node = next;
    }
    const holder = this.root.ownerDocument.createElement('div');
    holder.innerHTML = update.html;
    const added = [...holder.children].filter((element) => element.hasAttribute('data-line'));
    while (holder.firstChild) this.root.insertBefore(holder.firstChild, end);
    this.anchors.splice(update.from, update.to - update.from, ...added);
    for (let i = update.from + added.length; i < this.anchors.length; i++) {
      const element = this.anchors[i]!;
      element.setAttribute('data-line', String(Number(element.getAttribute('data-line')) + update.shift));
    }
  }

  html(): string {
    return escapeAttributeBrackets(this.root.innerHTML);
  }
}

