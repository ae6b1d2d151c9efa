import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import type { ScienceContext } from './context';
import { REFS_DIV, canStartCitation, crossKind, parseCluster, readKey, type CiteItem } from './syntax';

/// Citations (`[@smith2020, p. 4]`, `@smith2020 says`), cross-references (`@fig:growth`),
/// numbered figures, tables and equations, and the bibliography, from a ScienceContext in
/// `env.science`. Without one the post renders exactly as before: `@name` stays text.
export interface ScienceEnv {
  science?: ScienceContext;
}

export function sciencePlugin(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'citation_cluster', clusterRule);
  md.inline.ruler.after('citation_cluster', 'citation_bare', bareRule);
  md.block.ruler.before('paragraph', 'refs_div', refsDivRule);
  md.core.ruler.before('figure', 'crossref_figures', figureLabels);
  md.core.ruler.push('crossref_tables', tableCaptions);
  md.core.ruler.push('bibliography', appendBibliography);

  md.renderer.rules.citation = (tokens, idx, _options, env: ScienceEnv) => renderCitation(tokens[idx]!, env);
  md.renderer.rules.crossref = (tokens, idx, _options, env: ScienceEnv) => renderCrossref(tokens[idx]!.content, env);
  md.renderer.rules.bibliography = (tokens, idx, _options, env: ScienceEnv, self) => renderBibliography(env, tokens[idx]!, self.renderAttrs(tokens[idx]!));
  md.renderer.rules.table_caption = (tokens, idx, options, env: ScienceEnv, self) => {
    const token = tokens[idx]!;
    const id = token.meta as string;
    const label = `${env.science?.words.tbl ?? 'Table'} ${env.science?.numbers.get(id) ?? '?'}: `;
    return `<caption>${escapeHtml(label)}${self.renderInline(token.children ?? [], options, env)}</caption>\n`;
  };
}

function clusterRule(state: StateInline, silent: boolean): boolean {
  const env = state.env as ScienceEnv;
  if (!env.science || state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const close = nextClose(state);
  if (close === -1 || close >= state.posMax) return false;
  const inner = state.src.slice(state.pos + 1, close);
  if (!inner.includes('@') || inner.includes('[')) return false;
  const next = state.src[close + 1];
  if (next === '(' || next === '[' || next === ':') return false;
  const items = parseCluster(inner);
  if (!items) return false;
  const refs = items.every((item) => crossKind(item.key));
  if (!refs && !env.science.engine) return false;
  if (!silent) {
    if (refs) {
      items.forEach((item, i) => {
        if (i > 0) state.push('text', '', 0).content = ', ';
        state.push('crossref', '', 0).content = item.key;
      });
    } else {
      const token = state.push('citation', '', 0);
      token.meta = { items, inText: false };
    }
  }
  state.pos = close + 1;
  return true;
}

/// The first `]` after the `[` at state.pos, looked up among every `]` of the paragraph, found
/// once per paragraph: linear however the inline parser comes back to earlier places (it does,
/// after scanning a link label ahead; remembering only the last search let a paragraph of
/// unclosed `![` search to its end again and again).
const closesOf = new WeakMap<StateInline, number[]>();
function nextClose(state: StateInline): number {
  const from = state.pos + 1;
  let closes = closesOf.get(state);
  if (!closes) {
    closes = [];
    for (let at = state.src.indexOf(']'); at !== -1; at = state.src.indexOf(']', at + 1)) closes.push(at);
    closesOf.set(state, closes);
  }
  let low = 0;
  let high = closes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (closes[mid]! < from) low = mid + 1;
    else high = mid;
  }
  return low < closes.length ? closes[low]! : -1;
}

function bareRule(state: StateInline, silent: boolean): boolean {
  const env = state.env as ScienceEnv;
  const science = env.science;
  if (!science || state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  if (!canStartCitation(state.src, state.pos)) return false;
  const end = readKey(state.src, state.pos + 1);
  if (end === -1 || end > state.posMax) return false;
  const key = state.src.slice(state.pos + 1, end);
  const kind = crossKind(key);
  // A bare @name is a citation only when the bibliography knows it: bloggers write @handles.
  if (!kind && !science.engine?.has(key)) return false;
  if (!silent) {
    if (kind) state.push('crossref', '', 0).content = key;
    else state.push('citation', '', 0).meta = { items: [{ key, prefix: '', suffix: '', suppressAuthor: false }], inText: true };
  }
  state.pos = end;
  return true;
}

/// `::: {#refs}` (with or without its closing `:::`) marks where the bibliography goes.
function refsDivRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
  if (!REFS_DIV.test(line)) return false;
  if (silent) return true;
  let last = startLine;
  const next = startLine + 1;
  if (next < state.lineMax && /^:::+$/.test(state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]).trim())) last = next;
  const token = state.push('bibliography', '', 0);
  token.block = true;
  token.map = [startLine, last + 1];
  // Placed by the author, under their own heading: the list comes without one.
  token.meta = { placed: true };
  state.line = last + 1;
  return true;
}

const FIGURE_LABEL = /^\s*\{#(fig:[\p{L}\p{N}_-]+)\}\s*$/u;

/// `![Caption](plot.png){#fig:growth}` alone in a paragraph -> a numbered figure.
function figureLabels(state: StateCore): void {
  const env = state.env as ScienceEnv;
  if (!env.science) return;
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const open = tokens[i]!;
    const inline = tokens[i + 1]!;
    if (open.type !== 'paragraph_open' || tokens[i + 2]!.type !== 'paragraph_close') continue;
    const children = inline.children ?? [];
    if (children.length !== 2 || children[0]!.type !== 'image' || children[1]!.type !== 'text') continue;
    const match = FIGURE_LABEL.exec(children[1]!.content);
    if (!match) continue;
    const image = children[0]!;
    const id = match[1]!;
    const number = env.science.numbers.get(id);
    open.type = 'figure_open';
    open.tag = 'figure';
    open.attrSet('id', id);
    open.attrSet('class', 'numbered');
    const close = tokens[i + 2]!;
    close.type = 'figure_close';
    close.tag = 'figure';
    image.attrs = (image.attrs ?? []).filter(([name]) => name !== 'title');
    inline.children = [image];
    const captionOpen = new state.Token('figcaption_open', 'figcaption', 1);
    const caption = new state.Token('inline', '', 0);
    const label = new state.Token('text', '', 0);
    label.content = `${env.science.words.fig} ${number ?? '?'}: `;
    caption.children = [label, ...(image.children ?? [])];
    const captionClose = new state.Token('figcaption_close', 'figcaption', -1);
    captionOpen.block = captionClose.block = true;
    tokens.splice(i + 2, 0, captionOpen, caption, captionClose);
    i += 5;
  }
}

const TABLE_CAPTION = /^:\s+(.*?)\s*\{#(tbl:[\p{L}\p{N}_-]+)\}\s*$/su;

/// `: Caption {#tbl:results}` as a paragraph right before or after a table -> its <caption>.
function tableCaptions(state: StateCore): void {
  const env = state.env as ScienceEnv;
  if (!env.science) return;
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.type !== 'paragraph_open' || tokens[i + 2]!.type !== 'paragraph_close') continue;
    const inline = tokens[i + 1]!;
    const match = TABLE_CAPTION.exec(inline.content);
    if (!match) continue;
    const after = tokens[i + 3]?.type === 'table_open' ? i + 3 : -1;
    const before = after === -1 ? findTableBefore(tokens, i) : -1;
    const tableOpen = after !== -1 ? after : before;
    if (tableOpen === -1) continue;
    const caption = new state.Token('table_caption', 'caption', 0);
    caption.meta = match[2]!;
    caption.block = true;
    caption.children = captionChildren(state, inline, match[1]!);
    tokens[tableOpen]!.attrSet('id', match[2]!);
    tokens.splice(i, 3);
    const at = after !== -1 ? tableOpen - 3 : tableOpen;
    tokens.splice(at + 1, 0, caption);
    i = Math.max(-1, i - 2);
  }
}

function findTableBefore(tokens: Token[], paragraph: number): number {
  if (tokens[paragraph - 1]?.type !== 'table_close') return -1;
  for (let j = paragraph - 2; j >= 0; j--) if (tokens[j]!.type === 'table_open' && tokens[j]!.level === tokens[paragraph - 1]!.level) return j;
  return -1;
}

/// The caption's inline tokens without the leading ": " and the trailing label.
function captionChildren(state: StateCore, inline: Token, text: string): Token[] {
  const children: Token[] = [];
  state.md.inline.parse(text, state.md, state.env, children);
  return children;
}

function appendBibliography(state: StateCore): void {
  const env = state.env as ScienceEnv;
  // Decided for the whole post, so that a block rendered on its own (the incremental preview)
  // agrees with the whole post rendered at once.
  if (!env.science?.engine || env.science.cited.length === 0 || env.science.placed) return;
  const token = new state.Token('bibliography', '', 0);
  token.block = true;
  state.tokens.push(token);
}

function renderCitation(token: Token, env: ScienceEnv): string {
  const { items, inText } = token.meta as { items: CiteItem[]; inText: boolean };
  const engine = env.science?.engine;
  const missing = items.filter((item) => !engine?.has(item.key)).map((item) => item.key);
  if (!engine || missing.length > 0) {
    const title = `Not in the bibliography: ${missing.join(', ')}`;
    const text = items.map((item) => `${item.suppressAuthor ? '-' : ''}@${item.key}`).join('; ');
    return `<span class="citation citation-missing" title="${escapeHtml(title)}">${escapeHtml(inText ? text : `[${text}]`)}</span>`;
  }
  return `<a class="citation" href="#ref-${escapeHtml(items[0]!.key)}">${engine.cite(items, inText)}</a>`;
}

function renderCrossref(key: string, env: ScienceEnv): string {
  const science = env.science!;
  const kind = crossKind(key)!;
  const number = science.numbers.get(key);
  const word = science.words[kind];
  if (number === undefined) {
    const title = `No ${word.toLowerCase()} is labelled {#${key}} in this post`;
    return `<span class="xref xref-missing" title="${escapeHtml(title)}">${escapeHtml(`${word} ?`)}</span>`;
  }
  const text = kind === 'eq' ? `${word} (${number})` : `${word} ${number}`;
  return `<a class="xref" href="#${escapeHtml(key)}">${escapeHtml(text)}</a>`;
}

/// Where `::: {#refs}` stands there is always an element (empty without sources), so every
/// block of the post keeps its element in the preview.
function renderBibliography(env: ScienceEnv, token: Token, attrs: string): string {
  const placed = Boolean((token.meta as { placed?: boolean } | null)?.placed);
  const science = env.science;
  const entries = science?.engine ? science.engine.bibliography() : [];
  if (!science || entries.length === 0) return placed ? `<section class="references" id="refs"${attrs}></section>\n` : '';
  // A hanging indent for author-date lists, inline so that it holds on any blog's theme.
  const style = (entry: { html: string }) => (entry.html.startsWith('<span class="csl-left-margin">') ? 'margin-bottom:0.5em' : 'margin-bottom:0.5em;padding-left:2em;text-indent:-2em');
  const body = entries.map((entry) => `<div class="csl-entry" id="ref-${escapeHtml(entry.key)}" style="${style(entry)}">${entry.html}</div>`).join('\n');
  const heading = placed ? '' : `<h2>${escapeHtml(science.words.references)}</h2>\n`;
  return `<section class="references" id="refs"${attrs}>\n${heading}<div class="csl-bib-body">\n${body}\n</div>\n</section>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
