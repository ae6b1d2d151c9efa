/// The article, kept up to date block by block. `patch` re-parses only the top-level blocks an
/// edit can have changed (see blocks.ts) and hands back their sanitized HTML with where it
/// goes; whenever a block's HTML could depend on text outside the window (link reference
/// definitions, footnotes, duplicate heading ids, raw HTML that is not self-contained) it
/// declines, and the caller renders the whole article with `render`. Either way the result
/// is byte-identical to `renderArticle` of the same body: a property test holds it to that.
import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateCore, Token } from 'markdown-it';
import { assemble, FULL_RENDER_CHARS, planRender, type BudgetEnv } from './budget';
import { changedLines, type ChangedLines, parseBound, resumeBlock, stoppedInside, windowStart, type SourceBlock } from './blocks';
import type { RenderEnv } from './images';
import { createMarkdown, hasRawHtml, type RenderOptions } from './markdown';
import type { DiagramEnv } from './science/diagram';
import { sanitizeArticle, type PurifySource } from './sanitize';
import { scienceContext, type ScienceContext } from './science/context';
import type { ScienceEnv } from './science/plugin';
import { isSelfContained } from './self-contained';
import { slugify } from './slug';
import { isBlankLine, StringLines, type SourceLines } from './source-lines';

interface Block extends SourceBlock {
  /// Heading slugs inside, in order, before they are made unique.
  slugs: string[];
  /// Holds raw HTML that is not self-contained.
  fragile: boolean;
}

interface Rendered {
  key: string;
  source: SourceLines;
  blocks: Block[];
  /// Link reference definitions, from the last full render.
  references: Record<string, unknown> | undefined;
  /// Heading slugs inside footnotes, which come after every block.
  tailSlugs: string[];
  fragile: boolean;
  /// The whole post's numbering and citations, as of the last render or patch.
  science: ScienceContext;
}

interface WindowEnv extends RenderEnv, ScienceEnv, DiagramEnv {
  references?: Record<string, unknown>;
  lineOffset?: number;
  stopAt?: (line: number) => boolean;
}

/// The whole article.
export interface FullRender {
  kind: 'full';
  html: string;
  /// How many top-level elements carry `data-line`, in source order.
  anchors: number;
  /// A footnote section (`<hr class="footnotes-sep">` + `<section>`) ends the article.
  footnotes: boolean;
}

/// The whole article in parts, each made when called (`renderInParts`).
export interface PartedRender {
  kind: 'parts';
  parts: Array<() => string>;
  anchors: number;
  footnotes: boolean;
}

/// Replace the article's nodes from anchor `from` (or the very start) up to anchor `to` (or
/// the footnotes, or the end) with `html`, then add `shift` to every later `data-line`.
export interface BlockPatch {
  kind: 'patch';
  html: string;
  from: number;
  to: number;
  atStart: boolean;
  atEnd: boolean;
  shift: number;
}

// Text that defines or uses something outside its own block: `[label]: url`, `[^note]`, `^[note]`.
const CROSS_REFERENCE = /\]:|\[\^|\^\[/;

export class IncrementalArticle {
  private readonly md = windowMarkdown();
  private rendered: Rendered | null = null;

  constructor(private readonly purify: PurifySource) {}

  /// Renders the whole body and remembers its blocks. `key` names the post and its options.
  render(key: string, body: string, options: RenderOptions = {}): FullRender {
    const full = this.renderWhole(key, body, options, null);
    return full.kind === 'full' ? full : { kind: 'full', html: full.parts.map((part) => part()).join(''), anchors: full.anchors, footnotes: full.footnotes };
  }

  /// As `render`, with the article's HTML made part by part when asked for, so that a long
  /// post can be shown a part at a time: each part holds about `blocksPer` top-level blocks
  /// (the footnotes go with the last), and the parts in order are `render`'s HTML. Parsing
  /// is done here, each part's rendering and sanitizing when it is called. A post that cannot
  /// be cut up so (raw HTML, or over the render budget) comes back whole.
  renderInParts(key: string, body: string, options: RenderOptions = {}, blocksPer = 48): FullRender | PartedRender {
    return this.renderWhole(key, body, options, Math.max(1, blocksPer));
  }

  private renderWhole(key: string, body: string, options: RenderOptions, blocksPer: number | null): FullRender | PartedRender {
    const plan = planRender(normalize(body));
    const text = plan.head;
    const science = options.scienceContext ?? scienceContext(text, options.science ?? {});
    const env: WindowEnv & BudgetEnv = { ...envFor(options, science), plainCode: plan.level !== 'full' };
    const tokens = this.md.parse(text, env);
    const raw = hasRawHtml(tokens);
    const split = blocksPer !== null && plan.level === 'full' && !raw;
    // Rendering resolves image sources in the tokens: done before blocksOf reads them, except
    // when split (then no block holds raw HTML and blocksOf renders nothing).
    const article = split ? null : assemble(plan, sanitizeArticle(this.md.renderer.render(tokens, this.md.options, env), this.purify, { trusted: plan.level !== 'full' || !raw }));
    const blocks = this.blocksOf(tokens);
    const tail = tokens.findIndex((token) => token.type === 'footnote_block_open');
    const footnotes = tail === -1 ? [] : tokens.slice(tail);
    this.rendered = {
      key,
      source: new StringLines(text),
      blocks,
      references: env.references,
      tailSlugs: slugsOf(footnotes),
      science,
      // A very large post is rendered whole (budget.ts). Footnotes must end the article: raw
      // HTML left open in one would reopen after it.
      // So must a bibliography appended after every block (no `::: {#refs}` to hold it).
      fragile: plan.level !== 'full' || tokens.some((token) => token.type === 'bibliography' && !token.map) ||
        blocks.some((block) => block.fragile) || (hasRawHtml(footnotes) && !isSelfContained(this.md.renderer.render(footnotes, this.md.options, {}))),
    };
    const anchored = blocks.filter((block) => block.anchored).length;
    const endsWithFootnotes = tail !== -1 && plan.level !== 'cut';
    if (!article) {
      // Each part is rendered from its own tokens, as a patch renders a window of blocks.
      const parts = partStarts(tokens, blocksPer!).map((start, i, starts) => () =>
        sanitizeArticle(this.md.renderer.render(tokens.slice(start, starts[i + 1] ?? tokens.length), this.md.options, env), this.purify, { trusted: true }),
      );
      return { kind: 'parts', parts, anchors: anchored, footnotes: endsWithFootnotes };
    }
    return { kind: 'full', html: article.html, anchors: anchored + article.paragraphs, footnotes: endsWithFootnotes };
  }

  /// The blocks that changed since the last render or patch, or `null` when only a full
  /// render is sure to be right. The remembered article stays as it was on `null`.
  patch(key: string, body: string, options: RenderOptions = {}): BlockPatch | 'unchanged' | null {
    const old = this.rendered;
    if (!old || old.key !== key || old.fragile) return null;
    const text = normalize(body);
    if (text.length > FULL_RENDER_CHARS) return null;
    const before = old.source instanceof StringLines ? old.source : new StringLines(old.source.text());
    const source = new StringLines(text);
    const change = changedLines(before.value, before.starts, text, source.starts);
    if (!change) return 'unchanged';
    return this.patchLines(key, source, change, options);
  }

  /// As `patch`, told what changed: lines [from, oldTo) of the text last rendered or patched
  /// became lines [from, newTo) of `source`, the rest is the same (the editor knows this from
  /// its own transactions). Reads only the lines near the change, however long the post.
  patchLines(key: string, source: SourceLines, change: ChangedLines, options: RenderOptions = {}): BlockPatch | null {
    const old = this.rendered;
    if (!old || old.key !== key || old.fragile) return null;
    if (source.length > FULL_RENDER_CHARS) return null;
    const before = old.source;
    const window = windowStart(old.blocks, change, (line) => isBlankLine(before, line));
    const offset = source.start(window.startLine);
    if (CROSS_REFERENCE.test(source.slice(offset, source.start(change.newTo)))) return null;

    // Numbers and citations depend on the whole post: an edit that can move one renders all.
    const science = this.scienceAfter(old, change, source, options);
    if (!science) return null;

    const shift = change.newTo - change.oldTo;
    const isBlank = (line: number) => isBlankLine(source, line);
    const bound = parseBound(old.blocks, change, source.lines);
    const parse = (endLine: number) => {
      let stop = -1;
      const env: WindowEnv = {
        ...envFor(options, science),
        lineOffset: window.startLine,
        stopAt: (line) => (stop = resumeBlock(old.blocks, change, line + window.startLine)) !== -1,
      };
      if (old.references) env.references = { ...old.references };
      const tokens = this.md.parse(source.slice(offset, source.start(endLine)), env);
      return { tokens, env, stop };
    };
    // First up to a few blocks past the change; the whole rest only if that was too short.
    let parsed = parse(bound);
    const stopLine = parsed.stop === -1 ? -1 : old.blocks[parsed.stop]!.start + shift;
    if (bound < source.lines && (stopLine === -1 || !stoppedInside(stopLine, bound, isBlank))) parsed = parse(source.lines);
    const { tokens, env, stop } = parsed;

    const end = stop === -1 ? old.blocks.length : stop;
    const oldEnd = stop === -1 ? before.length : before.start(old.blocks[stop]!.start);
    const newEnd = stop === -1 ? source.length : source.start(old.blocks[stop]!.start + shift);
    if (CROSS_REFERENCE.test(before.slice(offset, oldEnd)) || CROSS_REFERENCE.test(source.slice(offset, newEnd))) return null;
    const blocks = this.blocksOf(tokens);
    if (blocks.some((block) => block.fragile) || !idsStayPut(old, window.first, end, blocks)) return null;

    const html = sanitizeArticle(this.md.renderer.render(tokens, this.md.options, env), this.purify, { trusted: !hasRawHtml(tokens) });
    const from = anchorsBefore(old.blocks, window.first);
    const to = anchorsBefore(old.blocks, end);
    old.blocks.splice(window.first, end - window.first, ...blocks);
    for (let i = window.first + blocks.length; i < old.blocks.length; i++) old.blocks[i]!.start += shift;
    old.source = source;
    return { kind: 'patch', html, from, to, atStart: window.atStart, atEnd: stop === -1, shift };
  }

  /// The science context for the edited text: the old one when the edit cannot have changed
  /// it, null when it did change (then every block citing or numbering may read differently).
  /// Only an edit of a citation, a label, code or math reads the whole text.
  private scienceAfter(old: Rendered, change: ChangedLines, source: SourceLines, options: RenderOptions): ScienceContext | null {
    if (options.scienceContext) return options.scienceContext.fingerprint === old.science.fingerprint ? old.science : null;
    const before = old.source.slice(old.source.start(change.from), old.source.start(change.oldTo));
    const after = source.slice(source.start(change.from), source.start(change.newTo));
    if (!SCIENCE_SENSITIVE.test(before) && !SCIENCE_SENSITIVE.test(after)) return old.science;
    const fresh = scienceContext(source.text(), options.science ?? {});
    return fresh.fingerprint === old.science.fingerprint ? old.science : null;
  }

  /// Forgets the article: the next `patch` declines.
  reset(): void {
    this.rendered = null;
  }

  private blocksOf(tokens: Token[]): Block[] {
    const blocks: Block[] = [];
    let from = 0;
    let raw = false;
    const finish = (to: number) => {
      const block = blocks.at(-1);
      if (!block || !raw) return;
      // Without resolveAsset: rendering resolves image sources in the tokens themselves.
      const html = this.md.renderer.render(tokens.slice(from, to), this.md.options, {});
      block.fragile = !isSelfContained(html, block.anchored);
    };
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.level === 0 && token.nesting !== -1) {
        finish(i);
        raw = false;
        if (!token.map) return blocks; // the footnote section, which no source line owns
        blocks.push({ start: token.map[0], anchored: token.type !== 'html_block', slugs: [], fragile: false });
        from = i;
      }
      if (hasRawHtml([token])) raw = true;
      if (token.type === 'heading_open') blocks.at(-1)?.slugs.push(headingSlug(tokens[i + 1]));
    }
    finish(tokens.length);
    return blocks;
  }
}

/// A markdown-it for whole articles and for windows: with `env.lineOffset` its tokens carry
/// the post's line numbers, and `env.stopAt` ends the parse at a top-level block start.
function windowMarkdown(): MarkdownIt {
  const md = createMarkdown('article');
  md.block.ruler.before('table', 'window_end', (state: StateBlock, startLine: number, endLine: number) => {
    if (state.level !== 0 || !(state.env as WindowEnv).stopAt?.(startLine)) return false;
    state.line = endLine;
    return true;
  });
  md.core.ruler.before('block_lines', 'window_lines', (state: StateCore) => {
    const offset = (state.env as WindowEnv).lineOffset;
    if (!offset) return;
    for (const token of state.tokens) if (token.map) token.map = [token.map[0] + offset, token.map[1] + offset];
  });
  return md;
}

// Text whose edit can change a citation, a label or what hides them (code, math).
const SCIENCE_SENSITIVE = /[@`~$]|\{#/;

function envFor(options: RenderOptions, science: ScienceContext): WindowEnv {
  const env: WindowEnv = options.resolveAsset ? { resolveAsset: options.resolveAsset, science } : { science };
  if (options.diagrams) env.diagrams = options.diagrams;
  return env;
}

// markdown-it reads "\r\n" and a lone "\r" as line breaks; so do the line numbers here.
function normalize(body: string): string {
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
}

/// Where each part's tokens begin: at a top-level block, every `blocksPer` blocks. Whatever
/// no source line owns (footnotes, a bibliography) ends the last part.
function partStarts(tokens: Token[], blocksPer: number): number[] {
  const starts = [0];
  let blocks = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level !== 0 || token.nesting === -1) continue;
    if (!token.map) break;
    if (blocks === blocksPer) {
      starts.push(i);
      blocks = 0;
    }
    blocks++;
  }
  return starts;
}

function anchorsBefore(blocks: readonly Block[], index: number): number {
  let count = 0;
  for (let i = 0; i < index; i++) if (blocks[i]!.anchored) count++;
  return count;
}

/// What markdown-it-anchor slugs: the heading's text and inline code.
function headingSlug(inline: Token | undefined): string {
  const text = (inline?.children ?? []).filter((child) => child.type === 'text' || child.type === 'code_inline');
  return slugify(text.map((child) => child.content).join(''));
}

function slugsOf(tokens: Token[]): string[] {
  return tokens.flatMap((token, i) => (token.type === 'heading_open' ? [headingSlug(tokens[i + 1])] : []));
}

/// Heading ids are made unique across the article in order ("intro", "intro-1"), so a window
/// may be patched only if its own ids come out as in a full render and no id after it moves.
function idsStayPut(old: Rendered, first: number, end: number, blocks: Block[]): boolean {
  const oldMid = old.blocks.slice(first, end).flatMap((block) => block.slugs);
  const newMid = blocks.flatMap((block) => block.slugs);
  if (oldMid.length === 0 && newMid.length === 0) return true;
  const before = old.blocks.slice(0, first).flatMap((block) => block.slugs);
  const after = [...old.blocks.slice(end).flatMap((block) => block.slugs), ...old.tailSlugs];
  const oldIds = uniqueIds([...before, ...oldMid, ...after]);
  const newIds = uniqueIds([...before, ...newMid, ...after]);
  const local = uniqueIds(newMid);
  return (
    local.every((id, k) => id === newIds[before.length + k]) &&
    after.every((_, k) => oldIds[before.length + oldMid.length + k] === newIds[before.length + newMid.length + k])
  );
}

// As markdown-it-anchor does it, own-property quirks included.
function uniqueIds(slugs: string[]): string[] {
  const used: Record<string, boolean> = {};
  return slugs.map((slug) => {
    let id = slug;
    for (let n = 1; Object.prototype.hasOwnProperty.call(used, id); n++) id = `${slug}-${n}`;
    used[id] = true;
    return id;
  });
}
