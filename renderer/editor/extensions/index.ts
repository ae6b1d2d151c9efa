/// Composes the editor's features; each lives in its own small module.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { crosshairCursor, drawSelection, dropCursor, EditorView, keymap, placeholder, rectangularSelection } from '@codemirror/view';
import { closingFenceAlignment } from './code-fence';
import { findAndReplace } from './find';
import { formattingKeymap } from './formatting';
import { frontMatterFold } from './front-matter-fold';
import { frontMatterGuard } from './front-matter-guard';
import { markdownSupport } from './markdown';
import { parseAhead } from './parse-ahead';
import { tables } from './table';
import { writingTheme } from './theme';

export function postwrightExtensions(extra: Extension[] = []): Extension {
  return [
    history(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    rectangularSelection(),
    crosshairCursor(),
    indentOnInput(),
    // Four spaces: what code samples in most languages expect, and valid for nested lists.
    indentUnit.of('    '),
    bracketMatching(),
    highlightSelectionMatches(),
    findAndReplace(),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ spellcheck: 'true', autocorrect: 'on', autocapitalize: 'sentences', 'aria-label': 'Post text' }),
    placeholder('Start writing…'),
    markdownSupport(),
    parseAhead(),
    frontMatterGuard(),
    frontMatterFold(),
    closingFenceAlignment(),
    formattingKeymap(),
    tables(),
    keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
    writingTheme(),
    ...extra,
  ];
}
