/// What WordPress's `wptexturize` does to a post's text when the blog shows it: curly quotes,
/// en and em dashes, ellipses, primes and the multiplication sign. The preview applies it when
/// it shows a post as a WordPress blog will, so the quotes look the same in both. Pure: the
/// caller walks the text outside code (`TEXTURIZE_SKIP`) and passes the text before each run,
/// since a quote's direction depends on what precedes it.

/// Elements whose text WordPress leaves alone (its `no_texturize_tags`, plus KaTeX output).
export const TEXTURIZE_SKIP = new Set(['code', 'pre', 'kbd', 'samp', 'tt', 'var', 'script', 'style', 'math', 'svg', 'textarea']);

const SPACE = '\\s\\u00a0';
// The order is WordPress's: the longer dashes first, then quotes.
const RULES: Array<[RegExp, string]> = [
  [/\.\.\./g, '\u2026'],
  [/``/g, '\u201c'],
  [/''/g, '\u201d'],
  [/ \(tm\)/gi, ' \u2122'],
  // WordPress's "cockney" words start with an apostrophe, not an opening quote.
  [/'(?=(?:tain't|twere|twas|tis|twill|til|bout|nuff|round|cause|em)\b)/gi, '\u2019'],
  [/---/g, '\u2014'],
  [new RegExp(`(^|[${SPACE}])--(?=$|[${SPACE}])`, 'g'), '$1\u2014'],
  [/(^|[^n]|[^x]n)--/g, '$1\u2013'],
  [new RegExp(`(^|[${SPACE}])-(?=$|[${SPACE}])`, 'g'), '$1\u2013'],
  // '99 is an abbreviated year: an apostrophe, not an opening quote.
  [new RegExp(`(^|[${SPACE}])'(?=\\d\\d(?:$|[.,:;!?)}\\]\\-${SPACE}]))`, 'g'), '$1\u2019'],
  [new RegExp(`(^|[${SPACE}([{"\\-])'`, 'g'), '$1\u2018'],
  [new RegExp(`(^|[${SPACE}([{\\-])"`, 'g'), '$1\u201c'],
  // 9' and 9": feet and inches.
  [/(\d)'(?=$|[^\w'])/g, '$1\u2032'],
  [/(\d)"(?=$|[^\w"])/g, '$1\u2033'],
  [/'/g, '\u2019'],
  [/"/g, '\u201d'],
  [/\b(\d[\d.,]*)x(\d[\d.,]*)\b/g, '$1\u00d7$2'],
];

/// `text` as WordPress would show it; `before` is the text that precedes it in the same block.
export function texturize(text: string, before = ''): string {
  if (!/['"`.\-x(]/.test(text)) return text;
  const lead = contextOf(before);
  let out = lead + text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.slice(lead.length);
}

/// One character standing for what precedes the text, chosen so no rule changes it by itself:
/// only the kind of character matters to the rules that look behind.
function contextOf(before: string): string {
  const last = before.at(-1);
  if (last === undefined) return '';
  if (/[\s\u00a0]/.test(last)) return ' ';
  if (/[([{"\-\u201c\u2018]/.test(last)) return '(';
  if (/\d/.test(last)) return '0';
  return 'a';
}
