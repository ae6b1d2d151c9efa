import { ChangeSet, Text } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { splitPostFile } from '../../../shared/frontmatter';
import { renderArticle } from '../../../shared/render/index';
import { IncrementalArticle } from '../../../shared/render/incremental';
import type { SourceLines } from '../../../shared/render/source-lines';
import { PostView } from '../../../renderer/src/preview/post-view';
import { FedText } from '../../../renderer/src/state/preview-feed';
import { Body } from './preview-body';

// The preview fed as the app feeds it: the editor's document and its transactions' changes,
// merged when frames skip some, the front matter split off only when an edit reaches it.
const purify = createNodePurify();
const resolveAsset = (src: string) => `files/post/${src}`;

const BLOCKS = [
  '# Notes from the tide pools',
  '## Method',
  'The **anemones** closed as the *tide* went out, see [the guide](https://example.org/guide).',
  'A paragraph with `inline code` and math $E = mc^2$.',
  'Lazy paragraph\ncontinues here',
  '- one\n- two',
  '1. first\n2. second\n\n   continued',
  '> A quote\nlazily',
  '```js\nconst x = 1;\n\nx;\n```',
  '$$\n\\frac{a}{b}\n$$',
  '| A | B |\n|---|--:|\n| 1 | 2 |',
  '***',
  '<div class="note">\n<p>Raw</p>\n</div>',
];
// Blocks that make the article depend on text outside a block (then it renders whole).
const HAZARDS = ['[ref]: https://example.org/ref', 'A footnote.[^1]\n\n[^1]: Its text.'];
const block = fc.oneof({ arbitrary: fc.constantFrom(...BLOCKS), weight: 12 }, { arbitrary: fc.constantFrom(...HAZARDS), weight: 1 });
const FRONT = ['', '---\ntitle: Tide pools\ntags: [sea]\n---\n', '---\ntitle: x\n---\n\n', '---\nnot closed\n\n'];
const PIECES = ['\n', '\n\n', '#', '## ', '- ', '> ', '```', '$$', '|', '|---|', '---', '    ', '*', '`', '[', 'a', 'tide pool'];
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...PIECES), weight: 8 },
  { arbitrary: block, weight: 2 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: fc.constantFrom(']: /u', '<div>', '[^1]'), weight: 1 },
);

const post = fc
  .tuple(fc.constantFrom(...FRONT), fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 16 }))
  .map(([front, parts]) => front + parts.map(([block, gap]) => block + gap).join(''));

// One transaction: an insert, a delete, or a replacement; `shown` false means no frame ran
// before the next one, so the preview gets the merged changes of several.
const step = fc.record({
  at: fc.nat(),
  remove: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 10 }), weight: 1 }),
  insert: piece,
  shown: fc.boolean(),
});

describe('the preview fed with the editor’s changes', () => {
  it('equals a full render of the body after any sequence of edits', () => {
    const counts = { lines: 0, other: 0 };
    fc.assert(
      fc.property(post, fc.array(step, { minLength: 1, maxLength: 16 }), (start, steps) => {
        const article = new IncrementalArticle(purify);
        const body = new Body(article);
        let fed = new FedText('post', Text.of(start.split('\n')), null, null);
        let view = PostView.of(fed, null);
        let described = view;
        body.apply(article.render('post', view.body(), { resolveAsset }));
        for (const { at, remove, insert, shown } of steps) {
          const from = at % (fed.doc.length + 1);
          const changes = ChangeSet.of({ from, to: Math.min(fed.doc.length, from + remove), insert }, fed.doc.length);
          fed = new FedText('post', changes.apply(fed.doc), fed, changes);
          if (!shown) continue;
          view = PostView.of(fed, view);
          // What PreviewBody.update does.
          const change = view.changedSince(described);
          const patch = change === 'same' ? 'unchanged' : change ? article.patchLines('post', view.lines, change, { resolveAsset }) : article.patch('post', view.body(), { resolveAsset });
          counts[change && change !== 'same' ? 'lines' : 'other']++;
          if (patch !== 'unchanged') body.apply(patch ?? article.render('post', view.body(), { resolveAsset }));
          described = view;
          const text = fed.doc.toString();
          expect(view.body()).toBe(splitPostFile(text).body);
          expect(body.html()).toBe(renderArticle(splitPostFile(text).body, purify, { resolveAsset }));
        }
      }),
      // Sized for two busy cores, like incremental.property.test.ts.
      { numRuns: 20 },
    );
    expect(counts.lines / (counts.lines + counts.other)).toBeGreaterThan(0.4);
  }, 120_000);

  it('reads only the lines around a keystroke in a long post', () => {
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `## Part ${i}\n\nParagraph ${i} about tide pools and the crabs that live in them.\n`);
    const start = `---\ntitle: Long\n---\n${paragraphs.join('\n')}`;
    const article = new IncrementalArticle(purify);
    const first = new FedText('post', Text.of(start.split('\n')), null, null);
    const before = PostView.of(first, null);
    article.render('post', before.body());
    const at = start.indexOf('Paragraph 500 about') + 'Paragraph 500'.length;
    const changes = ChangeSet.of({ from: at, insert: 'x' }, first.doc.length);
    const fed = new FedText('post', changes.apply(first.doc), first, changes);
    const after = PostView.of(fed, before);
    const change = after.changedSince(before);
    expect(change).toEqual({ from: 500 * 4 + 2, oldTo: 500 * 4 + 3, newTo: 500 * 4 + 3 });
    const read = counting(after.lines);
    const patch = article.patchLines('post', read.lines, change as Exclude<typeof change, 'same' | null>);
    expect(patch).toMatchObject({ kind: 'patch', shift: 0 });
    expect(patch!.html).toContain('Paragraph 500x about');
    expect(read.whole).toBe(0);
    expect(read.chars).toBeLessThan(after.lines.length / 100);
  });
});

function counting(lines: SourceLines): { lines: SourceLines; chars: number; whole: number } {
  const count = { chars: 0, whole: 0 };
  const wrapped: SourceLines = {
    length: lines.length,
    lines: lines.lines,
    start: (line) => lines.start(line),
    slice: (from, to) => {
      count.chars += to - from;
      return lines.slice(from, to);
    },
    text: () => {
      count.whole++;
      return lines.text();
    },
  };
  return {
    lines: wrapped,
    get chars() {
      return count.chars;
    },
    get whole() {
      return count.whole;
    },
  };
}
