import type MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';

/// `data-line="N"` (0-based source line) on every top-level block's opening tag,
/// so the preview can sync scrolling and patch single blocks. Raw HTML blocks
/// are emitted verbatim and cannot carry it.
export function blockLinesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('block_lines', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.level === 0 && token.block && token.nesting !== -1 && token.map) {
        token.attrSet('data-line', String(token.map[0]));
      }
    }
  });
}
