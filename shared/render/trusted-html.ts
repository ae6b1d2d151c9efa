/// The sanitized form of HTML the pipeline wrote itself (markdown-it, KaTeX, highlight.js),
/// without a DOM. Such HTML holds no markup from the post, only escaped text, so sanitizing it
/// changes nothing but spelling: the browser's serializer writes `"` for `&quot;`, `&nbsp;`
/// for U+00A0, `<path></path>` for `<path/>`. This pass makes those same changes in one linear
/// scan, and gives up (null) on anything it does not know, so that the caller hands that
/// article to DOMPurify as before. A differential test holds it to DOMPurify's output.

// Tags and attributes the pipeline writes and DOMPurify keeps as they are. Anything else: null.
const HTML_TAGS = new Set([
  'a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'img', 'input', 'li', 'ol', 'p', 'pre', 's', 'section', 'span', 'strong', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const FOREIGN_TAGS = new Set([
  'svg', 'path', 'line', 'g', 'rect',
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup', 'mfrac',
  'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'mtable', 'mtr', 'mtd', 'mover', 'munder', 'munderover', 'menclose',
]);
const VOID = new Set(['br', 'hr', 'img', 'input']);
// Elements a `<p>` may not hold: the parser would close the paragraph before them.
const CLOSES_P = new Set(['blockquote', 'div', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'figcaption']);
// Where text other than whitespace would be moved out of the table by the parser.
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tr']);

const ATTRIBUTES = new Set([
  'alt', 'aria-hidden', 'checked', 'class', 'data-line', 'disabled', 'encoding', 'height', 'href', 'id', 'loading', 'src',
  'start', 'style', 'title', 'type', 'width', 'xmlns', 'viewBox', 'preserveAspectRatio', 'd', 'x1', 'x2', 'y1', 'y2',
  'stroke-width', 'mathvariant', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'minsize', 'maxsize', 'accent',
  'accentunder', 'scriptlevel', 'displaystyle', 'columnalign', 'rowspacing', 'columnspacing', 'rowlines', 'columnlines',
  'notation', 'mathcolor', 'mathbackground', 'linethickness', 'voffset', 'depth', 'movablelimits', 'symmetric', 'largeop',
  'display', 'form', 'rowalign', 'frame', 'framespacing', 'equalrows', 'equalcolumns', 'mathsize', 'fill', 'stroke', 'x', 'y',
]);
// DOMPurify checks every other attribute's value as a URL (see sanitize.ts ALLOWED_URI).
const NOT_URL = new Set(['alt', 'class', 'id', 'style', 'title', 'xmlns']);
// As DOMPurify strips them before that check.
// eslint-disable-next-line no-control-regex
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
// DOMPurify drops attribute values that could end a comment or a raw-text element in XML.
const XML_UNSAFE = /((--!?|])>)|<\/(style|title)/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export interface TrustedRules {
  allowedUri: RegExp;
  unsafeCss: RegExp;
}

// Any surrogate at all: only then is the costlier search for a lone one worth running.
const SURROGATE = /[\ud800-\udfff]/;

export function serializeTrusted(html: string, rules: TrustedRules): string | null {
  if (SURROGATE.test(html) && LONE_SURROGATE.test(html)) return null;
  const known = tagsFor(rules);
  const open: string[] = [];
  let foreign = 0;
  // Most of the pipeline's HTML is already spelled as the serializer would: stretches of it are
  // copied whole, and only what is spelled differently is written anew (far less garbage).
  let out = '';
  let copied = 0;
  const respell = (from: number, to: number, text: string): void => {
    out += html.slice(copied, from) + text;
    copied = to;
  };
  const close = (name: string): boolean => {
    if (open.pop() !== name) return false;
    if (name === 'svg' || name === 'math') foreign--;
    return true;
  };
  let at = 0;
  while (at < html.length) {
    // Text up to the next tag: most of it has nothing to decode or escape, and is passed over.
    PLAIN_TEXT.lastIndex = at;
    PLAIN_TEXT.test(html);
    const plainEnd = PLAIN_TEXT.lastIndex;
    const next = plainEnd < html.length && html.charCodeAt(plainEnd) !== 0x3c ? html.indexOf('<', plainEnd) : plainEnd;
    const lt = next === -1 ? html.length : next;
    if (plainEnd < lt) {
      const raw = html.slice(at, lt);
      const text = decode(raw);
      if (text === null) return null;
      const escaped = escapeText(text);
      if (escaped !== raw) respell(at, lt, escaped);
    }
    if (lt > at) {
      const parent = open[open.length - 1];
      if (parent !== undefined && TABLE_PARTS.has(parent) && NOT_SPACE.test(html.slice(at, lt))) return null;
    }
    if (lt === html.length) break;

    // The closing tag of the element open here, written plainly: the commonest tag of all.
    if (html.charCodeAt(lt + 1) === 0x2f) {
      const name = open[open.length - 1];
      if (name !== undefined && html.startsWith(name, lt + 2) && html.charCodeAt(lt + 2 + name.length) === 0x3e) {
        close(name);
        at = lt + 3 + name.length;
        continue;
      }
    }

    const tag = tagAt(html, lt, rules, known);
    if (!tag) return null;
    at = lt + tag.length;
    if (tag.closing) {
      if (!close(tag.name)) return null;
      // `</name>` exactly, unless written with spaces before its `>`.
      if (tag.length !== tag.name.length + 3) respell(lt, at, `</${tag.name}>`);
      continue;
    }
    const inForeign = foreign > 0 || tag.name === 'svg' || tag.name === 'math';
    if (inForeign ? !FOREIGN_TAGS.has(tag.name) : !HTML_TAGS.has(tag.name)) return null;
    if (!inForeign && (tag.upperCaseAttribute || !valid(tag.name, open))) return null;
    // The parser drops a line break right after <pre>.
    if (tag.name === 'pre' && html.charCodeAt(at) === 0x0a) return null;
    // `<br/>` loses its slash; `<path/>` becomes `<path></path>`; `<p/>` is not the pipeline's.
    const isVoid = VOID.has(tag.name) && !inForeign;
    if (tag.selfClosing && !isVoid && !inForeign) return null;
    const pair = tag.selfClosing && !isVoid;
    if (tag.attributes !== null) respell(lt, at, pair ? `<${tag.name}${tag.attributes}></${tag.name}>` : `<${tag.name}${tag.attributes}>`);
    if (isVoid || pair) continue;
    if (tag.name === 'svg' || tag.name === 'math') foreign++;
    open.push(tag.name);
  }
  if (open.length !== 0) return null;
  return copied === 0 ? html : out + html.slice(copied);
}

// Text with nothing to decode or escape, up to a `<` (sticky: from lastIndex on).
const PLAIN_TEXT = /[^<&>\u00a0]*/y;
const NOT_SPACE = /[^ \t\n\f\r]/;

/// What a tag is, apart from where it stands: its name, and its attributes as the serializer
/// writes them (null when the tag is already written so), or null for a tag to step aside on.
interface KnownTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /// Characters the tag takes in the page.
  length: number;
  attributes: string | null;
  /// An attribute name with capitals (kept only inside SVG or MathML).
  upperCaseAttribute: boolean;
}

// Spellings judged per set of rules; bounded, so a long-running host does not grow with posts.
const MAX_KNOWN_TAGS = 4_000;
const knownTags = new WeakMap<TrustedRules, Map<string, KnownTag | null>>();

function tagsFor(rules: TrustedRules): Map<string, KnownTag | null> {
  let known = knownTags.get(rules);
  if (!known) knownTags.set(rules, (known = new Map()));
  return known;
}

/// The tag at `lt`. It is read and judged once per spelling: the same `<span class="mord">`
/// recurs thousands of times in a post with math or code. A spelling is only remembered when,
/// read on its own, it ends where it ends in the page, so reading it in place would end there
/// too; one that does not (a quoted `>`) is read in place and not remembered.
function tagAt(html: string, lt: number, rules: TrustedRules, known: Map<string, KnownTag | null>): KnownTag | null {
  const gt = html.indexOf('>', lt);
  if (gt !== -1) {
    const spelling = html.slice(lt, gt + 1);
    const remembered = known.get(spelling);
    if (remembered !== undefined) return remembered;
    const read = readTag(spelling, 0);
    if (read !== null && read.end === spelling.length) {
      const tag = judge(read, rules);
      if (known.size >= MAX_KNOWN_TAGS) known.clear();
      known.set(spelling, tag);
      return tag;
    }
  }
  const read = readTag(html, lt);
  return read && judge(read, rules);
}

function judge(tag: Tag, rules: TrustedRules): KnownTag | null {
  const { name, closing, selfClosing, attributes: attrs } = tag;
  const length = tag.end - tag.start;
  if (closing) return { name, closing, selfClosing, length, attributes: null, upperCaseAttribute: false };
  let same = tag.plain;
  let upperCaseAttribute = false;
  let written = '';
  for (let i = 0; i < attrs.length; i++) {
    const [attr, raw] = attrs[i]!;
    // DOMPurify trims every value (a link title spread over lines).
    const value = decode(raw)?.trim() ?? null;
    if (value === null || !ATTRIBUTES.has(attr) || !attributeKept(attr, value, name, rules)) return null;
    if (attr !== attr.toLowerCase()) upperCaseAttribute = true;
    for (let j = 0; j < i; j++) if (attrs[j]![0] === attr) return null;
    const spelled = escapeAttribute(value);
    if (spelled !== raw) same = false;
    written += ` ${attr}="${spelled}"`;
  }
  return { name, closing, selfClosing, length, attributes: same && !selfClosing ? null : written, upperCaseAttribute };
}

function valid(name: string, open: readonly string[]): boolean {
  const parent = open[open.length - 1];
  if (parent === 'p' && CLOSES_P.has(name)) return false;
  if (name === 'a' && open.includes('a')) return false;
  if (parent !== undefined && TABLE_PARTS.has(parent)) {
    const child = parent === 'table' ? ['thead', 'tbody'] : parent === 'tr' ? ['th', 'td'] : ['tr'];
    return child.includes(name);
  }
  return true;
}

function attributeKept(name: string, value: string, tag: string, rules: TrustedRules): boolean {
  if (XML_UNSAFE.test(value)) return false;
  if (name === 'style' && rules.unsafeCss.test(value)) return false;
  if (NOT_URL.has(name) || name.startsWith('aria-') || name.startsWith('data-')) return true;
  if (tag === 'input' && name === 'type' && value !== 'checkbox') return false;
  return value === '' || rules.allowedUri.test(value.replace(ATTR_WHITESPACE, ''));
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: Array<[string, string]>;
  start: number;
  end: number;
  /// Written `<name a="v" b="v">`: one space before each attribute, double quotes, no slash.
  plain: boolean;
}

function isNameCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0c || code === 0x0d;
}

/// A tag as the pipeline writes it: `<name a="v" b='v' c>`, `</name>`, `<name/>`.
function readTag(html: string, lt: number): Tag | null {
  let i = lt + 1;
  const closing = html.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const nameStart = i;
  while (isNameCode(html.charCodeAt(i))) i++;
  if (i === nameStart) return null;
  const name = html.slice(nameStart, i);
  if (name !== name.toLowerCase()) return null;
  const attributes: Array<[string, string]> = [];
  let plain = true;
  for (;;) {
    const before = i;
    while (isSpace(html.charCodeAt(i))) i++;
    const code = html.charCodeAt(i);
    if (code === 0x3e) return { name, closing, selfClosing: false, attributes, start: lt, end: i + 1, plain: plain && i === before };
    if (code === 0x2f && html.charCodeAt(i + 1) === 0x3e) return { name, closing, selfClosing: true, attributes, start: lt, end: i + 2, plain: false };
    if (closing || i === before) return null;
    if (i !== before + 1 || html.charCodeAt(before) !== 0x20) plain = false;
    const attrStart = i;
    while (isNameCode(html.charCodeAt(i)) || html.charCodeAt(i) === 0x3a) i++;
    if (i === attrStart) return null;
    const attr = html.slice(attrStart, i);
    if (html.charCodeAt(i) !== 0x3d) {
      attributes.push([attr, '']);
      plain = false;
      continue;
    }
    const quote = html.charCodeAt(i + 1);
    if (quote !== 0x22 && quote !== 0x27) return null;
    if (quote !== 0x22) plain = false;
    const close = html.indexOf(quote === 0x22 ? '"' : "'", i + 2);
    if (close === -1) return null;
    attributes.push([attr, html.slice(i + 2, close)]);
    i = close + 1;
  }
}

const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g;

/// Character references resolved; null for a name this pass does not know.
function decode(text: string): string | null {
  if (!text.includes('&')) return text;
  let unknown = false;
  const decoded = text.replace(REFERENCE, (whole, body: string) => {
    if (body[0] !== '#') {
      const char = NAMED[body];
      if (char === undefined) unknown = true;
      return char ?? whole;
    }
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // The parser maps these to U+FFFD or to Windows-1252; leave them to DOMPurify.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x80 && code <= 0x9f)) unknown = true;
    return unknown ? whole : String.fromCodePoint(code);
  });
  // A bare `&` left over means the text was not escaped by the pipeline.
  return unknown || text.replace(REFERENCE, '').includes('&') ? null : decoded;
}

function escapeText(text: string): string {
  return /[&<>\u00a0]/.test(text) ? text.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

function escapeAttribute(value: string): string {
  return /[&"<>\u00a0]/.test(value)
    ? value.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : value;
}
