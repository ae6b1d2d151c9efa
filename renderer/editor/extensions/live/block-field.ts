/// Block widgets (tables, display math) must come from a state field. To keep typing cheap
/// the field scans the whole post once, when live mode starts, and afterwards only the
/// paragraph around each change; moving the cursor just re-filters the known blocks.
import { StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet, type WidgetType } from '@codemirror/view';
import { touchesSelection } from './active-lines';

export interface Block {
  from: number;
  to: number;
  widget: WidgetType;
}

/// Blocks starting on lines `first`..`last` (1-based); `inFence` says whether line `first`
/// is inside fenced code when known from a scan from the top.
export type BlockScanner = (state: EditorState, first: number, last: number) => Block[];

interface Blocks {
  all: DecorationSet;
  shown: DecorationSet;
}

const MAX_REACH = 200;

/// The run of non-blank lines around the changed range: where a table or `$$` block lives.
function paragraphAround(state: EditorState, from: number, to: number): [number, number] {
  let first = state.doc.lineAt(from).number;
  let last = state.doc.lineAt(to).number;
  for (let n = 0; n < MAX_REACH && first > 1 && state.doc.line(first - 1).text.trim() !== ''; n++) first--;
  for (let n = 0; n < MAX_REACH && last < state.doc.lines && state.doc.line(last + 1).text.trim() !== ''; n++) last++;
  return [first, last];
}

const decorate = (blocks: Block[]): Range<Decoration>[] =>
  blocks.map((block) => Decoration.replace({ widget: block.widget, block: true }).range(block.from, block.to));

const visible = (state: EditorState, all: DecorationSet) => all.update({ filter: (from, to) => !touchesSelection(state, from, to) });

export function blockWidgets(scan: BlockScanner): Extension {
  const field = StateField.define<Blocks>({
    create(state) {
      const all = Decoration.set(decorate(scan(state, 1, state.doc.lines)), true);
      return { all, shown: visible(state, all) };
    },
    update(value, tr) {
      let all = value.all;
      if (tr.docChanged) {
        all = all.map(tr.changes);
        const regions: [number, number][] = [];
        tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => regions.push(paragraphAround(tr.state, fromB, toB)));
        for (const [first, last] of regions) {
          const from = tr.state.doc.line(first).from;
          const to = tr.state.doc.line(last).to;
          all = all.update({ filter: (start, end) => end < from || start > to, add: decorate(scan(tr.state, first, last)), sort: true });
        }
      } else if (!tr.selection) return value;
      return { all, shown: visible(tr.state, all) };
    },
    provide: (f) => EditorView.decorations.from(f, (value) => value.shown),
  });
  return field;
}
