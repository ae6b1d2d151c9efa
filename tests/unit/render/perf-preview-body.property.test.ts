// The preview's article body as the app runs it (renderer/src/preview/incremental.ts): blocks
// patched in place, a long article grouped into sections, full renders that wait for a pause
// in typing. Whatever it does, the article it shows, sections unwrapped, is byte for byte what
// `postwright render` prints for the text it last showed, and for the latest text once the
// pause has come.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { PreviewBody } from '../../../renderer/src/preview/incremental';
import { SECTION_TAG } from '../../../renderer/src/preview/sections';
import { renderArticle } from '../../../shared/render/index';
import { escapeAttributeBrackets } from '../../../shared/render/sanitize';

const purify = createNodePurify();
const page = new JSDOM('<!DOCTYPE html>').window.document;
const resolveAsset = (src: string) => `files/post/${src}`;
const render = (text: string) => renderArticle(text, purify, { resolveAsset });
// Chromium writes `<`/`>` in attributes as entities, jsdom raw; the preview's check does the same.
const shown = (body: PreviewBody) => escapeAttributeBrackets(body.html());

const BLOCKS = [
  '# Notes from the tide pools',
  '## Method',
  'The **anemones** closed as the *tide* went out, see [the guide](https://example.org/guide).',
  'A paragraph with `inline code` and math $E = mc^2$.',
  'Lazy paragraph\ncontinues here',
  '- one\n- two',
  '1. first\n2. second',
  '> A quote\nlazily',
  '```js\nconst x = 1;\n\nconsole.log(x);\n```',
  '$$\n\\frac{a}{b}\n$$',
  '| A | B |\n|---|--:|\n| 1 | 2 |',
  '***',
  '![A photo](photo.jpg "A caption")',
  '<div class="note">\n<p>Balanced raw HTML</p>\n</div>',
  'A footnote here.[^1]',
  '[^1]: The footnote text.',
  '<details>\n<summary>More</summary>',
];
const PIECES = ['\n', '\n\n', '## ', '- ', '> ', '```', '$$', '|', '---', '*', '`', '[', 'a', 'tide pool', '<b>', '</div>', '[^1]'];

const postOf = (blocks: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...blocks), fc.constantFrom('\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 24 })
    .map((parts) => parts.map(([block, gap]) => block + gap).join(''));
// A post with raw HTML is always shown whole; half the posts have none, and can be filled in.
const post = fc.oneof(postOf(BLOCKS), postOf(BLOCKS.filter((block) => !block.includes('<'))));
const edit = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'delete'),
  at: fc.nat(),
  text: fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...BLOCKS)),
  length: fc.integer({ min: 1, max: 10 }),
  // The writer pauses after this edit: a deferred full render runs.
  pause: fc.boolean(),
});

function applyEdit(text: string, change: { kind: string; at: number; text: string; length: number }): string {
  const at = change.at % (text.length + 1);
  return change.kind === 'delete' ? text.slice(0, at) + text.slice(at + change.length) : text.slice(0, at) + change.text + text.slice(at);
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('perf: the preview body, sectioned and with deferred full renders', () => {
  it('always shows the article of a text it was given, and the latest one after a pause', () => {
    const seen = { sectioned: 0, deferred: 0, patched: 0, filling: 0 };
    fc.assert(
      // `waitForFill`: whether the writer waits for a long post to be filled in before typing.
      fc.property(post, fc.array(edit, { minLength: 1, maxLength: 10 }), fc.boolean(), (start, edits, waitForFill) => {
        const root = page.createElement('div');
        // Every full render after the first waits for a pause; sections of two blocks.
        // Posts of six blocks or more are filled in a part (two blocks) per task.
        const body = new PreviewBody(root, purify, { fullRenderBudgetMs: -1, sectionMinNodes: 3, sectionBlocks: 2, fillMinBlocks: 6, partsPerTask: 1 });
        const given = [start];
        // While a post is being filled in, what shows is the start of the article of a text it was given.
        const shownSoFar = () => {
          if (!body.filling) return false;
          seen.filling++;
          const html = shown(body);
          expect(given.some((text) => render(text).startsWith(html))).toBe(true);
          return true;
        };
        body.update('post', start, { resolveAsset });
        let text = start;
        let last = start;
        if (shownSoFar() && waitForFill) vi.runAllTimers();
        for (const change of edits) {
          text = applyEdit(text, change);
          given.push(text);
          body.update('post', text, { resolveAsset });
          if (root.querySelector(SECTION_TAG)) seen.sectioned++;
          if (shownSoFar()) continue;
          if (body.deferred) seen.deferred++;
          else {
            seen.patched++;
            last = text;
          }
          expect(shown(body)).toBe(render(last));
          if (change.pause) {
            vi.runAllTimers();
            last = text;
            expect(shown(body)).toBe(render(text));
          }
        }
        vi.runAllTimers();
        expect(body.filling).toBe(false);
        expect(shown(body)).toBe(render(text));
        body.dispose();
      }),
      // Enough runs that each path below is taken many times over whatever the seed (with 20,
      // a post to fill came up only three times in one CI run in seven).
      { numRuns: 60 },
    );
    // Each path was taken often enough to mean something.
    expect(seen.sectioned).toBeGreaterThan(10);
    expect(seen.deferred).toBeGreaterThan(3);
    expect(seen.patched).toBeGreaterThan(10);
    expect(seen.filling).toBeGreaterThan(3);
  }, 60_000);

  it('fills a long post in a few sections at a time, and takes keys typed meanwhile once it is whole', () => {
    const text = Array.from({ length: 150 }, (_, i) => `## Part ${i}\n\nParagraph ${i} about tide pools.\n`).join('\n');
    const root = page.createElement('div');
    let filled = 0;
    // 300 blocks in parts of 12: 25 parts, two shown at once, then three per task.
    const body = new PreviewBody(root, purify, { sectionBlocks: 12, fillMinBlocks: 100, partsPerTask: 3, onFilled: () => filled++ });
    body.update('post', text, {});
    expect(body.filling).toBe(true);
    expect(root.children.length).toBe(2);
    expect(root.textContent).toContain('Paragraph 11 about');
    expect(root.textContent).not.toContain('Paragraph 12 about');
    expect(renderArticle(text, purify).startsWith(shown(body))).toBe(true);
    // A key typed now does not make the rest of the post render at once.
    const edited = text.replace('Paragraph 140 about', 'Paragraph 140, typed while filling, about');
    body.update('post', edited, {});
    expect(root.children.length).toBe(2);
    vi.advanceTimersToNextTimer();
    expect(root.children.length).toBe(5);
    expect(filled).toBe(0);
    vi.runAllTimers();
    expect(body.filling).toBe(false);
    expect(filled).toBe(1);
    expect(root.children.length).toBe(25);
    expect(shown(body)).toBe(renderArticle(edited, purify));
    // Then edits are patched in place as in any post.
    const again = edited.replace('Paragraph 3 about', 'Paragraph 3, later, about');
    body.update('post', again, {});
    expect(body.filling || body.deferred).toBe(false);
    expect(shown(body)).toBe(renderArticle(again, purify));
    // Another post while one is filling: the first stops, the second is shown whole.
    body.update('other', text, {});
    expect(body.filling).toBe(true);
    body.update('small', 'Just a line.\n', {});
    expect(body.filling).toBe(false);
    vi.runAllTimers();
    expect(shown(body)).toBe(renderArticle('Just a line.\n', purify));
    body.dispose();
  });

  it('groups a long post into sections and patches a block in the middle of one', () => {
    const text = Array.from({ length: 150 }, (_, i) => `## Part ${i}\n\nParagraph ${i} about tide pools.\n`).join('\n');
    const root = page.createElement('div');
    // Sized down from the app's (1,600 nodes, 48 blocks a section) for a quick test.
    const body = new PreviewBody(root, purify, { sectionMinNodes: 200, sectionBlocks: 12 });
    body.update('post', text, {});
    // 25 sections instead of 300 blocks at the top of the article.
    expect(root.children.length).toBe(25);
    expect([...root.children].every((child) => child.localName === SECTION_TAG)).toBe(true);
    expect(shown(body)).toBe(renderArticle(text, purify));

    const edited = text.replace('Paragraph 75 about', 'Paragraph 75\n\n## Inserted\n\nabout');
    body.update('post', edited, {});
    expect(body.deferred).toBe(false);
    expect(shown(body)).toBe(renderArticle(edited, purify));
    // A deletion across blocks 20 to 30, which straddle the second and third sections.
    const cut = edited.slice(0, edited.indexOf('Paragraph 10 about')) + edited.slice(edited.indexOf('Paragraph 15 about'));
    body.update('post', cut, {});
    expect(body.deferred).toBe(false);
    expect(shown(body)).toBe(renderArticle(cut, purify));
    const joined = cut.replace('## Part 149\n', 'Part 149\n').replace('\n\n## Part 0', '\n## Part 0');
    body.update('post', joined, {});
    vi.runOnlyPendingTimers();
    expect(shown(body)).toBe(renderArticle(joined, purify));
  });
});
