/// A generated post of about `chars` characters that exercises every costly pass: headings,
/// emphasis and links, inline and display math, highlighted code, lists, tables and quotes;
/// raw HTML (which only the DOM sanitizer may vet) when asked.
const SECTION = [
  '## Section {n}: measuring $\\alpha_{n}$',
  '',
  'Some *emphasis*, **strong** text, `code`, a [link](https://example.com/{n}) and $E = mc^2 + {n}$ inline.',
  '',
  '$$',
  '\\int_0^{n} x^2 \\, dx = \\frac{{n}^3}{3}',
  '$$',
  '',
  '```python',
  'def f{n}(x):',
  '    return [i * x for i in range({n}) if i % 2 == 0]  # comment',
  '```',
  '',
  '- item one with $x_{n}$',
  '- item two{html}',
  '',
  '| a | b |',
  '|---|---|',
  '| {n} | $y$ |',
  '',
  '> a quote about [1] and `{n}`',
  '',
  '',
].join('\n');

export function hugePost(chars: number, rawHtml = false): string {
  const parts: string[] = ['# A very large post\n\n'];
  let length = parts[0]!.length;
  for (let n = 0; length < chars; n++) {
    const section = SECTION.replaceAll('{n}', String(n)).replace('{html}', rawHtml ? ' with <b>bold</b>' : ' with _emphasis_');
    parts.push(section);
    length += section.length;
  }
  return parts.join('');
}
