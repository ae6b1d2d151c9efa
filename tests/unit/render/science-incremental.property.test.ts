/// The incremental preview with citations and cross-references in play: a new citation
/// renumbers the bibliography, a new figure renumbers the ones after it, and the preview
/// still equals a full render after every keystroke.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { createNodePurify } from '../../../main/render/node-purify';
import { STYLES, localeFor } from '../../../main/science/styles/index';
import { renderArticle, type RenderOptions } from '../../../shared/render/index';
import { IncrementalArticle } from '../../../shared/render/incremental';
import { createCitationEngine } from '../../../shared/render/science/citeproc';
import { Body } from './preview-body';

const purify = createNodePurify();
const items = new Cite(readFileSync(path.resolve(__dirname, '../../fixtures/science/refs.bib'), 'utf8')).data;

const BLOCKS = [
  'Growth was fast [@okafor2024] and @nguyen2021 agree.',
  'Earlier work [see @hartmann2019, p. 4; @asante2018] disagrees.',
  'Plain paragraph about radishes.',
  '![Height by week](growth.png){#fig:growth}',
  '![Leaning seedlings](lean.png){#fig:lean}',
  'See @fig:growth and @fig:lean, and @tbl:height.',
  '| A | B |\n|---|---|\n| 1 | 2 |\n\n: Heights {#tbl:height}',
  '$$\nh = h_0 e^{kt}\n$$ {#eq:growth}',
  'As @eq:growth shows, and [@silva2020; -@tanaka2017].',
  '## Results',
  '```\n@notacitation {#fig:nope}\n```',
  '::: {#refs}\n:::',
];
const PIECES = ['[@moreau2022]', ' @okafor2024', '{#fig:new}', '![New](n.png){#fig:first}\n\n', '@fig:growth', '\n\n', '`', '```\n', 'x', '@', '[@', ']', '$$'];

const document = fc
  .array(fc.constantFrom(...BLOCKS), { minLength: 2, maxLength: 10 })
  .map((blocks) => blocks.join('\n\n') + '\n');
const edit = fc.record({
  at: fc.nat(),
  insert: fc.option(fc.constantFrom(...PIECES), { nil: undefined }),
  remove: fc.integer({ min: 1, max: 10 }),
});

describe('the incremental preview with citations and cross-references', () => {
  for (const style of ['apa', 'ieee']) {
    it(`equals a full render after any sequence of edits (${style})`, () => {
      fc.assert(
        fc.property(document, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
          const options: RenderOptions = { science: { citations: createCitationEngine(items, STYLES[style]!, localeFor('en')) } };
          const article = new IncrementalArticle(purify);
          const body = new Body(article);
          body.apply(article.render('post', start, options));
          let text = start;
          for (const change of edits) {
            const at = change.at % (text.length + 1);
            text = change.insert !== undefined ? text.slice(0, at) + change.insert + text.slice(at) : text.slice(0, at) + text.slice(at + change.remove);
            const patch = article.patch('post', text, options);
            if (patch === 'unchanged') continue;
            body.apply(patch ?? article.render('post', text, options));
            expect(body.html()).toBe(renderArticle(text, purify, options));
          }
        }),
        // Bounded by runs; a failure is reported as found (shrinking through citeproc is slow).
        { numRuns: 8, endOnFailure: true },
      );
    }, 300_000);
  }
});
