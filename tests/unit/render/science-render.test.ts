/// The sample science post (a review with eight citations, two figures, a table and an
/// equation) as a reader sees it after the whole pipeline, sanitizer included.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePostFile } from '../../../shared/frontmatter';
import type { RenderOptions } from '../../../shared/render/index';
import { scienceRenderOptions } from '../../../main/science/render-options';
import { article } from './helpers';

const fixtures = path.resolve(__dirname, '../../fixtures/science');
const post = parsePostFile(readFileSync(path.join(fixtures, 'review.md'), 'utf8'));
const scope = { dir: fixtures, root: fixtures };

async function options(csl: string): Promise<RenderOptions> {
  const { options, problems } = await scienceRenderOptions({ ...post.data, csl }, scope);
  expect(problems).toEqual([]);
  return options;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the sample science post', () => {
  let apa: HTMLElement;
  let ieee: HTMLElement;
  beforeAll(async () => {
    apa = article(post.body, await options('apa'));
    ieee = article(post.body, await options('ieee'));
  });

  it('numbers figures, the table and the equation in the order they appear, with working links', () => {
    for (const doc of [apa, ieee]) {
      expect(text(doc.querySelector('figure#fig\\:growth figcaption'))).toBe('Figure 1: Mean seedling height by week for the four moisture groups');
      expect(text(doc.querySelector('figure#fig\\:leaning figcaption'))).toMatch(/^Figure 2: /);
      expect(text(doc.querySelector('table#tbl\\:height caption'))).toBe('Table 1: Height after four weeks by soil moisture');
      expect(text(doc.querySelector('#eq\\:growth .eq-number'))).toBe('(1)');
      const refs = [...doc.querySelectorAll('a.xref')].map((a) => `${a.getAttribute('href')} ${text(a)}`);
      expect(refs).toEqual(['#fig:growth Figure 1', '#eq:growth Equation (1)', '#tbl:height Table 1', '#fig:leaning Figure 2']);
      for (const a of doc.querySelectorAll('a.xref')) expect(doc.querySelector(`[id="${a.getAttribute('href')!.slice(1)}"]`)).not.toBeNull();
      // No raw syntax is left for the reader.
      expect(doc.textContent).not.toMatch(/\{#|@fig:|@tbl:|@eq:|\[@/);
    }
  });

  it('cites all eight sources and lists them once, where ::: {#refs} stands', () => {
    for (const doc of [apa, ieee]) {
      const entries = doc.querySelectorAll('#refs .csl-entry');
      expect(entries).toHaveLength(8);
      const refs = doc.querySelector('#refs')!;
      expect(refs.previousElementSibling?.textContent).toBe('References');
      expect(refs.querySelector('h2')).toBeNull();
      for (const cite of doc.querySelectorAll('a.citation')) expect(doc.querySelector(`[id="${cite.getAttribute('href')!.slice(1)}"]`)).not.toBeNull();
    }
  });

  it('APA: author-date citations and an alphabetical list with DOI links', () => {
    expect(text(apa.querySelector('a.citation'))).toBe('Okafor & Lindqvist (2024)');
    // APA sorts the items of a citation; each keeps its own prefix, as in pandoc.
    expect(apa.textContent).toContain('(Asante, 2018, p. 7; see Hartmann, 2019)');
    const authors = [...apa.querySelectorAll('#refs .csl-entry')].map((entry) => text(entry));
    expect(authors).toEqual([...authors].sort((a, b) => a.localeCompare(b)));
    const doi = apa.querySelector('#ref-okafor2024 a')!;
    expect(doi.getAttribute('href')).toBe('https://doi.org/10.5555/jse.2024.045');
  });

  it('IEEE: numbers in order of first citation, the list in that order', () => {
    expect(text(ieee.querySelector('a.citation'))).toBe('Okafor and Lindqvist [1]');
    const keys = [...ieee.querySelectorAll('#refs .csl-entry')].map((entry) => entry.id.replace('ref-', ''));
    expect(keys.slice(0, 3)).toEqual(['okafor2024', 'hartmann2019', 'asante2018']);
    expect(text(ieee.querySelector('#ref-hartmann2019 .csl-left-margin'))).toBe('[2]');
  });

  it('a new figure before the others renumbers the ones after it', () => {
    const body = post.body.replace('## The study', '![A first photo](first.png){#fig:first}\n\n## The study');
    const doc = article(body, {});
    expect(text(doc.querySelector('figure#fig\\:growth figcaption'))).toMatch(/^Figure 2: /);
    expect(text(doc.querySelector('figure#fig\\:leaning figcaption'))).toMatch(/^Figure 3: /);
  });
});

describe('citations and references that do not resolve', () => {
  it('an unknown key is marked and named, and stops nothing', async () => {
    const { options } = await scienceRenderOptions({ bibliography: 'refs.bib' }, scope);
    const doc = article('As shown [@nobody1999; @okafor2024].\n', options);
    const missing = doc.querySelector('.citation-missing')!;
    expect(missing.getAttribute('title')).toContain('nobody1999');
    expect(text(missing)).toBe('[@nobody1999; @okafor2024]');
  });

  it('an unknown label reads plainly, with the reason on hover', () => {
    const doc = article('See @fig:nothere.\n', {});
    const missing = doc.querySelector('.xref-missing')!;
    expect(text(missing)).toBe('Figure ?');
    expect(missing.getAttribute('title')).toContain('fig:nothere');
  });

  it('without a bibliography, @handles, addresses and [@text] stay as written', () => {
    const doc = article('Follow @radish_fan or mail jo@example.org [@notes].\n', {});
    expect(text(doc)).toBe('Follow @radish_fan or mail jo@example.org [@notes].');
  });

  it('words follow the blogger’s language', () => {
    const doc = article('![Gráfico](g.png){#fig:g}\n\nVéase @fig:g.\n', { science: { words: { fig: 'Figura' } } });
    expect(text(doc.querySelector('figcaption'))).toBe('Figura 1: Gráfico');
    expect(text(doc.querySelector('a.xref'))).toBe('Figura 1');
  });
});
