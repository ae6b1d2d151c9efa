/// The writing surface: colours come from the app's CSS variables, so light and dark
/// themes need no second editor theme.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const surface = EditorView.theme({
  '&': { height: '100%', color: 'var(--editor-text)', backgroundColor: 'var(--editor-bg)', fontSize: 'var(--editor-font-size, 15px)' },
  '.cm-scroller': { fontFamily: 'var(--editor-font)', lineHeight: '1.7', overflow: 'auto' },
  '.cm-content': { maxWidth: 'var(--editor-measure, 72ch)', margin: '0 auto', padding: '32px 28px 40vh', caretColor: 'var(--accent)' },
  '.cm-gutters': { display: 'none' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-panels': { backgroundColor: 'var(--panel-bg)', color: 'var(--text)', borderColor: 'var(--border)' },
  '.cm-placeholder': { color: 'var(--muted)' },
});

const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontWeight: '700', fontSize: '1.35em' },
  { tag: t.heading2, fontWeight: '700', fontSize: '1.2em' },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: '700' },
  { tag: t.strong, fontWeight: '700' },
  { tag: t.emphasis, fontStyle: 'italic' },
  { tag: t.strikethrough, textDecoration: 'line-through' },
  { tag: [t.link, t.url], color: 'var(--syntax-link)' },
  { tag: t.monospace, color: 'var(--syntax-code)' },
  // Markdown's marks (`**`, `#`, `>`, list bullets) step back so the words lead.
  { tag: [t.processingInstruction, t.contentSeparator], color: 'var(--syntax-mark, var(--muted))' },
  { tag: t.meta, color: 'var(--muted)' },
  // Front matter keys, so the metadata reads apart from the prose.
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--syntax-type)' },
  { tag: t.quote, color: 'var(--syntax-quote)', fontStyle: 'italic' },
  { tag: t.keyword, color: 'var(--syntax-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syntax-string)' },
  { tag: [t.number, t.bool, t.atom], color: 'var(--syntax-number)' },
  { tag: t.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.definition(t.variableName)], color: 'var(--syntax-function)' },
  { tag: [t.typeName, t.className], color: 'var(--syntax-type)' },
]);

export function writingTheme(): Extension {
  return [surface, syntaxHighlighting(markdownHighlight)];
}
