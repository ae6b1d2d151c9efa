/// GFM markdown with fenced code highlighted by language, list continuation on Enter, and
/// the YAML front matter parsed as YAML (not as a setext heading).
import { deleteMarkupBackward, insertNewlineContinueMarkup, markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { languages } from '@codemirror/language-data';
import { EditorSelection, Prec, type Extension, type StateCommand } from '@codemirror/state';
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

export function markdownSupport(): Extension {
  const content = markdown({ base: markdownLanguage, codeLanguages: languages, addKeymap: false });
  return [
    yamlFrontmatter({ content }),
    content.support,
    Prec.high(
      keymap.of([
        { key: 'Enter', run: (view) => endListOnEmptyItem(view) || insertNewlineContinueMarkup(view) },
        { key: 'Backspace', run: deleteMarkupBackward },
      ]),
    ),
  ];
}
