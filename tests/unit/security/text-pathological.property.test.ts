/// Hostile or unlucky text must cost work in proportion to its length, and render to something
/// safe. Work is counted, never timed: every character the code reads through charCodeAt, every
/// character an indexOf or a regular expression passes over, every token. Each generated input
/// must stay under a per-character budget, and doubling it must not much more than double the work.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { plainText, stripFrontMatter } from '../../../main/library/search-text';
import { createNodePurify } from '../../../main/render/node-purify';
import { summarizePost } from '../../../shared/post';
import { MAX_HTML_DEPTH, MAX_INLINE_DEPTH } from '../../../shared/render/depth';
import { renderArticle } from '../../../shared/render/index';
import { RenderCache } from '../../../shared/render/memo';
import { textStats } from '../../../shared/text-stats';

const purify = createNodePurify();

// Patterns that, repeated, have made markdown tools quadratic or deep.
const UNITS = [
  '[', '![', '[a](', '[^', ']', '(', '*', '**', '*a', '_a', '_', '`', '``a', '<', '<a', '<div>', '<span>', '</div>', '<!--',
  '> ', '>', '- ', '  - ', '1. ', '\n', '\n\n', '|', '|-', 'a|b\n', '$', '$a ', '$$', '\\', '&', '&amp;', 'www.a', '~~',
  '[a]: /u\n', '[a]', '# ', '    ', '```\n', ':', '"', 'word ',
];

// The cases the issue names: `[`, nested `<div>`, nested emphasis, unclosed inline math.
// And lines that each open display math with no closing line anywhere after them (`$$a|b`),
// which a random run found quadratic: each line searched to the end of the post. And lines of
// `![` with no `]` anywhere, which another found searching for one again from each `[` the
// inline parser came back to; and `$$a|b` lines closed by a lone `$$` at the end (the 3,200
// characters below end so), each line searching to that end for its closing line.
const EXAMPLES: Array<[string]> = [['['], ['<div>'], ['**'], ['$a '], ['> '], ['a|b\n'], ['<span>'], ['$$a|b\n'], ['$$a\n'], ['![$$$\n']];

const pattern = fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }).map((units) => units.join(''));

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

let steps = 0;
const restore: Array<() => void> = [];

function count<T extends object>(target: T, name: keyof T & string, cost: (self: unknown, args: unknown[], result: unknown, before: number) => number): void {
  const original = target[name] as unknown as (...args: unknown[]) => unknown;
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    value: function (this: unknown, ...args: unknown[]) {
      const before = this instanceof RegExp && (this.global || this.sticky) ? this.lastIndex : 0;
      const result = original.apply(this, args);
      steps += cost(this, args, result, before);
      return result;
    },
  });
  restore.push(() => Object.defineProperty(target, name, { configurable: true, writable: true, value: original }));
}

/// The work `run` does, in counted steps: a character read, or passed over by a search.
function work(run: () => void): number {
  steps = 0;
  count(String.prototype, 'charCodeAt', () => 1);
  count(String.prototype, 'indexOf', (self, args, result) => {
    const from = Math.max(0, Number(args[1] ?? 0));
    return 1 + ((result as number) === -1 ? Math.max(0, String(self).length - from) : (result as number) - from);
  });
  count(RegExp.prototype, 'exec', (self, args, result, before) => {
    const match = result as RegExpExecArray | null;
    if (match) return 1 + Math.max(0, match.index + match[0].length - before);
    // An anchored pattern that fails looks at the start only; any other passes over the rest.
    const regex = self as RegExp;
    const anchored = regex.sticky || (regex.source.startsWith('^') && !regex.multiline);
    return 1 + (anchored ? 0 : Math.max(0, String(args[0]).length - before));
  });
  try {
    run();
  } finally {
    while (restore.length) restore.pop()!();
  }
  return steps;
}

const PASSES: Record<string, (text: string) => void> = {
  // The formula and code caches start empty, so each render counts its own work.
  render: (text) => {
    RenderCache.clearAll();
    renderArticle(text, purify);
  },
  summary: (text) => void summarizePost('post', text, 0),
  'search text': (text) => void plainText(stripFrontMatter(text)),
  stats: (text) => void textStats(text),
};

afterEach(() => {
  while (restore.length) restore.pop()!();
});

describe('work on pathological text grows linearly', () => {
  for (const [name, pass] of Object.entries(PASSES)) {
    it(`${name}: doubling the input at most about doubles the counted work`, () => {
      fc.assert(
        fc.property(pattern, (unit) => {
          // Past the depth bounds (64 raw HTML tags, 32 inline levels), where each repeat's
          // cost changes once (a tag past the bound is escaped as text): from 800 to 1,600
          // characters a run of `<span>` crosses that bound and read 2.57 times the work.
          const small = repeatTo(unit, 1600);
          const large = repeatTo(unit, 3200);
          const w1 = work(() => pass(small));
          const w2 = work(() => pass(large));
          expect(w2, JSON.stringify(unit)).toBeLessThanOrEqual(2.5 * w1 + 2000);
          expect(w2, JSON.stringify(unit)).toBeLessThanOrEqual(BUDGET_PER_CHARACTER * large.length + 50_000);
        }),
        // Units from a short list, so a few runs already meet most of them; fixed examples below.
        { numRuns: 20, examples: EXAMPLES },
      );
    }, 120_000);
  }
});

// The costliest of these today (a run of `[`, each a possible link label) is about 450 steps a
// character; quadratic work on 1,600 characters would be thousands.
const BUDGET_PER_CHARACTER = 1000;

/// Deepest element nesting, walked without recursion.
function depthOf(html: string): number {
  const body = new JSDOM('').window.document.body;
  body.innerHTML = html;
  let deepest = 0;
  const stack: Array<[Element, number]> = [[body, 0]];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of element.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

describe('deep nesting renders flat enough to be safe', () => {
  it.each([
    ['3,000 nested <span>s in a paragraph', `a ${'<span>'.repeat(3000)}x${'</span>'.repeat(3000)}`],
    ['2,000 nested <div>s', `${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}`],
    ['emphasis 2,000 pairs deep', `${'**'.repeat(2000)}x${'**'.repeat(2000)}`],
  ])('%s: the excess shows as text, nothing is dropped', (_name, markdown) => {
    const html = renderArticle(markdown, purify);
    expect(depthOf(html)).toBeLessThanOrEqual(MAX_HTML_DEPTH + MAX_INLINE_DEPTH + 4);
    const text = new JSDOM(html).window.document.body.textContent ?? '';
    expect(text).toContain('x');
    // The markup past the bound is there to read, as text.
    expect(text.length).toBeGreaterThan(1000);
  });
});
