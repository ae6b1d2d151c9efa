import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../main/library/search-text';
import { replaceLinks, replaceTags } from '../../../shared/markdown-scan';
import { plainExcerpt, summarizePost } from '../../../shared/post';
import { textStats } from '../../../shared/text-stats';

// The regular expressions the scanners replace are their specification: same results on any
// text, without retrying from every `[` or `<` (which made a post of `[` take seconds).
const RUNS = { numRuns: 300 };
const markdownish = fc
  .array(fc.constantFrom('[', ']', '(', ')', '!', '<', '>', '/', 'a', 'B', ' ', '\n', '\r\n', '#', '*', '`', '\t', '\u2028', '’', "'", '-', '.', '1', '😀', '\ud800'), { maxLength: 60 })
  .map((parts) => parts.join(''));

const LINK = /\[([^\]]*)\]\([^)]*\)/g;
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const TAG = /<\/?[a-zA-Z][^>]*>/g;

function oldExcerpt(body: string): string {
  const paragraph =
    body
      .split(/\r?\n\s*\r?\n/)
      .map((block) => block.trim())
      .find((block) => block && !/^(#|```|~~~|\||<|!\[|\$\$|\[\^)/.test(block)) ?? '';
  const text = paragraph.replace(IMAGE, '').replace(LINK, '$1').replace(/[*_`~>#]/g, '').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 159).trimEnd()}…` : text;
}

function oldHeading(body: string): string {
  return /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1]?.trim() ?? '';
}

describe('linear plain-text passes', () => {
  it('replace links, images and tags exactly as the regular expressions did', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(replaceLinks(text, false, (label) => `{${label}}`)).toBe(text.replace(LINK, (_m, label: string) => `{${label}}`));
        expect(replaceLinks(text, true, () => '')).toBe(text.replace(IMAGE, ''));
        expect(replaceTags(text, ' ')).toBe(text.replace(TAG, ' '));
      }),
      RUNS,
    );
  });

  it('give the same excerpt, title and word count as before', () => {
    fc.assert(
      fc.property(markdownish, markdownish, (a, b) => {
        const body = `${a}\n\n${b}`;
        expect(plainExcerpt(body)).toBe(oldExcerpt(body));
        expect(summarizePost('id', body, 0).title).toBe(oldHeading(body) || 'id');
        expect(textStats(body).words).toBe(body.match(/[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu)?.length ?? 0);
        expect(textStats(body).characters).toBe([...body].length);
      }),
      RUNS,
    );
  });

  it('reads headings and excerpts bloggers write', () => {
    const post = '---\ntitle: ""\n---\nIntro line\n\n#   Tide pools ##  \n\nThe [guide](https://x.org) and ![a](b.png) *crabs*.\n';
    expect(summarizePost('p', post, 0)).toMatchObject({ title: 'Tide pools', excerpt: 'Intro line' });
    expect(plainExcerpt('# H\n\nThe [guide](https://x.org) and ![a](b.png) *crabs*.')).toBe('The guide and crabs.');
    expect(plainText('See [the guide](https://x.org) <b>now</b>')).toBe('See the guide now');
  });

  it('keeps summaries apart when the front matter changes between calls', () => {
    expect(summarizePost('p', '---\ntitle: One\ntags: [a]\n---\nx', 0)).toMatchObject({ title: 'One', tags: ['a'] });
    expect(summarizePost('p', '---\ntitle: Two\n---\nx', 0)).toMatchObject({ title: 'Two', tags: [] });
    expect(summarizePost('p', '---\ntitle: [\n---\nx', 0).problem).toMatch(/front matter has an error on line/);
  });
});
