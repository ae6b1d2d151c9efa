/// Whether a block's HTML leaves the browser's parser exactly as it found it, so that the
/// block parsed (and sanitized) alone gives the same markup as inside the whole article.
/// Markup the pipeline writes always does; a blogger's raw HTML may not: an unclosed `<div>`
/// swallows the blocks after it and an unclosed `<b>` is reopened in every later paragraph.
/// Anything this scanner does not fully understand counts as not self-contained, which only
/// costs a full render.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

// Elements that switch the parser into another mode (raw text, head, frames, forms, select)
// or change the document rather than the block.
const DISRUPTIVE = new Set([
  'html', 'head', 'body', 'frameset', 'frame', 'title', 'base', 'basefont', 'bgsound', 'link', 'meta',
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'plaintext', 'xmp', 'textarea',
  'select', 'option', 'optgroup', 'form', 'isindex', 'image',
]);

const FOREIGN = new Set(['svg', 'math']);

// A tag as the HTML tokenizer reads it: name, then attributes with quoted or bare values.
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;

/// `anchored`: the first tag is the block's own and carries its `data-line`. Anywhere else a
/// `data-line` could pose as another block's.
export function isSelfContained(html: string, anchored = false): boolean {
  const open: string[] = [];
  let foreign = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at)) {
    const next = html.charAt(at + 1);
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      const body = end === -1 ? '' : html.slice(at + 4, end);
      // `<!-->`, `<!--->` and `--!>` end a comment early in a browser.
      if (end === -1 || body.startsWith('>') || body.startsWith('->') || body.includes('--!>')) return false;
      at = end + 3;
      continue;
    }
    if (!/[a-zA-Z/]/.test(next)) {
      if (next === '!' || next === '?') return false; // doctype, CDATA, bogus comments
      at += 1; // a literal "<" in text
      continue;
    }
    TAG.lastIndex = at;
    const match = TAG.exec(html);
    if (!match) return false;
    const [whole, closing, rawName = '', attributes = '', selfClosing] = match;
    const name = rawName.toLowerCase();
    if (DISRUPTIVE.has(name)) return false;
    if (/\sdata-line(?![\w-])/i.test(attributes) && !(anchored && at === 0)) return false;
    if (closing) {
      if (open.pop() !== name) return false;
      if (FOREIGN.has(name)) foreign--;
    } else if (!VOID.has(name) && !(selfClosing && foreign > 0)) {
      open.push(name);
      if (FOREIGN.has(name)) foreign++;
    }
    at += whole.length;
  }
  return open.length === 0;
}
