/// Images in a post's markdown that have no alt text, and writing one in: `![](a.png)` becomes
/// `![A jar](a.png)`, `<img src="a.png">` gets `alt="A jar"`. Code (fenced, indented by a fence,
/// or inline) and the front matter are left alone. Positions are of the whole file's text.
export interface MissingAlt {
  /// The image's address as written.
  src: string;
  /// The n-th image without alt text in the text, for setImageAlt.
  index: number;
}

interface Found extends MissingAlt {
  /// Where the alt text goes, and what is there now (an empty `[]` or an `alt=""`).
  at: number;
  replace: number;
  html: boolean;
}

export function imagesWithoutAlt(text: string): MissingAlt[] {
  return find(text).map(({ src, index }) => ({ src, index }));
}

/// The text with the alt text of the `index`-th image without one set to `alt`; the text as it
/// was when there is no such image (the post changed meanwhile) or the alt text is blank.
export function setImageAlt(text: string, index: number, alt: string): string {
  const spot = find(text).find((f) => f.index === index);
  const clean = alt.replace(/\s+/g, ' ').trim();
  if (!spot || !clean) return text;
  const written = spot.html ? ` alt="${clean.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"` : clean.replace(/([\\[\]])/g, '\\$1');
  return text.slice(0, spot.at) + written + text.slice(spot.at + spot.replace);
}

function find(text: string): Found[] {
  const masked = maskCode(text);
  const found: Array<Omit<Found, 'index'>> = [];
  for (const m of masked.matchAll(/!\[[ \t]*\]\([ \t]*(<[^>\n]*>|[^\s)]+)[^)\n]*\)/g)) {
    found.push({ src: m[1]!.replace(/^<|>$/g, ''), at: m.index + 2, replace: m[0].indexOf(']') - 2, html: false });
  }
  for (const m of masked.matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (!src) continue;
    const alt = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))?/i.exec(tag);
    if (alt && (alt[1] ?? alt[2] ?? alt[3] ?? '').trim() !== '') continue;
    const at = m.index + (alt ? alt.index : 4);
    found.push({ src: src[1] ?? src[2] ?? src[3] ?? '', at, replace: alt ? alt[0].length : 0, html: true });
  }
  return found.sort((a, b) => a.at - b.at).map((f, index) => ({ ...f, index }));
}

/// The text with front matter, fenced code and inline code blanked out (same length, so
/// positions still match the text).
function maskCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let out = text.replace(/^(?:\uFEFF)?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, blank);
  out = out.replace(/^([ \t]{0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank);
  out = out.replace(/(`+)[^`\n][\s\S]*?\1/g, (span) => (span.includes('\n\n') ? span : blank(span)));
  return out;
}
