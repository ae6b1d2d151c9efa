/// What a blog did to the post it was sent. Some platforms filter HTML on the way in (WordPress
/// removes `<math>`, `<iframe>` and more for users without the `unfiltered_html` capability) and
/// still answer "created". Comparing what was sent with what was stored, block by block, tells
/// the blogger what their readers will not see.

/// Constructs a filter may remove, with how a blogger calls them.
const CONSTRUCTS: ReadonlyArray<readonly [what: string, pattern: RegExp]> = [
  ['formulas (MathML <math>)', /<math[\s>]/gi],
  ['embedded players and maps (<iframe>)', /<iframe[\s>]/gi],
  ['drawings (<svg>)', /<svg[\s>]/gi],
  ['videos and audio (<video>, <audio>)', /<(?:video|audio)[\s>]/gi],
  ['inline styles (style=…, which carry code colours)', /<[^>]+\sstyle="/gi],
  ['anchors (id=…, which heading and footnote links point to)', /<[^>]+\sid="/gi],
];

/// How describeDifferences names removed formulas; the fix for them is "math as images".
export const FORMULAS = CONSTRUCTS[0]![0];

/// A top-level block of WordPress block markup, or the whole text where there are none.
export interface StoredBlock {
  name: string;
  markup: string;
}

const COMMENT = /<!--\s+(\/)?wp:([a-z][a-z0-9_/-]*)\s+(?:\{[\s\S]*?\}\s+)?(\/)?-->/g;

export function topLevelBlocks(content: string): StoredBlock[] {
  const blocks: StoredBlock[] = [];
  let depth = 0;
  let start = 0;
  let name = '';
  for (const match of content.matchAll(COMMENT)) {
    const [text, closing, blockName, selfClosing] = match;
    const at = match.index;
    if (selfClosing) {
      if (depth === 0) blocks.push({ name: blockName!, markup: text });
    } else if (!closing) {
      if (depth === 0) {
        start = at;
        name = blockName!;
      }
      depth++;
    } else if (--depth === 0) {
      blocks.push({ name, markup: content.slice(start, at + text.length) });
    }
  }
  return blocks.length > 0 ? blocks : [{ name: 'classic', markup: content }];
}

export interface Difference {
  /// "formulas (MathML <math>)"; null when something else changed.
  what: string | null;
  /// How many were sent, how many were kept.
  sent: number;
  kept: number;
  /// How many blocks, and of which kinds: "html", "code".
  blockCount: number;
  blocks: string[];
}

/// What the stored content lost against the sent one, by construct, over all blocks.
export function compareStored(sent: string, stored: string): Difference[] {
  if (normalized(sent) === normalized(stored)) return [];
  const a = topLevelBlocks(sent);
  const b = topLevelBlocks(stored);
  // Filters change blocks' insides, not their number; if the number differs, compare the whole.
  const pairs = a.length === b.length ? a.map((block, i) => [block, b[i]!] as const) : [[{ name: 'the post', markup: sent }, { name: 'the post', markup: stored }] as const];
  const found = new Map<string | null, Difference>();
  for (const [mine, theirs] of pairs) {
    if (normalized(mine.markup) === normalized(theirs.markup)) continue;
    let explained = false;
    for (const [what, pattern] of CONSTRUCTS) {
      const sentCount = mine.markup.match(pattern)?.length ?? 0;
      const keptCount = theirs.markup.match(pattern)?.length ?? 0;
      if (keptCount >= sentCount) continue;
      explained = true;
      add(found, what, sentCount, keptCount, mine.name);
    }
    if (!explained) add(found, null, 1, 0, mine.name);
  }
  return [...found.values()];
}

/// What a platform that renders its own HTML from what it keeps (Ghost) lost, by construct:
/// its markup differs from what was sent everywhere, so only fewer formulas, players, drawings,
/// styles or anchors count.
export function lostConstructs(sent: string, rendered: string): Difference[] {
  const found = new Map<string | null, Difference>();
  for (const [what, pattern] of CONSTRUCTS) {
    const sentCount = sent.match(pattern)?.length ?? 0;
    const keptCount = rendered.match(pattern)?.length ?? 0;
    if (keptCount < sentCount) add(found, what, sentCount, keptCount, 'the post');
  }
  return [...found.values()];
}

/// WordPress's HTML filter rewrites without changing anything a reader sees: `<img/>` becomes
/// `<img />`, and spacing inside tags may change.
function normalized(html: string): string {
  return html.replace(/\s*\/>/g, '>').replace(/\s+/g, ' ').trim();
}

function add(found: Map<string | null, Difference>, what: string | null, sent: number, kept: number, block: string): void {
  const entry = found.get(what) ?? { what, sent: 0, kept: 0, blockCount: 0, blocks: [] };
  entry.sent += sent;
  entry.kept += kept;
  entry.blockCount++;
  if (!entry.blocks.includes(block)) entry.blocks.push(block);
  found.set(what, entry);
}

/// The differences in plain words, one line each.
export function describeDifferences(differences: Difference[], blog: string): string[] {
  return differences.map((d) => {
    const where = `${d.blockCount} ${d.blockCount === 1 ? 'block' : 'blocks'}`;
    if (d.what === null) return `${blog} changed the content of ${where} (${d.blocks.join(', ')}) when it stored the post.`;
    const removed = d.kept === 0 ? 'removed all' : `removed ${d.sent - d.kept} of ${d.sent}`;
    return `${blog} ${removed} ${d.what} from ${where} when it stored the post: readers will not see them.`;
  });
}
