import MarkdownIt from 'markdown-it';

/// A port of the CommonMark spec runner's `normalize.py`: the comparison the
/// official `spec_tests.py` makes. Whitespace runs collapse to one space outside
/// <pre>, whitespace around block-level tags goes, `<br />` becomes `<br>`,
/// attributes are sorted, and references become characters (except < > & ").
/// The Python parser is replaced by a small tokenizer with the same events.

const BLOCK_TAGS = new Set([
  'article', 'header', 'aside', 'hgroup', 'blockquote', 'hr', 'iframe', 'body', 'li', 'map', 'button',
  'object', 'canvas', 'ol', 'caption', 'output', 'col', 'p', 'colgroup', 'pre', 'dd', 'progress', 'div',
  'section', 'dl', 'table', 'td', 'dt', 'tbody', 'embed', 'textarea', 'fieldset', 'tfoot', 'figcaption',
  'th', 'figure', 'thead', 'footer', 'tr', 'form', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'video',
  'script', 'style',
]);

const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/y;
const COMMENT = /<!--([\s\S]*?)-->/y;
const DECL = /<!([^>]*)>/y;
const PI = /<\?([^>]*)>/y;
const END_TAG = /<\/([a-zA-Z][^\s>/]*)\s*>/y;
const START_TAG =
  /<([a-zA-Z][^\s>/]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const REF = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/y;

const { unescapeAll } = new MarkdownIt().utils;

type Last = 'starttag' | 'endtag' | 'data' | 'comment' | 'decl' | 'pi' | 'ref';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function normalizeHtml(html: string): string {
  let output = '';
  let last: Last = 'starttag';
  let lastTag = '';
  let inPre = false;

  const data = (text: string): void => {
    const afterTag = last === 'endtag' || last === 'starttag';
    const afterBlockTag = afterTag && BLOCK_TAGS.has(lastTag);
    if (afterTag && lastTag === 'br') text = text.replace(/^\n+/, '');
    if (!inPre) text = text.replace(/\s+/g, ' ');
    if (afterBlockTag && !inPre) {
      if (last === 'starttag') text = text.trimStart();
      else text = text.trim();
    }
    output += text;
    last = 'data';
  };
  const startTag = (tag: string, rawAttrs: string): void => {
    if (tag === 'pre') inPre = true;
    if (BLOCK_TAGS.has(tag)) output = output.trimEnd();
    const attrs: Array<[string, string | undefined]> = [];
    for (const m of rawAttrs.matchAll(ATTR)) {
      const value = m[2] ?? m[3] ?? m[4];
      attrs.push([m[1]!.toLowerCase(), value === undefined ? undefined : unescapeAll(value)]);
    }
    attrs.sort(([a, av], [b, bv]) => (a === b ? (av ?? '').localeCompare(bv ?? '') : a < b ? -1 : 1));
    output += '<' + tag;
    for (const [name, value] of attrs) output += ' ' + name + (value === undefined ? '' : `="${escape(value)}"`);
    output += '>';
    lastTag = tag;
    last = 'starttag';
  };

  let pos = 0;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(html);
    if (m) pos = re.lastIndex;
    return m;
  };
  while (pos < html.length) {
    let m: RegExpExecArray | null;
    if ((m = at(CDATA))) {
      output += m[0];
    } else if ((m = at(COMMENT))) {
      output += `<!--${m[1]}-->`;
      last = 'comment';
    } else if ((m = at(DECL))) {
      output += `<!${m[1]}>`;
      last = 'decl';
    } else if ((m = at(PI))) {
      output += `<?${m[1]}>`;
      last = 'pi';
    } else if ((m = at(END_TAG))) {
      const tag = m[1]!.toLowerCase();
      if (tag === 'pre') inPre = false;
      else if (BLOCK_TAGS.has(tag)) output = output.trimEnd();
      output += `</${tag}>`;
      lastTag = tag;
      last = 'endtag';
    } else if ((m = at(START_TAG))) {
      startTag(m[1]!.toLowerCase(), m[2] ?? '');
      if (m[3]) last = 'endtag'; // self-closing: treated as start tag then closed
    } else if ((m = at(REF))) {
      const name = m[1]!;
      const hex = /^#x/i.test(name);
      const code = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      const char = !name.startsWith('#')
        ? unescapeAll(m[0])
        : code <= 0x10ffff ? String.fromCodePoint(code) : m[0];
      output += char === m[0] ? m[0] : escape(char);
      last = 'ref';
    } else {
      // Text up to the next markup; a "<" that starts no markup is text too.
      const next = html.indexOf('<', pos + 1);
      const amp = html.indexOf('&', pos + 1);
      const end = Math.min(next === -1 ? html.length : next, amp === -1 ? html.length : amp);
      data(html.slice(pos, end));
      pos = end;
    }
  }
  return output;
}
