import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateInline } from 'markdown-it';
import type { BudgetEnv } from './budget';
import { RenderCache } from './memo';
import type { ScienceEnv } from './science/plugin';

/// TeX math with KaTeX: `$inline$`, `$$display$$` inside a paragraph, and a
/// display block whose `$$` opens a line and whose `$$` ends a later line.
/// Inline delimiters follow pandoc's rule so prices stay prices: the opening
/// `$` is followed by a non-space, the closing `$` follows a non-space and is
/// not followed by a digit (`$5 and $10` is text).
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  md.renderer.rules.math_inline = (tokens, idx, _options, env: BudgetEnv) => {
    const token = tokens[idx]!;
    return renderTex(token.content, token.markup === '$$', env.plainCode);
  };
  md.renderer.rules.math_block = (tokens, idx, _options, env: BudgetEnv & ScienceEnv, self) => {
    const token = tokens[idx]!;
    const label = token.meta as string | null;
    // The number floats right of the formula with an inline style, so it sits there on any blog.
    const number = label && env.science ? `<span class="eq-number" style="float:right;margin-top:1em">(${env.science.numbers.get(label) ?? '?'})</span>` : '';
    if (label && env.science) token.attrSet('id', label);
    return `<div class="math-display"${self.renderAttrs(token)}>${number}${renderTex(token.content, true, env.plainCode)}</div>\n`;
  };
}

/// HTML for the eye plus MathML for screen readers and feeds. A formula KaTeX
/// cannot parse shows as a red `katex-error` span holding its source, so the
/// blogger sees the mistake in place instead of losing the whole post. `asCode`: the TeX
/// itself in a <code> element, for a post too large to typeset (budget.ts).
export function renderTex(tex: string, displayMode: boolean, asCode = false): string {
  if (asCode) return `<code class="math-tex">${escapeHtml(tex)}</code>`;
  // KaTeX's options are fixed and each call starts with fresh macros (a `\gdef` lasts one
  // formula), so the source and the mode are all that change the HTML.
  return formulas.get(`${displayMode ? 'D' : 'I'}${tex}`, () => typeset(tex, displayMode));
}

// A formula's HTML is a few kB: about 8 MB at most.
const formulas = new RenderCache(2_000, 4_000_000);

function typeset(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      output: 'htmlAndMathml',
      throwOnError: false,
      // Unicode text in formulas is common in blog posts; don't warn on the console.
      strict: false,
    });
  } catch (error) {
    // throwOnError only covers ParseError; anything else still must not break the post.
    const message = error instanceof Error ? error.message : String(error);
    return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DOLLAR = 0x24;
const EQ_LABEL = /\s*\{#(eq:[\p{L}\p{N}_-]+)\}$/u;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isEscaped(src: string, pos: number): boolean {
  let backslashes = 0;
  while (pos - backslashes - 1 >= 0 && src.charCodeAt(pos - backslashes - 1) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/// The first closing delimiter at or after `from`. Whether a `$` can close does not depend on
/// where the formula opened, so the answer is remembered per paragraph: otherwise every
/// unclosed `$` ("$a $b $c …") would search to the end again, quadratic in the paragraph.
interface Found {
  from: number;
  close: number;
}
const found = new WeakMap<StateInline, { inline?: Found; display?: Found }>();

function closingDelimiter(state: StateInline, from: number, display: boolean): number {
  let memo = found.get(state);
  if (!memo) found.set(state, (memo = {}));
  const last = display ? memo.display : memo.inline;
  // A search from `last.from` found nothing before `last.close`, so none from a later start will.
  if (last && last.from <= from && (last.close === -1 || last.close >= from)) return last.close;
  const src = state.src;
  const delimiter = display ? '$$' : '$';
  let close = from;
  for (;;) {
    close = src.indexOf(delimiter, close);
    if (close === -1) break;
    const fits =
      !isEscaped(src, close) &&
      (display || (!isSpace(src.charCodeAt(close - 1)) && !isDigit(src.charCodeAt(close + 1))));
    if (fits) break;
    close++;
  }
  const result = { from, close };
  if (display) memo.display = result;
  else memo.inline = result;
  return close;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const display = src.charCodeAt(start + 1) === DOLLAR;
  const delimiter = display ? '$$' : '$';
  const first = src.charCodeAt(start + delimiter.length);
  if (Number.isNaN(first) || (!display && isSpace(first))) return false;

  const close = closingDelimiter(state, start + delimiter.length, display);
  if (close === -1 || close >= state.posMax) return false;
  const content = src.slice(start + delimiter.length, close);
  if (content.trim() === '') return false;

  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = content;
    token.markup = delimiter;
  }
  state.pos = close + delimiter.length;
  return true;
}

/// The last search for a closing `$$` line that found none: no line after `from` closes the
/// block before `stop` (a blank or outdented line, or the end) ends the search. An opener
/// between them would search the same lines and fail the same way, so a run of `$$x` lines
/// (each a paragraph line that asks whether math starts there) costs linear work, not quadratic.
const failedScans = new WeakMap<StateBlock, { from: number; stop: number; endLine: number; indent: number; level: number }>();

/// The last search for a closing `$$` line that found one, at `close`: an opener on a line
/// between `from` and it finds the same closing line (no line between ends with `$$`), and its
/// formula holds a `$$` (and is no formula) exactly when the last `$$` before the closing one,
/// at `lastDollars`, comes after its own opening `$$`. A run of `$$a|b` lines closed by a `$$`
/// at the end searched to the end from every line.
/// Both hold only within the same block context: markdown-it parses a list item or a quote with
/// the same state, another indent, nesting level and line bounds, so these and (for a found
/// one) where the closing line begins are part of the key.
const foundScans = new WeakMap<StateBlock, { from: number; close: number; closeStart: number; endLine: number; indent: number; level: number; label: string | null; lastDollars: number }>();

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  let firstLine = state.src.slice(start, state.eMarks[startLine]).trimEnd();
  if (!firstLine.startsWith('$$')) return false;
  // pandoc-crossref's label after the closing `$$`: `$$ E = mc^2 $$ {#eq:energy}`.
  let label: string | null = null;
  const labelled = EQ_LABEL.exec(firstLine);
  if (labelled && labelled.index >= 4) {
    label = labelled[1]!;
    firstLine = firstLine.slice(0, labelled.index).trimEnd();
  }

  let lastLine = startLine;
  let content: string;
  if (firstLine.length >= 4 && firstLine.endsWith('$$')) {
    content = firstLine.slice(2, -2);
  } else {
    // Display math has no blank lines (TeX would end the paragraph), so a
    // lone `$$` without a closing line before one is just text.
    const failed = failedScans.get(state);
    if (failed && failed.endLine === endLine && failed.indent === state.blkIndent && failed.level === state.level && startLine > failed.from && startLine < failed.stop) return false;
    const known = foundScans.get(state);
    if (
      known &&
      known.endLine === endLine &&
      known.indent === state.blkIndent &&
      known.level === state.level &&
      startLine > known.from &&
      startLine < known.close &&
      known.closeStart === state.bMarks[known.close]! + state.tShift[known.close]!
    ) {
      if (known.lastDollars >= start + 2) return false;
      lastLine = known.close;
      label = known.label ?? label;
    } else {
      let closeAt = -1;
      let closingLabel: string | null = null;
      for (lastLine = startLine + 1; lastLine < endLine; lastLine++) {
        if (state.isEmpty(lastLine) || state.sCount[lastLine]! < state.blkIndent) {
          failedScans.set(state, { from: startLine, stop: lastLine, endLine, indent: state.blkIndent, level: state.level });
          return false;
        }
        const lineStart = state.bMarks[lastLine]! + state.tShift[lastLine]!;
        const text = state.src.slice(lineStart, state.eMarks[lastLine]).trimEnd();
        const lineLabel = EQ_LABEL.exec(text);
        const beforeLabel = lineLabel ? text.slice(0, lineLabel.index).trimEnd() : '';
        if (lineLabel && beforeLabel.endsWith('$$')) {
          closingLabel = lineLabel[1]!;
          closeAt = lineStart + beforeLabel.length - 2;
          break;
        }
        if (text.endsWith('$$')) {
          closeAt = lineStart + text.length - 2;
          break;
        }
      }
      if (lastLine >= endLine) {
        failedScans.set(state, { from: startLine, stop: endLine, endLine, indent: state.blkIndent, level: state.level });
        return false;
      }
      label = closingLabel ?? label;
      const lastDollars = closeAt >= 2 ? state.src.lastIndexOf('$$', closeAt - 2) : -1;
      const closeStart = state.bMarks[lastLine]! + state.tShift[lastLine]!;
      foundScans.set(state, { from: startLine, close: lastLine, closeStart, endLine, indent: state.blkIndent, level: state.level, label: closingLabel, lastDollars });
    }
    let lines = state.getLines(startLine, lastLine + 1, state.blkIndent, false).trimEnd();
    if (label) lines = lines.replace(EQ_LABEL, '').trimEnd();
    content = lines.trimStart().slice(2, -2);
  }
  if (content.trim() === '' || content.includes('$$')) return false;
  if (silent) return true;

  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content.trim();
  token.markup = '$$';
  token.meta = label;
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}
