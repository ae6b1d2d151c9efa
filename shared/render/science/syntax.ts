/// Pandoc's citation syntax and pandoc-crossref's labels, read without markdown-it so that the
/// whole post can be numbered before any one block is rendered (the preview renders blocks one
/// at a time; a citation's number depends on every citation before it).

/// A citation key: starts with a letter, digit or `_`; inner punctuation (`:.#$%&-+?<>~/`)
/// only between word characters, so "@smith2020." cites smith2020.
export const KEY = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*/uy;

export type CrossKind = 'fig' | 'tbl' | 'eq';
export const CROSS_KINDS: readonly CrossKind[] = ['fig', 'tbl', 'eq'];
export const CROSS_REF = /^(fig|tbl|eq):[\p{L}\p{N}_-]+$/u;

export function crossKind(key: string): CrossKind | null {
  const match = CROSS_REF.exec(key);
  return match ? (match[1] as CrossKind) : null;
}

export interface CiteItem {
  key: string;
  prefix: string;
  suffix: string;
  locator?: string;
  label?: string;
  suppressAuthor: boolean;
}

/// Reads a key at `pos` (just after `@`). Returns its end, or -1.
export function readKey(src: string, pos: number): number {
  KEY.lastIndex = pos;
  return KEY.test(src) ? KEY.lastIndex : -1;
}

/// `@` can start a citation only where an e-mail address cannot: at the start or after a
/// character that is not a letter, digit or one of an address's own characters.
export function canStartCitation(src: string, at: number): boolean {
  if (at === 0) return true;
  return !/[\p{L}\p{N}_.+\-@]/u.test(src[at - 1]!);
}

const LOCATOR_LABELS: Record<string, string> = {
  'p.': 'page', 'pp.': 'page', page: 'page', pages: 'page', 'chap.': 'chapter', 'ch.': 'chapter', chapter: 'chapter',
  'sec.': 'section', section: 'section', 'fig.': 'figure', figure: 'figure', 'vol.': 'volume', volume: 'volume',
  'para.': 'paragraph', 'no.': 'issue', 'l.': 'line', 'll.': 'line',
};

/// The inside of `[...]` as a list of cited items, or null when it is not a citation
/// (pandoc: every `;`-separated part names exactly one key).
export function parseCluster(inner: string): CiteItem[] | null {
  const parts = inner.split(';');
  const items: CiteItem[] = [];
  for (const part of parts) {
    const at = findKeyStart(part);
    if (at === -1) return null;
    const suppress = part[at - 1] === '-' && (at === 1 || /\s/.test(part[at - 2]!));
    const keyEnd = readKey(part, at + 1);
    if (keyEnd === -1) return null;
    const prefix = part.slice(0, suppress ? at - 1 : at).trim();
    let rest = part.slice(keyEnd);
    const item: CiteItem = { key: part.slice(at + 1, keyEnd), prefix, suffix: '', suppressAuthor: suppress };
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trim();
      const locator = /^(\S+\.?)\s+([\dIVXLCivxlc][\w\-–,]*)(.*)$/su.exec(rest);
      const bare = /^(\d[\w\-–]*)(.*)$/su.exec(rest);
      if (locator && LOCATOR_LABELS[locator[1]!.toLowerCase()]) {
        item.label = LOCATOR_LABELS[locator[1]!.toLowerCase()];
        item.locator = locator[2]!.replace(/,$/, '');
        item.suffix = locator[3]!.trim();
      } else if (bare) {
        item.label = 'page';
        item.locator = bare[1]!;
        item.suffix = bare[2]!.trim();
      } else {
        item.suffix = rest;
      }
    } else {
      item.suffix = rest.trim();
    }
    items.push(item);
  }
  return items;
}

function findKeyStart(part: string): number {
  for (let i = part.indexOf('@'); i !== -1; i = part.indexOf('@', i + 1)) {
    if (canStartCitation(part, i) || part[i - 1] === '-') return i;
  }
  return -1;
}

export interface ScienceScan {
  /// Cited keys in order of first citation; `bracketed` ones are citations even when unknown.
  cites: { key: string; bracketed: boolean }[];
  /// Labels in order, per kind.
  labels: { kind: CrossKind; id: string }[];
  /// A `::: {#refs}` line says where the bibliography goes; without one it ends the post.
  placed: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LABEL = /\{#((fig|tbl|eq):[\p{L}\p{N}_-]+)\}/gu;
export const REFS_DIV = /^ {0,3}:::+\s*\{#refs\}\s*$/;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/// One linear pass over the body: fenced code is skipped, inline code is blanked. A key the scan
/// counts that the parser then does not cite (one inside math) costs nothing; one it missed would
/// be cited unnumbered, so the scan errs on the side of counting.
export function scanScience(body: string): ScienceScan {
  const cites: ScienceScan['cites'] = [];
  const labels: ScienceScan['labels'] = [];
  const seen = new Map<string, { key: string; bracketed: boolean }>();
  let placed = false;
  let fence: string | null = null;
  for (const rawLine of body.split('\n')) {
    const fenceMatch = FENCE.exec(rawLine);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && rawLine.trim() === fenceMatch[1]) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    if (!rawLine.includes('@') && !rawLine.includes('{#')) continue;
    if (REFS_DIV.test(rawLine)) placed = true;
    const line = rawLine.replace(CODE_SPAN, (m) => ' '.repeat(m.length));
    for (const match of line.matchAll(LABEL)) labels.push({ kind: match[2] as CrossKind, id: match[1]! });
    const text = line;
    if (!text.includes('@')) continue;
    // One pass: where the nearest `]` after each place is, then left to right with the last
    // `[` and `]` seen, so that a long line of citations costs its length, not its square.
    const nextClose = new Int32Array(text.length + 1).fill(-1);
    for (let i = text.length - 1, close = -1; i >= 0; i--) {
      if (text.charCodeAt(i) === 0x5d) close = i;
      nextClose[i] = close;
    }
    let lastOpen = -1;
    let lastClose = -1;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 0x5b) lastOpen = at;
      else if (code === 0x5d) lastClose = at;
      if (code !== 0x40) continue;
      if (!canStartCitation(text, at) && text[at - 1] !== '-') continue;
      const end = readKey(text, at + 1);
      if (end === -1) continue;
      const key = text.slice(at + 1, end);
      if (crossKind(key)) continue;
      const close = nextClose[at]!;
      const bracketed = lastOpen > lastClose && close !== -1 && text[close + 1] !== '(' && text[close + 1] !== '[';
      const known = seen.get(key);
      if (known) {
        if (bracketed) known.bracketed = true;
        continue;
      }
      const cite = { key, bracketed };
      seen.set(key, cite);
      cites.push(cite);
    }
  }
  return { cites, labels, placed };
}
