import spec from 'commonmark-spec';
import { describe, expect, it } from 'vitest';
import { createMarkdown, type Profile } from '../../../shared/render/index';
import { normalizeHtml } from './normalize-html';

const HIGHLIGHTED = 'fenced code in a known language (ruby) is syntax-highlighted at render time';
const FIGURE = 'a lone image with a title becomes <figure> with a <figcaption>';
const LINKIFIED = 'GFM autolinks: a bare URL or e-mail address in text becomes a link';
const TAG_FILTER = 'GFM tag filter: <script>, <style>, <textarea> are shown as text';
const CLOSED = 'raw HTML sanitized: a formatting tag left open ends with its paragraph';

/// Spec examples whose expected HTML a profile differs from on purpose (why: docs/render-deviations.md).
/// Each must still differ, so a list cannot silently go stale.
const DEVIATIONS: Record<Profile, Record<number, string>> = {
  commonmark: { 142: HIGHLIGHTED, 143: HIGHLIGHTED },
  article: {
    142: HIGHLIGHTED, 143: HIGHLIGHTED,
    572: FIGURE, 573: FIGURE, 576: FIGURE, 577: FIGURE, 584: FIGURE, 585: FIGURE,
    586: FIGURE, 588: FIGURE, 589: FIGURE, 591: FIGURE,
    602: LINKIFIED, 608: LINKIFIED, 611: LINKIFIED, 612: LINKIFIED,
    170: TAG_FILTER, 171: TAG_FILTER, 172: TAG_FILTER, 173: TAG_FILTER, 176: TAG_FILTER, 178: TAG_FILTER,
    187: CLOSED, 344: CLOSED, 476: CLOSED, 477: CLOSED, 494: CLOSED, 613: CLOSED, 630: CLOSED, 631: CLOSED,
    642: CLOSED, 643: CLOSED,
  },
};

/// The article profile adds attributes to every block, heading and image; they
/// are removed before comparing so the suite still checks what readers see.
const ARTICLE_ATTRIBUTES = / data-line="\d+"|(?<=<h[1-6]) id="[^"]*"| loading="lazy"/g;

// spec.txt writes tabs as "→"; the official runner turns them back into tabs.
const tab = (text: string) => text.replace(/→/g, '\t');
const examples = spec.tests.map((example) => ({ ...example, markdown: tab(example.markdown), html: tab(example.html) }));

function suite(profile: Profile, prepare: (html: string) => string): void {
  const md = createMarkdown(profile);
  const render = (markdown: string) => normalizeHtml(prepare(md.render(markdown)));

  it('loads the examples', () => {
    expect(examples.length).toBeGreaterThan(600);
  });

  for (const example of examples) {
    const name = `example ${example.number} (${example.section})`;
    const reason = DEVIATIONS[profile][example.number];
    if (reason) {
      it(`${name} deviates: ${reason}`, () => {
        expect(render(example.markdown)).not.toBe(normalizeHtml(example.html));
      });
    } else {
      it(name, () => {
        expect(render(example.markdown)).toBe(normalizeHtml(example.html));
      });
    }
  }
}

describe('CommonMark spec, commonmark profile (article parser minus per-block attributes)', () => {
  suite('commonmark', (html) => html);
});

describe('CommonMark spec, article profile (data-line, heading ids and loading removed)', () => {
  suite('article', (html) => html.replace(ARTICLE_ATTRIBUTES, ''));
});

describe('normalizeHtml (the spec runner\'s comparison)', () => {
  it.each([
    ['<p>a  \t b</p>', '<p>a b</p>'],
    ['\n\t<p>\n\t\ta  b\t\t</p>\n\t', '<p>a b</p>'],
    ['<i>a  b</i> ', '<i>a b</i> '],
    ['<br />', '<br>'],
    ['<a title="bar" HREF="foo">x</a>', '<a href="foo" title="bar">x</a>'],
    ['&forall;&amp;&gt;&lt;&quot;', '\u2200&amp;&gt;&lt;&quot;'],
    ['<pre><code>a  b\n</code></pre>', '<pre><code>a  b\n</code></pre>'],
  ])('%j -> %j', (html, normal) => {
    expect(normalizeHtml(html)).toBe(normal);
  });
});
