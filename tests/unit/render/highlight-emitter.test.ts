/// Code is highlighted with an emitter that writes HTML as highlight.js finds tokens, instead of
/// its stock emitter's tree. It must write the very same bytes, on every registered language,
/// for code a blogger writes and for random mixtures of what code is made of.
import fc from 'fast-check';
import hljsCore from 'highlight.js/lib/core';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_LANGUAGES, StreamingEmitter } from '../../../shared/render/highlight';

function instance(streaming: boolean) {
  const hljs = hljsCore.newInstance();
  for (const [name, language] of Object.entries(HIGHLIGHT_LANGUAGES)) hljs.registerLanguage(name, language);
  if (streaming) hljs.configure({ __emitter: StreamingEmitter } as unknown as Parameters<typeof hljs.configure>[0]);
  return hljs;
}

const stock = instance(false);
const streaming = instance(true);
const LANGUAGES = Object.keys(HIGHLIGHT_LANGUAGES);

function both(code: string, language: string): [string, string] {
  return [
    stock.highlight(code, { language, ignoreIllegals: true }).value,
    streaming.highlight(code, { language, ignoreIllegals: true }).value,
  ];
}

const SAMPLES: Record<string, string> = {
  javascript: 'class Pool extends Base {\n  async count(x = 1) { return `n=${x + 1}`; } // tally\n}\nconst re = /a+b/g; /* done */',
  typescript: 'interface Crab { legs: number }\nexport function f<T extends Crab>(c: T): T["legs"] { return c.legs; }',
  python: '@dataclass\nclass Sample:\n    """A sample."""\n    def mean(self, xs: list[float]) -> float:\n        return sum(xs) / len(xs)  # average\nprint(f"{Sample().mean([1, 2])!r:>10}")',
  r: 'fit <- lm(y ~ x, data = df)\nsummary(fit) # the model\nplot(df$x, df$y, col = "red")',
  xml: '<!DOCTYPE html>\n<html lang="en"><head><style>p { color: red; }</style>\n<script>let a = 1 < 2 && "x";</script></head>\n<body><!-- note --><p class=\'q\'>A &amp; B</p></body></html>',
  markdown: '# Title\n\nSome *text* and `code`.\n\n```js\nconst a = 1;\n```\n\n<div>html</div>\n\n- [link](http://x.org)',
  php: '<?php\nnamespace App;\nfunction f(array $a): ?string { return $a["k"] ?? null; } // note\necho "Hello {$name}";\n?>',
  bash: '#!/bin/bash\nfor f in *.md; do\n  echo "Rendering $f" && postwright render "$f" > "${f%.md}.html"\ndone',
  sql: "SELECT name, COUNT(*) AS n FROM crabs WHERE pool = 'east' GROUP BY name HAVING n > 2; -- tally",
  css: '@media (max-width: 800px) { .post > p::first-line { color: #c00 !important; } }',
  yaml: 'title: "Tide pools"\ndate: 2026-06-01\ntags: [sea, crabs]\nnested:\n  - a: 1 # note',
  json: '{"a": [1, 2.5e3, true, null], "b": {"c": "d\\"e"}}',
  diff: '--- a/post.md\n+++ b/post.md\n@@ -1,2 +1,2 @@\n-old line\n+new line',
  rust: 'fn main() { let v: Vec<u8> = vec![1, 2]; println!("{:?}", v); } // r#"raw"#',
  go: 'package main\nimport "fmt"\nfunc main() { ch := make(chan int); go func() { ch <- 1 }(); fmt.Println(<-ch) }',
};

// What code is made of: keywords of many languages, quotes, comments, brackets, markup, numbers.
const PIECES = [
  'function', 'class', 'def', 'return', 'const', 'let', 'if', 'else', 'for', 'SELECT', 'FROM', '#include', 'import', 'fn', 'pub',
  'x', 'Crab', 'pool_2', '42', '3.14', '0x1F', '"', "'", '`', '"""', '${', '}', '{', '(', ')', '[', ']', '<', '>', '/>', '</',
  '<script>', '</script>', '<style>', '<?php', '?>', '<!--', '-->', '//', '/*', '*/', '#', '--', '\\', '$', '@', '=>', '==', '=',
  '+', ';', ':', ',', '.', '\n', '  ', '\t', '```', '*', '_', '&', '&amp;', 'é', '\u00a0',
];

describe('the streaming emitter for highlighted code', () => {
  it('writes what highlight.js’s own emitter writes, for code in every registered language', () => {
    for (const language of LANGUAGES) {
      for (const code of [SAMPLES[language] ?? '', ...Object.values(SAMPLES)]) {
        const [expected, actual] = both(code, language);
        expect(actual, `${language}: ${code}`).toBe(expected);
      }
    }
  });

  it('writes what highlight.js’s own emitter writes, for random mixtures of code', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.constantFrom(...LANGUAGES), (pieces, language) => {
        const [expected, actual] = both(pieces.join(''), language);
        expect(actual).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('writes the tiered classes highlight.js gives, such as a function’s name', () => {
    expect(both('function survey(pool) {}', 'javascript')[1]).toContain('<span class="hljs-title function_">survey</span>');
  });
});
