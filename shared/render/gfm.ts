import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';

/// The GitHub Flavored Markdown rules markdown-it does not follow by itself:
/// `~one~` strikethrough, e-mail and xmpp: autolinks, GFM's parenthesis rule
/// for autolinks, the tag filter, and unclosed inline tags kept in their block.

const TILDE = 0x7e;
// A single `~` is its own delimiter kind, so it only ever pairs with a single `~`.
const SINGLE_TILDE = 0x7e00;

/// GFM: `~text~` and `~~text~~` strike; a run of three or more tildes is text.
export function strikethrough(md: MarkdownIt): void {
  md.inline.ruler.at('strikethrough', (state: StateInline, silent: boolean) => {
    if (silent || state.src.charCodeAt(state.pos) !== TILDE) return false;
    const scanned = state.scanDelims(state.pos, true);
    const run = '~'.repeat(scanned.length);
    const token = state.push('text', '', 0);
    token.content = run;
    if (scanned.length <= 2) {
      state.delimiters.push({
        marker: scanned.length === 1 ? SINGLE_TILDE : TILDE,
        length: 0, // no "rule of 3": that is for emphasis
        token: state.tokens.length - 1,
        end: -1,
        open: scanned.can_open,
        close: scanned.can_close,
      });
    }
    state.pos += scanned.length;
    return true;
  });
  md.inline.ruler2.at('strikethrough', (state: StateInline) => {
    strike(state, state.delimiters);
    for (const meta of state.tokens_meta) if (meta?.delimiters) strike(state, meta.delimiters);
    return false;
  });
}

function strike(state: StateInline, delimiters: StateInline['delimiters']): void {
  for (const start of delimiters) {
    if ((start.marker !== TILDE && start.marker !== SINGLE_TILDE) || start.end === -1) continue;
    const markup = start.marker === TILDE ? '~~' : '~';
    const open = state.tokens[start.token]!;
    const close = state.tokens[delimiters[start.end]!.token]!;
    Object.assign(open, { type: 's_open', tag: 'del', nesting: 1, markup, content: '' });
    Object.assign(close, { type: 's_close', tag: 'del', nesting: -1, markup, content: '' });
  }
}

// GFM's extended e-mail autolink (its domain may end in any label, e.g. `bar.baz`).
const EMAIL = /^[a-zA-Z0-9.+_-]+@[a-zA-Z0-9_-]+(?:\.[a-zA-Z0-9_-]+)+/;
const XMPP_TAIL = /^[a-zA-Z0-9.+_-]+@[a-zA-Z0-9_-]+(?:\.[a-zA-Z0-9_-]+)+(?:\/[a-zA-Z0-9@.]*)?/;

/// The length of a GFM e-mail address at the start of `text`, or 0: a final `.`
/// is punctuation, and an address may not end in `-` or `_`.
function emailLength(text: string, pattern: RegExp): number {
  let found = pattern.exec(text)?.[0] ?? '';
  while (found.endsWith('.')) found = found.slice(0, -1);
  if (/[-_]$/.test(found) || !found.includes('@') || !/\.[^.]+/.test(found.slice(found.indexOf('@')))) return 0;
  return found.length;
}

/// GFM autolinks bare `www.` hosts but not every word with a dot in it: "readme.md" or
/// "notes.py" (real TLDs) must stay text. Scheme links are kept as linkify-it finds them,
/// with GFM's end (trailing punctuation and unbalanced `)`); `xmpp:` is a scheme too, and
/// e-mail addresses follow GFM's rule rather than linkify-it's list of known TLDs.
export function autolinks(md: MarkdownIt): void {
  const linkify = md.linkify;
  linkify.add('xmpp:', {
    validate: (text, pos) => {
      const length = emailLength(text.slice(pos), XMPP_TAIL);
      // A trailing `/` without a resource is not part of the link.
      return length > 0 && text[pos + length - 1] === '/' ? length - 1 : length;
    },
  });
  const match = linkify.match.bind(linkify);
  const matchAtStart = linkify.matchAtStart.bind(linkify);
  type Match = NonNullable<ReturnType<typeof match>>[number];

  // markdown-it asks test() and then match() of the same text: its links are found once.
  let last: { text: string; links: Match[] } | undefined;
  const links = (text: string): Match[] => {
    if (!MAY_LINK.test(text)) return [];
    if (last?.text === text) return last.links;
    const found = (match(text) ?? [])
      .filter((link) => link.schema !== '' || /^www\./i.test(link.raw))
      .filter((link) => !(link.schema === 'mailto:' && !/^mailto:/i.test(link.raw)))
      .map((link) => gfmEnd(text, link));
    last = { text, links: mergeEmails(text, found) };
    return last.links;
  };
  // markdown-it asks this of a whole paragraph before looking at its text: the same question
  // as links() asks first, without linkify-it's scan for every scheme and host it knows.
  linkify.pretest = (text: string) => MAY_LINK.test(text);
  linkify.test = (text: string) => links(text).length > 0;
  linkify.match = (text: string) => {
    const found = links(text);
    return found.length > 0 ? found : null;
  };
  linkify.matchAtStart = (text: string) => {
    const link = matchAtStart(text);
    return link ? gfmEnd(text, link) : null;
  };

  function mergeEmails(text: string, found: Match[]): Match[] {
    const emails: Match[] = [];
    const candidate = /[a-zA-Z0-9.+_-]+@/g;
    for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
      const index = m.index;
      const before = text[index - 1] ?? '';
      // Inside a longer word, a URL, or an `xmpp:`/`mailto:` link already found.
      const covered = found.some((link) => index < link.lastIndex && index + m![0].length > link.index);
      const length = covered || /[a-zA-Z0-9.+_\-/:@]/.test(before) ? 0 : emailLength(text.slice(index), EMAIL);
      if (length === 0) continue;
      const raw = text.slice(index, index + length);
      emails.push({ schema: 'mailto:', index, lastIndex: index + length, raw, text: raw, url: `mailto:${raw}` } as Match);
      candidate.lastIndex = index + length;
    }
    return [...found, ...emails].sort((a, b) => a.index - b.index);
  }
}

// What every link kept above needs in its text: a scheme (each is spelled with `:`, or is
// `//`), a `www.` host, or an e-mail's `@`. Prose without any skips linkify-it's costly scans.
const MAY_LINK = /[:@]|\/\/|www\./i;

const WEB = new Set(['', 'http:', 'https:', 'ftp:', '//']);

/// GFM ends a web autolink at whitespace or `<`, then drops trailing `?!.,:*_~`, an
/// entity-like `&name;`, and each `)` more than the link opens. linkify-it stops at the first
/// unbalanced `)` instead, cutting "…(business))+ok" short; here GFM's end is taken when it
/// differs from linkify-it's only by parentheses (and the URL between them) or an `&name;`.
function gfmEnd<T extends { schema: string; index: number; lastIndex: number; raw: string; text: string; url: string }>(
  text: string,
  link: T,
): T {
  if (!WEB.has(link.schema.toLowerCase())) return link;
  let raw = /^[^\s<]*/.exec(text.slice(link.index))![0];
  for (;;) {
    const before = raw;
    raw = raw.replace(/[?!.,:*_~]+$/, '').replace(/&[a-zA-Z0-9]+;$/, '');
    if (raw.endsWith(')') && count(raw, ')') > count(raw, '(')) raw = raw.slice(0, -1);
    if (raw === before) break;
  }
  if (raw === link.raw || !raw.startsWith(link.raw.slice(0, 1))) return link;
  const [shorter, longer] = raw.length < link.raw.length ? [raw, link.raw] : [link.raw, raw];
  // Only parentheses and plain URL characters may separate the two ends.
  const extra = longer.slice(shorter.length);
  if (!longer.startsWith(shorter) || /["'`\\]/.test(extra) || !(/[()]/.test(extra) || /^&[a-zA-Z0-9]+;?$/.test(extra))) return link;
  const prefix = link.url.endsWith(link.raw) ? link.url.slice(0, link.url.length - link.raw.length) : '';
  return { ...link, raw, text: raw, url: prefix + raw, lastIndex: link.index + raw.length };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

// GFM's tag filter: these elements would take the rest of the page as their text (or run it),
// so their `<` is written as text. <iframe> is left to the sanitizer, which keeps known players.
const FILTERED = /<(?=\/?(?:title|textarea|style|xmp|noembed|noframes|script|plaintext)(?:[\s/>]|$))/gi;

export function tagFilter(md: MarkdownIt): void {
  md.core.ruler.push('gfm_tag_filter', (state: StateCore) => {
    // Raw HTML needs a `<` in the text: a post without one has nothing to filter.
    if (!state.src.includes('<')) return;
    for (const token of state.tokens) {
      if (token.type === 'html_block') token.content = token.content.replace(FILTERED, '&lt;');
      for (const child of token.children ?? []) {
        if (child.type === 'html_inline') child.content = child.content.replace(FILTERED, '&lt;');
      }
    }
  });
}

// Elements the HTML parser re-opens in every later block when one is left open ("active
// formatting elements"): an unclosed <a> would turn the rest of the post into links.
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
const INLINE_TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]*?(\/?)>$/;

/// Closes, at the end of its paragraph (or heading, or table cell), each formatting tag the
/// post opened there with raw HTML and did not close.
export function closeInlineTags(md: MarkdownIt): void {
  md.core.ruler.push('close_inline_tags', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== 'inline' || !token.children) continue;
      const open: string[] = [];
      for (const child of token.children) {
        if (child.type !== 'html_inline') continue;
        const tag = INLINE_TAG.exec(child.content);
        if (!tag || tag[3] || !FORMATTING.has(tag[2]!.toLowerCase())) continue;
        const name = tag[2]!.toLowerCase();
        if (!tag[1]) open.push(name);
        else if (open.lastIndexOf(name) !== -1) open.splice(open.lastIndexOf(name), 1);
      }
      for (const name of open.reverse()) token.children.push(closing(state, name));
    }
  });
}

function closing(state: StateCore, name: string): Token {
  const token = new state.Token('html_inline', '', 0);
  token.content = `</${name}>`;
  return token;
}
