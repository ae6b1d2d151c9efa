/// Live mode: markdown marks disappear on lines away from the cursor: `**`, `_`, `` ` ``,
/// `~~`, a heading's `#`, and a link's brackets and address (its text stays, link-coloured).
/// Only the visible ranges are read, so a long post costs no more than a short one.
import { syntaxTree } from '@codemirror/language';
import type { Extension, Range } from '@codemirror/state';
import { Decoration, type DecorationSet, type EditorView } from '@codemirror/view';
import { touchesSelection } from './active-lines';
import { viewDecorations } from './view-decorations';

const hidden = Decoration.replace({});
const INLINE_MARKS = new Set(['EmphasisMark', 'StrikethroughMark']);

function build(view: EditorView): DecorationSet {
  const { state } = view;
  const marks: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(state).iterate({
      from,
      to,
      enter(node) {
        if (node.name === 'FencedCode' || node.name === 'CodeBlock' || node.name === 'Image' || node.name === 'Frontmatter') return false;
        const parent = node.node.parent?.name ?? '';
        let end = node.to;
        if (node.name === 'HeaderMark' && parent.startsWith('ATXHeading')) {
          // The space after `##` goes with it; a closing `##` takes the space before it.
          if (state.sliceDoc(end, end + 1) === ' ') end++;
        } else if (node.name === 'CodeMark' && parent === 'InlineCode') {
          // shown below
        } else if (!INLINE_MARKS.has(node.name) && !(parent === 'Link' && (node.name === 'LinkMark' || node.name === 'URL' || node.name === 'LinkTitle'))) {
          return undefined;
        }
        if (node.from < end && !touchesSelection(state.doc, state.selection, node.from, end)) marks.push(hidden.range(node.from, end));
        return undefined;
      },
    });
  }
  return Decoration.set(marks, true);
}

export function hideMarks(): Extension {
  return viewDecorations(build);
}
