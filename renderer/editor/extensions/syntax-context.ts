/// Where in the markdown a position stands, for features that must keep out of code, front
/// matter and URLs. Reads only the syntax nodes around the position.
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';

const CODE = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'CodeText', 'HTMLBlock', 'CommentBlock', 'Comment']);
const LINK_TARGET = new Set(['URL', 'Autolink', 'LinkLabel']);

export type Context = 'code' | 'front-matter' | 'url' | 'text';

export function contextAt(state: EditorState, pos: number): Context {
  for (let node: { name: string; parent: unknown } | null = syntaxTree(state).resolveInner(pos, -1); node; node = node.parent as typeof node) {
    if (CODE.has(node.name)) return 'code';
    if (LINK_TARGET.has(node.name)) return 'url';
    if (node.name === 'Frontmatter' || node.name === 'FrontmatterContent') return 'front-matter';
  }
  if (inFrontMatter(state, pos)) return 'front-matter';
  const line = state.doc.lineAt(pos);
  const before = state.sliceDoc(line.from, pos);
  // A bare URL being typed is not yet a syntax node.
  if (/(?:[a-z][\w+.-]*:\/\/|www\.)\S*$/i.test(before)) return 'url';
  return 'text';
}

/// The `---` block at the very top, found by its lines (the parser may not have reached it
/// as YAML yet while it is being typed).
function inFrontMatter(state: EditorState, pos: number): boolean {
  if (state.doc.lines < 2 || state.doc.line(1).text.trimEnd() !== '---') return false;
  const limit = Math.min(state.doc.lines, 200);
  for (let number = 2; number <= limit; number++) {
    const line = state.doc.line(number);
    if (/^(---|\.\.\.)\s*$/.test(line.text)) return pos <= line.to;
  }
  return false;
}
