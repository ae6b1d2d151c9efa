/// Adding a source by DOI, the parts without a network: reading what was pasted, making a key no
/// entry has, and appending without touching what the file already held.
import { describe, expect, it } from 'vitest';
import { appendBibtex, appendJson } from '../../../main/science/add-source';
import { cleanItem, makeKey, toBibtex } from '../../../main/science/doi-entry';
import { checkItem, doiResolverBase, DoiError, normalizeDoi, TEST_DOI_BASE_ENV } from '../../../main/science/doi';
import '@citation-js/plugin-bibtex';
import { CROSSREF_ARTICLE } from '../../servers/doi-resolver/records';

describe('normalizeDoi', () => {
  it.each([
    ['10.1038/nature12373', '10.1038/nature12373'],
    ['  doi:10.1038/nature12373 ', '10.1038/nature12373'],
    ['DOI: 10.1038/nature12373', '10.1038/nature12373'],
    ['https://doi.org/10.1038/nature12373', '10.1038/nature12373'],
    ['http://dx.doi.org/10.1038/nature12373', '10.1038/nature12373'],
    ['https://www.doi.org/10.1002/(SICI)1097-4636(199706)', '10.1002/(SICI)1097-4636(199706)'],
    ['https://doi.org/10.1000%2Fabc%3Cdef%3E', '10.1000/abc<def>'],
    ['doi.org/10.5555/jse.2023.017.', '10.5555/jse.2023.017'],
    ['<https://doi.org/10.5555/x>', '10.5555/x'],
  ])('reads %j as %j', (input, doi) => {
    expect(normalizeDoi(input)).toBe(doi);
  });

  it.each(['', 'nature12373', 'https://doi.org/10.1000%2Fabc%20def', '10.12/short-prefix', 'https://example.org/10.1038/nature12373', 'isbn:978-3-16-148410-0', '10.1038'])('refuses %j in words a blogger reads', (input) => {
    expect(() => normalizeDoi(input)).toThrow(DoiError);
    expect(() => normalizeDoi(input)).toThrow(/is not a DOI\. A DOI starts with 10\./);
  });
});

describe('the resolver address', () => {
  it('is doi.org unless a test names a stand-in on this machine, and never another host', () => {
    const before = process.env[TEST_DOI_BASE_ENV];
    try {
      delete process.env[TEST_DOI_BASE_ENV];
      expect(doiResolverBase()).toBe('https://doi.org');
      process.env[TEST_DOI_BASE_ENV] = 'http://127.0.0.1:4567/';
      expect(doiResolverBase()).toBe('http://127.0.0.1:4567');
      for (const bad of ['https://evil.example', 'http://10.0.0.5:80', 'http://user:pw@127.0.0.1:1', 'file:///etc/passwd', 'http://127.0.0.1.evil.example']) {
        process.env[TEST_DOI_BASE_ENV] = bad;
        expect(() => doiResolverBase()).toThrow(/not a test server on this machine/);
      }
    } finally {
      if (before === undefined) delete process.env[TEST_DOI_BASE_ENV];
      else process.env[TEST_DOI_BASE_ENV] = before;
    }
  });
});

describe('makeKey', () => {
  const item = checkItem(JSON.stringify(CROSSREF_ARTICLE), '10.5555/jse.2023.017');

  it('is author, year and the first word that says something', () => {
    expect(makeKey(item, [])).toBe('okafor2023radish');
    expect(makeKey({ id: 'x', title: 'The role of light', author: [{ family: 'van der Berg' }], issued: { 'date-parts': [[1999]] } }, [])).toBe('berg1999role');
    expect(makeKey({ id: 'x', title: 'Über Pflanzen', author: [{ family: 'Müller-Núñez' }] }, [])).toBe('mullernuneznduber');
    expect(makeKey({ id: 'x', title: 'Report', author: [{ literal: 'World Health Organization' }], issued: { 'date-parts': [['2020']] } }, [])).toBe('world2020report');
    expect(makeKey({ id: 'x' }, [])).toBe('anonnd');
  });

  it('adds a, b, … to a key that is taken, whatever its case', () => {
    expect(makeKey(item, ['Okafor2023Radish'])).toBe('okafor2023radisha');
    expect(makeKey(item, ['okafor2023radish', 'okafor2023radisha'])).toBe('okafor2023radishb');
    const taken = ['okafor2023radish', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((s) => `okafor2023radish${s}`)];
    expect(makeKey(item, taken)).toBe('okafor2023radishaa');
  });
});

describe('bad answers', () => {
  it.each([
    ['{"title": "half', /not valid JSON/],
    ['[1, 2]', /not a single entry/],
    ['"just a string"', /not a single entry/],
    ['{"publisher": "no title, no type"}', /no title or type/],
  ])('%j is refused and nothing is added', (text, reason) => {
    expect(() => checkItem(text, '10.5555/x')).toThrow(reason);
    expect(() => checkItem(text, '10.5555/x')).toThrow(/Nothing was added/);
  });
});

describe('the entry written', () => {
  it('keeps what a citation needs and drops Crossref’s reference list, licences and index dates', async () => {
    const item = cleanItem(checkItem(JSON.stringify(CROSSREF_ARTICLE), '10.5555/jse.2023.017'), 'okafor2023radish');
    expect(item).toMatchObject({ id: 'okafor2023radish', DOI: '10.5555/jse.2023.017', title: 'Radish roots under drought: a windowsill trial', volume: '11', issue: '2' });
    for (const dropped of ['reference', 'license', 'link', 'indexed', 'deposited', 'score', 'member']) expect(item).not.toHaveProperty(dropped);
    const bib = await toBibtex(item);
    expect(bib).toMatch(/^@article\{okafor2023radish,/);
    const { Cite } = await import('@citation-js/core');
    const [back] = new Cite(bib, { forceType: '@bibtex/text' }).data;
    expect(back).toMatchObject({ id: 'okafor2023radish', DOI: '10.5555/jse.2023.017', author: [{ family: 'Okafor' }, { family: 'Weiß' }] });
  });

  it('appends to BibTeX after the last entry, keeping the file’s bytes and line endings', () => {
    const crlf = '\uFEFF@book{a,\r\n  title = {A}\r\n}';
    const next = appendBibtex(crlf, '@article{b,\n\ttitle = {B},\n}');
    expect(next.startsWith(crlf)).toBe(true);
    expect(next.slice(crlf.length)).toBe('\r\n\r\n@article{b,\r\n\ttitle = {B},\r\n}\r\n');
    expect(appendBibtex('', '@article{b}')).toBe('@article{b}\n');
  });

  it('inserts into a CSL-JSON list without rewriting the entries before it', () => {
    const text = '[\n    {"id": "a", "title": "A"}\n]\n';
    const next = appendJson(text, { id: 'b', title: 'B' });
    expect(next.startsWith('[\n    {"id": "a", "title": "A"}')).toBe(true);
    expect(JSON.parse(next)).toEqual([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]);
    expect(JSON.parse(appendJson('[]', { id: 'b' }))).toEqual([{ id: 'b' }]);
    expect(JSON.parse(appendJson('', { id: 'b' }))).toEqual([{ id: 'b' }]);
  });
});
