import { Document, Pair, Scalar, YAMLMap, isMap, isScalar, isSeq, parse, parseDocument, visit } from 'yaml';
import type { Node, ParsedNode, Tags } from 'yaml';

export interface FrontMatterError {
  message: string;
  /** 1-based line in the whole file. */
  line: number;
}

export interface PostFile {
  /** The file started with U+FEFF. */
  bom: boolean;
  /** Dominant line ending of the file; used for any line we add. */
  eol: '\n' | '\r\n';
  /** Raw YAML between the fences exactly as in the file (ends with its line break unless empty); null when the file has none. */
  frontMatter: string | null;
  /** Everything after the closing fence line, exactly as in the file. */
  body: string;
  /** Parsed front matter ({} when none or malformed). */
  data: Record<string, unknown>;
  /** Malformed YAML, or a front matter that is not a mapping. */
  error: FrontMatterError | null;
  /**
   * The fence lines exactly as found (e.g. `---\r\n`, `... \n`, or a closing `---` with no line break at
   * the end of the file). The other fields cannot tell these apart, so without them a round-trip could not
   * be exact. Optional so a PostFile can be built by hand: missing fences are written as `---` + eol.
   */
  fences?: { open: string; close: string };
}

export class FrontMatterInvalidError extends Error {
  override name = 'FrontMatterInvalidError';
  constructor(readonly error: FrontMatterError) {
    super(`The front matter has an error on line ${error.line}: ${error.message}`);
  }
}

const BOM = '\uFEFF';
const OPEN_FENCE = /^---[ \t]*\r?\n/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*$/;
// YAML 1.2 core: timestamps stay the strings the user typed, `yes`/`no` stay strings.
const PARSE_OPTIONS = { schema: 'core', prettyErrors: false, logLevel: 'silent' } as const;

function dominantEol(text: string): '\n' | '\r\n' {
  // Counted, not matched: a list of every line break of a long post is what cost the time.
  let lf = 0;
  let crlf = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    lf++;
    if (at > 0 && text.charCodeAt(at - 1) === 0x0d) crlf++;
  }
  return crlf > lf - crlf ? '\r\n' : '\n';
}

interface Split {
  bom: boolean;
  eol: '\n' | '\r\n';
  frontMatter: string | null;
  body: string;
  fences?: { open: string; close: string };
}

function split(text: string): Split {
  const bom = text.startsWith(BOM);
  const rest = bom ? text.slice(1) : text;
  const eol = dominantEol(rest);
  const open = OPEN_FENCE.exec(rest)?.[0];
  if (open === undefined) return { bom, eol, frontMatter: null, body: rest };
  // Lines are split on \n only: a lone \r is content, as in most editors' view of the file.
  for (let pos = open.length; ; ) {
    const nl = rest.indexOf('\n', pos);
    const lineEnd = nl === -1 ? rest.length : nl;
    let line = rest.slice(pos, lineEnd);
    if (nl !== -1 && line.endsWith('\r')) line = line.slice(0, -1);
    if (CLOSE_FENCE.test(line)) {
      const closeEnd = nl === -1 ? rest.length : nl + 1;
      return {
        bom,
        eol,
        frontMatter: rest.slice(open.length, pos),
        body: rest.slice(closeEnd),
        fences: { open, close: rest.slice(pos, closeEnd) },
      };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  // An opening `---` with no closing fence is not front matter: in markdown a leading `---` can be a
  // thematic break, and guessing where the YAML ends could pull the post's prose into the front matter,
  // where a later field update would rewrite it. The whole text stays body, untouched.
  return { bom, eol, frontMatter: null, body: rest };
}

function lineOf(frontMatter: string, offset: number): number {
  const lines = frontMatter.split('\n').length - (frontMatter.endsWith('\n') ? 1 : 0);
  const before = frontMatter.slice(0, offset).split('\n').length;
  return 1 + Math.min(before, Math.max(lines, 1)); // +1 for the opening fence line
}

/// The file line (fence counted) of the first `key: value` whose value opens a quote or a flow
/// list/map that the same line does not close, or null.
function unclosedValueLine(frontMatter: string): number | null {
  const lines = frontMatter.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const value = /^\s*(?:-\s+)?[^\s#"'][^:#]*:\s+(.*)$/.exec(lines[i] ?? '')?.[1]?.replace(/\r$/, '');
    if (value && !closesOnLine(value)) return i + 2;
  }
  return null;
}

function closesOnLine(value: string): boolean {
  const open = value[0];
  if (open === '"') return /^"(?:[^"\\]|\\.)*"/.test(value);
  if (open === "'") return /^'(?:[^']|'')*'/.test(value);
  if (open === '[' || open === '{') {
    let depth = 0;
    let quote: string | null = null;
    for (const char of value) {
      if (quote) quote = char === quote ? null : quote;
      else if (char === '"' || char === "'") quote = char;
      else if (char === '[' || char === '{') depth++;
      else if (char === ']' || char === '}') depth--;
      else if (char === '#' && depth > 0) break;
      if (depth === 0) return true;
    }
    return false;
  }
  return true;
}

interface Parsed {
  doc: Document.Parsed | null;
  data: Record<string, unknown>;
  error: FrontMatterError | null;
}

function parseFrontMatter(frontMatter: string): Parsed {
  const doc = parseDocument(frontMatter, PARSE_OPTIONS);
  const first = doc.errors[0];
  if (first) {
    const reported = lineOf(frontMatter, first.pos[0]);
    // An unclosed quote or bracket runs on until YAML gives up lines later; name where it opened.
    const opened = first.code === 'MISSING_CHAR' || first.code === 'BAD_INDENT' ? unclosedValueLine(frontMatter) : null;
    return { doc, data: {}, error: { message: first.message, line: opened !== null && opened < reported ? opened : reported } };
  }
  if (doc.contents === null) return { doc, data: {}, error: null };
  if (!isMap(doc.contents)) {
    const message = 'The front matter must be a list of “key: value” fields.';
    return { doc, data: {}, error: { message, line: lineOf(frontMatter, doc.contents.range[0]) } };
  }
  try {
    return { doc, data: doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>, error: null };
  } catch (e) {
    return { doc, data: {}, error: { message: (e as Error).message, line: 2 } };
  }
}

export function parsePostFile(text: string): PostFile {
  const s = split(text);
  return { ...s, ...parseFrontMatterData(s.frontMatter) };
}

/** The file cut into its parts without reading the YAML, for callers that cache what it says. */
export function splitPostFile(text: string): Omit<PostFile, 'data' | 'error'> {
  return split(text);
}

/** What a front matter (as `splitPostFile` cut it) says, or its error. */
export function parseFrontMatterData(frontMatter: string | null): Pick<PostFile, 'data' | 'error'> {
  if (frontMatter === null) return { data: {}, error: null };
  const { data, error } = parseFrontMatter(frontMatter);
  return { data, error };
}

export function serializePostFile(file: PostFile): string {
  const bom = file.bom ? BOM : '';
  if (file.frontMatter === null) return bom + file.body;
  const open = file.fences?.open ?? `---${file.eol}`;
  let close = file.fences?.close ?? `---${file.eol}`;
  // A closing fence at the very end of the file has no line break; the body needs one before it.
  if (file.body !== '' && !close.endsWith('\n')) close += file.eol;
  let yaml = file.frontMatter;
  if (yaml !== '' && !yaml.endsWith('\n')) yaml += file.eol;
  return bom + open + yaml + close + file.body;
}

export function replaceBody(text: string, body: string): string {
  return serializePostFile({ ...split(text), body, data: {}, error: null });
}

// Strings that YAML 1.1 readers (Jekyll's Ruby, many others) or 1.2 core would read as a non-string,
// such as `yes`, `No`, `1_000` or `0o14`, are quoted. Dates stay plain on purpose: blogs want real dates.
const YAML11_WITHOUT_TIMESTAMP = {
  schema: 'yaml-1.1',
  logLevel: 'silent',
  customTags: (tags: Tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
} as const;

function readsAsNonString(s: string): boolean {
  try {
    return typeof parse(s, PARSE_OPTIONS) !== 'string' || typeof parse(s, YAML11_WITHOUT_TIMESTAMP) !== 'string';
  } catch {
    return true;
  }
}

/** `key: value` as YAML lines ('\n'), reusing the old key node (its quoting) and the old value's quote style. */
function renderPair(key: unknown, value: unknown, old: Pair<ParsedNode, ParsedNode | null> | undefined): string {
  const doc = new Document(null, PARSE_OPTIONS);
  const node = doc.createNode(value) as Node;
  const quoteAmbiguous = (s: Scalar) => {
    if (typeof s.value === 'string' && readsAsNonString(s.value)) s.type = Scalar.QUOTE_DOUBLE;
  };
  visit(node, { Scalar: (_, s) => quoteAmbiguous(s) });
  const oldType = isScalar(old?.value) ? old.value.type : undefined;
  // Only single-line: a quoted string spread over lines would leave no room for the old trailing comment.
  if (isScalar(node) && typeof value === 'string' && !value.includes('\n') && (oldType === 'QUOTE_DOUBLE' || oldType === 'QUOTE_SINGLE'))
    node.type = oldType;
  // A list written on one line (`tags: []`, `tags: [a, b]`) stays on one line.
  if (isSeq(node) && isSeq(old?.value) && old.value.flow) node.flow = true;
  // A fresh key node: the old one may carry the comment above it, which stays where it is in the file.
  const keyNode = isScalar(old?.key) ? Object.assign(new Scalar(old.key.value), { type: old.key.type }) : new Scalar(key);
  if (!old) quoteAmbiguous(keyNode);
  const map = new YAMLMap();
  map.items.push(new Pair(keyNode, node));
  doc.contents = map;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
}

/** Compare parsed data, key order included. */
function sameData(a: unknown, b: unknown): boolean {
  const json = (v: unknown) =>
    JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return json(a) === json(b);
}

export function setFrontMatterFields(text: string, fields: Record<string, unknown>): string {
  const file = split(text);
  const entries = Object.entries(fields);
  const toSet = entries.filter(([, v]) => v !== undefined);
  if (file.frontMatter === null) {
    if (toSet.length === 0) return text;
    const yaml = toSet.map(([k, v]) => renderPair(k, v, undefined)).join('\n') + '\n';
    return serializePostFile({ ...file, frontMatter: toEol(yaml, file.eol), body: file.body, data: {}, error: null });
  }
  const { doc, data, error } = parseFrontMatter(file.frontMatter);
  if (error || !doc) throw new FrontMatterInvalidError(error ?? { message: 'Unreadable front matter', line: 2 });

  const expected: Record<string, unknown> = { ...data };
  for (const [k, v] of entries) {
    if (v === undefined) delete expected[k];
    else {
      const value = (parse(renderPair(k, v, undefined), PARSE_OPTIONS) as Record<string, unknown>)[k];
      // defineProperty, not assignment, so a field named `__proto__` is a key like any other.
      Object.defineProperty(expected, k, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const edited = editInPlace(file.frontMatter, doc, fields, file.eol);
  const result = serializePostFile({ ...file, frontMatter: edited, data: {}, error: null });
  const check = parsePostFile(result);
  if (!check.error && sameData(check.data, expected)) return result;

  // Exotic layouts (flow mappings, `? key` entries, anchors) can defeat the in-place edit; let yaml
  // rewrite the block instead, and still only hand back text that reads as intended.
  for (const [k, v] of entries) {
    if (v === undefined) doc.delete(k);
    else doc.set(k, v);
  }
  const rewritten = toEol(doc.toString({ lineWidth: 0 }), file.eol);
  const fallback = serializePostFile({ ...file, frontMatter: rewritten, data: {}, error: null });
  const again = parsePostFile(fallback);
  if (!again.error && sameData(again.data, expected)) return fallback;
  throw new Error('Postwright could not update these front matter fields without changing others.');
}

function toEol(yaml: string, eol: string): string {
  return eol === '\n' ? yaml : yaml.replace(/\n/g, eol);
}

/** Splice each changed pair into the original text; every other byte stays where it was. */
function editInPlace(src: string, doc: Document.Parsed, fields: Record<string, unknown>, eol: string): string {
  const map = isMap(doc.contents) ? doc.contents : null;
  const pairs = (map?.items ?? []) as Pair<ParsedNode, ParsedNode | null>[];
  const first = pairs[0]?.key?.range[0];
  const indent = first === undefined ? '' : src.slice(src.lastIndexOf('\n', first - 1) + 1, first);
  const edits: { from: number; to: number; insert: string }[] = [];
  const appended: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    const pair = pairs.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === k);
    if (!pair?.key) {
      if (v !== undefined) appended.push(indent + renderPair(k, v, undefined).replace(/\n/g, '\n' + indent));
      continue;
    }
    const from = pair.key.range[0];
    const valueEnd = pair.value?.range[1] ?? pair.key.range[2];
    let to = valueEnd;
    while (to > from && /\s/.test(src[to - 1] ?? '')) to--; // keep a trailing comment and the line break
    if (v === undefined) {
      const lineStart = src.lastIndexOf('\n', from - 1) + 1;
      const nl = src.indexOf('\n', to);
      edits.push({ from: lineStart, to: nl === -1 ? src.length : nl + 1, insert: '' });
    } else {
      const rendered = renderPair(k, v, pair).replace(/\n/g, '\n' + indent);
      const lineEnd = src.indexOf('\n', to) === -1 ? src.length : src.indexOf('\n', to);
      const tail = src.slice(to, lineEnd).replace(/\r$/, '');
      // `key: old # note` becoming a block: the note moves up to the key line, where YAML allows it.
      const nl = rendered.indexOf('\n');
      if (nl !== -1 && /^\s+#/.test(tail) && /(?::|[|>][-+0-9]*)$/.test(rendered.slice(0, nl))) {
        edits.push({ from, to: to + tail.length, insert: rendered.slice(0, nl) + tail + rendered.slice(nl) });
      } else edits.push({ from, to, insert: rendered });
    }
  }
  let out = src;
  for (const e of edits.sort((a, b) => b.from - a.from))
    out = out.slice(0, e.from) + toEol(e.insert, eol) + out.slice(e.to);
  if (appended.length > 0) {
    if (out !== '' && !out.endsWith('\n')) out += eol;
    out += toEol(appended.join('\n') + '\n', eol);
  }
  return out;
}
