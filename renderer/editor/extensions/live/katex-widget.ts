/// A formula drawn by KaTeX, the renderer the preview uses. KaTeX without `trust` writes
/// only its own markup, so its HTML is safe to place in the page.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { WidgetType } from '@codemirror/view';

export class MathWidget extends WidgetType {
  constructor(
    readonly tex: string,
    readonly display: boolean,
  ) {
    super();
  }
  override eq(other: MathWidget) {
    return other.tex === this.tex && other.display === this.display;
  }
  toDOM() {
    const element = document.createElement(this.display ? 'div' : 'span');
    element.className = this.display ? 'cm-live-math cm-live-math-display' : 'cm-live-math';
    element.innerHTML = katex.renderToString(this.tex, { displayMode: this.display, throwOnError: false, strict: false, trust: false, output: 'html' });
    return element;
  }
  override ignoreEvent() {
    return false;
  }
}
