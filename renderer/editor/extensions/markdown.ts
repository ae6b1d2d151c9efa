/// GFM markdown with fenced code highlighted by language, list continuation on Enter, and
/// the YAML front matter parsed as YAML (not as a setext heading).
import { deleteMarkupBackward, insertNewlineContinueMarkup, markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { languages } from '@codemirror/language-data';
import { syntaxTree } from '@codemirror/language';
import { EditorSelection, Prec, type EditorState, type Extension, type StateCommand } from '@codemirror/state';
import { keymap } from '@codemirror/view';

const EMPTY_TOP_LEVEL_ITEM = /^([-*+]|\d{1,9}[.)])[ \t]*(\[[ xX]\][ \t]*)?$/;

/// Enter on an empty top-level list item ends the list with a blank line, so what is typed
/// next is a new paragraph and not a lazy continuation of the last item.
export const endListOnEmptyItem: StateCommand = ({ state, dispatch }) => {
  const { main } = state.selection;
  if (!main.empty || state.selection.ranges.length > 1) return false;
  const line = state.doc.lineAt(main.head);
  if (line.number === 1 || main.head !== line.to || !EMPTY_TOP_LEVEL_ITEM.test(line.text)) return false;
  const previous = state.doc.line(line.number - 1).text;
  if (!/^\s*([-*+]|\d{1,9}[.)])\s/.test(previous) && !/^\s+\S/.test(previous)) return false;
  dispatch(
    state.update({
      changes: { from: line.from, to: line.to, insert: '\n' },
      selection: EditorSelection.cursor(line.from + 1),
      scrollIntoView: true,
      userEvent: 'input',
    }),
  );
  return true;
};

const EMPTY_QUOTE_LINE = /^[ \t]*(>[ \t]*)+$/;

/// Enter on an empty `>` line ends the quote with a blank line, as it ends a list, instead of
/// continuing it forever.
export const endQuoteOnEmptyLine: StateCommand = ({ state, dispatch }) => {
  const { main } = state.selection;
  if (!main.empty || state.selection.ranges.length > 1) return false;
  const line = state.doc.lineAt(main.head);
  if (main.head !== line.to || !EMPTY_QUOTE_LINE.test(line.text) || inCode(state, line.from)) return false;
  dispatch(
    state.update({
      changes: { from: line.from, to: line.to, insert: state.lineBreak },
      selection: EditorSelection.cursor(line.from + state.lineBreak.length),
      scrollIntoView: true,
      userEvent: 'input',
    }),
  );
  return true;
};

function inCode(state: EditorState, pos: number): boolean {
  for (let node: { name: string; parent: unknown } | null = syntaxTree(state).resolveInner(pos, 1); node; node = node.parent as typeof node) {
    if (node.name === 'FencedCode' || node.name === 'CodeBlock') return true;
  }
  return false;
}

export function markdownSupport(): Extension {
  const content = markdown({ base: markdownLanguage, codeLanguages: languages, addKeymap: false });
  return [
    yamlFrontmatter({ content }),
    content.support,
    Prec.high(
      keymap.of([
        { key: 'Enter', run: (view) => endListOnEmptyItem(view) || endQuoteOnEmptyLine(view) || insertNewlineContinueMarkup(view) },
        { key: 'Backspace', run: deleteMarkupBackward },
      ]),
    ),
  ];
}
