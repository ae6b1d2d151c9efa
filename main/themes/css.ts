/// Reading and rewriting a blog's CSS for a theme snapshot: which files it imports, which
/// fonts and images it points at, and the same text pointing at the snapshot's copies instead.
/// Pure string work; what to fetch and keep is decided in snapshot.ts.

export interface CssImport {
  /// The whole `@import …;` rule as written.
  rule: string;
  url: string;
  /// Media (or `supports(…)`/`layer`) conditions after the address, as written.
  conditions: string;
}

const COMMENT = /\/\*[\s\S]*?\*\//g;
const IMPORT = /@import\s+(?:url\(\s*(['"]?)([^'")]*)\1\s*\)|(['"])([^'"]*)\3)\s*([^;]*);/gi;
const URL_TOKEN = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)/gi;

export function stripComments(css: string): string {
  return css.replace(COMMENT, '');
}

export function cssImports(css: string): CssImport[] {
  return [...stripComments(css).matchAll(IMPORT)].map((match) => ({
    rule: match[0],
    url: (match[2] ?? match[4] ?? '').trim(),
    conditions: (match[5] ?? '').trim(),
  }));
}

/// Every `url(…)` outside @import rules, as written (relative or absolute, data: included).
export function cssUrls(css: string): string[] {
  const bare = stripComments(css).replace(IMPORT, '');
  return [...bare.matchAll(URL_TOKEN)].map((match) => (match[1] ?? match[2] ?? match[3] ?? '').trim()).filter((url) => url !== '');
}

/// Replaces each @import rule with what `inline` returns for it (the imported sheet's text,
/// already rewritten), or with nothing.
export function replaceImports(css: string, inline: (item: CssImport) => string): string {
  return stripComments(css).replace(IMPORT, (rule, _q1, url1: string | undefined, _q2, url2: string | undefined, conditions: string) => {
    const text = inline({ rule, url: (url1 ?? url2 ?? '').trim(), conditions: conditions.trim() });
    if (!text) return '';
    // An imported sheet's media condition still applies once its text is inline.
    return conditions.trim() && !/^(layer|supports)\b/i.test(conditions.trim()) ? `@media ${conditions.trim()} {\n${text}\n}` : text;
  });
}

/// Points every `url(…)` where `map` says; an address `map` returns null for becomes `none`,
/// so nothing in the snapshot can load from anywhere but the snapshot.
export function rewriteUrls(css: string, map: (url: string) => string | null): string {
  return css.replace(URL_TOKEN, (_token, double: string | undefined, single: string | undefined, bare: string | undefined) => {
    const url = (double ?? single ?? bare ?? '').trim();
    // A fragment (an SVG filter in the same document) loads nothing.
    if (url.startsWith('#')) return `url("${url.replace(/["\\\n]/g, '')}")`;
    const local = map(url);
    return local === null ? 'none' : `url("${local.replace(/["\\\n]/g, '')}")`;
  });
}

/// An imported sheet's @import rules come first in it, so once they are inline the text may
/// hold @charset or @namespace rules in the middle, where they do nothing; drop @charset (the
/// snapshot is UTF-8) so it cannot confuse a reader.
export function dropCharset(css: string): string {
  return css.replace(/@charset\s+["'][^"']*["']\s*;/gi, '');
}
