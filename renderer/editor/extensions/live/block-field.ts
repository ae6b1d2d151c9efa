/// Block widgets (tables, display math) must come from a state field. To keep typing cheap
/// the field scans the whole post once, when live mode starts, and afterwards only the
/// paragraph around each change; moving the cursor just re-filters the known blocks.
import { StateField, type EditorSelection, type Extension, type Range, type Text } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet, type WidgetType } from '@codemirror/view';
import { contextAt } from '../syntax-context';
import { touchesSelection } from './active-lines';

export interface Block {
  from: number;
  to: number;
  widget: WidgetType;
}

/// Blocks starting on lines `first`..`last` (1-based) of `doc`; `inCode(pos)` says whether a
/// position of `doc` is inside code.
export type BlockScanner = (doc: Text, first: number, last: number, inCode: (pos: number) => boolean) => Block[];

interface Blocks {
  all: DecorationSet;
  shown: DecorationSet;
}

const MAX_REACH = 200;

/// The run of non-blank lines around the changed range: where a table or `$$` block lives.
function paragraphAround(doc: Text, from: number, to: number): [number, number] {
  let first = doc.lineAt(from).number;
  let last = doc.lineAt(to).number;
  for (let n = 0; n < MAX_REACH && first > 1 && doc.line(first - 1).text.trim() !== ''; n++) first--;
  for (let n = 0; n < MAX_REACH && last < doc.lines && doc.line(last + 1).text.trim() !== ''; n++) last++;
  return [first, last];
}

/// Line numbers inside ``` or ~~~ fences, in one pass from the top.
function fencedLines(doc: Text): Set<number> {
  const inside = new Set<number>();
  let fence: string | null = null;
  for (let number = 1; number <= doc.lines; number++) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(doc.line(number).text)?.[1];
    if (fence !== null) inside.add(number);
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence === null ? marker : null;
  }
  return inside;
}

const decorate = (blocks: Block[]): Range<Decoration>[] =>
  blocks.map((block) => Decoration.replace({ widget: block.widget, block: true }).range(block.from, block.to));

const visible = (doc: Text, selection: EditorSelection, all: DecorationSet) => all.update({ filter: (from, to) => !touchesSelection(doc, selection, from, to) });

export function blockWidgets(scan: BlockScanner): Extension {
  const field = StateField.define<Blocks>({
    create(state) {
      // The syntax tree is not there yet while the state is made: fences are found by line.
      const fenced = fencedLines(state.doc);
      const all = Decoration.set(decorate(scan(state.doc, 1, state.doc.lines, (pos) => fenced.has(state.doc.lineAt(pos).number))), true);
      return { all, shown: visible(state.doc, state.selection, all) };
    },
    update(value, tr) {
      let all = value.all;
      if (tr.docChanged) {
        all = all.map(tr.changes);
        // The new state is still being made: code is judged on the old syntax tree, at the
        // position mapped back (a fence typed this very keystroke counts from the next one).
        const back = tr.changes.invertedDesc;
        const inCode = (pos: number) => contextAt(tr.startState, back.mapPos(pos)) === 'code';
        const regions: [number, number][] = [];
        tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => regions.push(paragraphAround(tr.newDoc, fromB, toB)));
        for (const [first, last] of regions) {
          const from = tr.newDoc.line(first).from;
          const to = tr.newDoc.line(last).to;
          all = all.update({ filter: (start, end) => end < from || start > to, add: decorate(scan(tr.newDoc, first, last, inCode)), sort: true });
        }
      } else if (!tr.selection) return value;
      return { all, shown: visible(tr.newDoc, tr.newSelection, all) };
    },
    provide: (f) => EditorView.decorations.from(f, (value) => value.shown),
  });
  return field;
}
