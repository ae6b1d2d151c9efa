/// Adding a source by DOI against a stand-in for doi.org on 127.0.0.1 (tests/servers/doi-resolver):
/// the entry lands in the bibliography, the file still reads, and the post then cites it.
import '@citation-js/plugin-bibtex';
import { Cite } from '@citation-js/core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { createNodePurify } from '../../main/render/node-purify';
import { scienceRenderOptions } from '../../main/science/render-options';
import { ScienceService } from '../../main/science/service';
import { TEST_DOI_BASE_ENV } from '../../main/science/doi';
import { startDoiResolver, type DoiResolver } from '../servers/doi-resolver/server';

let resolver: DoiResolver;
let base: string;
let root: string;
let changes: number;
let service: ScienceService;

beforeAll(async () => {
  resolver = await startDoiResolver();
  process.env[TEST_DOI_BASE_ENV] = resolver.url;
});
afterAll(async () => {
  delete process.env[TEST_DOI_BASE_ENV];
  await resolver.stop();
});
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'sci-doi-'));
  root = path.join(base, 'library');
  mkdirSync(path.join(root, 'posts', 'radishes'), { recursive: true });
  mkdirSync(path.join(root, '.postwright'));
  changes = 0;
  service = new ScienceService(root, () => changes++);
});
afterEach(async () => {
  await service.close();
  rmSync(base, { recursive: true, force: true });
});

// IEEE, not the default APA: citeproc takes many seconds to read APA on a busy machine.
const post = (front: string, body: string) => writeFileSync(path.join(root, 'posts', 'radishes', 'index.md'), `---\ntitle: Radishes\ncsl: ieee\n${front}---\n\n${body}\n`);
async function render(): Promise<{ html: string; problems: string[] }> {
  const file = parsePostFile(readFileSync(path.join(root, 'posts', 'radishes', 'index.md'), 'utf8'));
  const science = await scienceRenderOptions(file.data, { dir: path.join(root, 'posts', 'radishes'), root });
  return { html: renderArticle(file.body, createNodePurify(), science.options), problems: science.problems };
}
const add = (doi: string, postId: string | null = 'radishes', bibliography: string[] = []) => service.addDoi({ doi, postId, bibliography });

describe('a library without a bibliography', () => {
  it('gets references.bib made, with the entry, and the post then cites it', async () => {
    post('', 'Drought thins the roots [@okafor2023radish].');
    const added = await add('https://doi.org/10.5555/JSE.2023.017');
    expect(added).toMatchObject({ key: 'okafor2023radish', file: 'references.bib', created: true, existing: false });
    expect(added.message).toMatch(/Made references\.bib in the library, now the bibliography of every post that names none/);
    expect(added.reference).toBe('Okafor A, Weiß J. Radish roots under drought: a windowsill trial. J Small Exp. 2023 May;11(2):17–29. doi:10.5555/jse.2023.017');
    expect(changes).toBe(1);
    // The stand-in was asked the way doi.org is asked, and redirected to the agency.
    expect(resolver.requests.at(-2)).toEqual({ path: '/10.5555/JSE.2023.017', accept: expect.stringContaining('application/vnd.citationstyles.csl+json') });
    expect(resolver.requests.at(-1)?.path).toBe('/crossref/10.5555%2FJSE.2023.017');

    const bib = readFileSync(path.join(root, 'references.bib'), 'utf8');
    const [entry] = new Cite(bib, { forceType: '@bibtex/text' }).data;
    expect(entry).toMatchObject({ id: 'okafor2023radish', DOI: '10.5555/jse.2023.017', title: 'Radish roots under drought: a windowsill trial' });
    expect(bib).not.toMatch(/text-mining|is-referenced-by/);

    const { html, problems } = await render();
    expect(problems).toEqual([]);
    expect(html).toMatch(/<a[^>]*href="#ref-okafor2023radish"[^>]*>\[1\]<\/a>/);
    expect(html).toMatch(/id="ref-okafor2023radish"[\s\S]*A\. Okafor and J\. Weiß[\s\S]*Radish roots under drought: a windowsill trial[\s\S]*https:\/\/doi\.org\/10\.5555\/jse\.2023\.017/);
  });
});

describe('a library with references.bib', () => {
  const existing = '% my sources\n@book{hartmann2019,\n  author = {Hartmann, Lena},\n  title = {Measuring Plants at Home},\n  year = {2019},\n  doi = {10.5555/JSE.2023.018}\n}\n';
  beforeEach(() => writeFileSync(path.join(root, 'references.bib'), existing));

  it('appends after what was there, and a second source of the same author, year and word gets its own key', async () => {
    const first = await add('doi:10.5555/jse.2023.017');
    expect(first.message).toBe('Added okafor2023radish to references.bib.');
    writeFileSync(path.join(root, 'references.bib'), `${readFileSync(path.join(root, 'references.bib'), 'utf8')}\n@misc{okafor2023radisha, title = {Taken}}\n`);
    const ds = await add('10.5555/zenodo.778899');
    expect(ds.key).toBe('nunez2022windowsill');
    const bib = readFileSync(path.join(root, 'references.bib'), 'utf8');
    expect(bib.startsWith(existing)).toBe(true);
    const ids = new Cite(bib, { forceType: '@bibtex/text' }).data.map((item) => item.id);
    expect(ids).toEqual(['hartmann2019', 'okafor2023radish', 'okafor2023radisha', 'nunez2022windowsill']);
  });

  it('a DOI already in the file is not added twice: the existing key is given back', async () => {
    const requests = resolver.requests.length;
    const again = await add('https://dx.doi.org/10.5555/jse.2023.018');
    expect(again).toMatchObject({ key: 'hartmann2019', existing: true, created: false });
    expect(again.message).toBe('10.5555/jse.2023.018 is already in the bibliography as hartmann2019; nothing was added.');
    expect(readFileSync(path.join(root, 'references.bib'), 'utf8')).toBe(existing);
    expect(resolver.requests.length).toBe(requests);
  });

  it('two adds at once both land', async () => {
    await Promise.all([add('10.5555/jse.2023.017'), add('10.5555/zenodo.778899')]);
    const ids = new Cite(readFileSync(path.join(root, 'references.bib'), 'utf8'), { forceType: '@bibtex/text' }).data.map((item) => item.id);
    expect(ids.sort()).toEqual(['hartmann2019', 'nunez2022windowsill', 'okafor2023radish']);
  });

  it('a key the new entry would take from the file is suffixed', async () => {
    writeFileSync(path.join(root, 'references.bib'), '@article{okafor2023radish, title = {Another}}\n');
    expect((await add('10.5555/jse.2023.017')).key).toBe('okafor2023radisha');
  });

  it('an unreadable references.bib is left alone', async () => {
    writeFileSync(path.join(root, 'references.bib'), '@article{broken, title = {no end');
    await expect(add('10.5555/jse.2023.017')).rejects.toThrow(/references\.bib could not be read [\s\S]*Fix it first; nothing was added/);
    expect(readFileSync(path.join(root, 'references.bib'), 'utf8')).toBe('@article{broken, title = {no end');
  });
});

describe('a post that names its bibliography', () => {
  it('gets the entry in its own CSL-JSON file, which the post then cites from', async () => {
    const file = path.join(root, 'posts', 'radishes', 'sources.json');
    writeFileSync(file, '[\n  {"id": "hartmann2019", "type": "book", "title": "Measuring Plants at Home"}\n]\n');
    post('bibliography: sources.json\n', 'Readings are public [@nunez2022windowsill].');
    const added = await add('10.5555/zenodo.778899', 'radishes', ['sources.json']);
    expect(added).toMatchObject({ key: 'nunez2022windowsill', file: 'posts/radishes/sources.json', created: false });
    const items = JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toEqual(['hartmann2019', 'nunez2022windowsill']);
    expect(existsSync(path.join(root, 'references.bib'))).toBe(false);
    expect((await render()).html).toMatch(/id="ref-nunez2022windowsill"[\s\S]*L\. Núñez[\s\S]*Windowsill soil moisture readings, spring 2022/);
  });

  it('a bibliography outside the library is refused and nothing is written', async () => {
    const outside = path.join(base, 'outside.bib');
    writeFileSync(outside, '');
    symlinkSync(outside, path.join(root, 'posts', 'radishes', 'linked.bib'));
    for (const name of ['../../../outside.bib', 'linked.bib']) {
      await expect(add('10.5555/jse.2023.017', 'radishes', [name])).rejects.toThrow(/is outside the library, so Postwright does not write to it/);
    }
    expect(readFileSync(outside, 'utf8')).toBe('');
  });
});

describe('what the blogger is told when the lookup fails (nothing is written)', () => {
  async function fails(doi: string, pattern: RegExp, code: string) {
    const error = await add(doi).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(pattern);
    expect((error as StudioError).code).toBe(code);
    expect(existsSync(path.join(root, 'references.bib'))).toBe(false);
    expect(changes).toBe(0);
  }

  it('not a DOI', () => fails('radish paper', /“radish paper” is not a DOI/, 'invalid-argument'));
  it('unknown to the resolver (404)', () => fails('10.5555/no.such.thing', /No source is registered under the DOI 10\.5555\/no\.such\.thing\. Check it for a typo/, 'not-found'));
  it('a broken answer', () => fails('10.5555/broken.json', /not a reference Postwright can read \(not valid JSON\)\. Nothing was added/, 'internal'));
  it('a web page instead of a reference', () => fails('10.5555/landing.page', /does not give its reference in a form Postwright reads \(it answered with text\/html\)/, 'internal'));
  it('a list instead of one entry', () => fails('10.5555/list.answer', /not a single entry/, 'internal'));
  it('a redirect to plain http elsewhere is not followed', () => fails('10.5555/elsewhere', /sent the lookup of 10\.5555\/elsewhere somewhere Postwright does not follow \(http:\/\/192\.0\.2\.1\)/, 'internal'));
  it('the agency is down', () => fails('10.5555/busy.agency', /could not answer for 10\.5555\/busy\.agency just now \(status 503\)/, 'internal'));

  it('offline', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    process.env[TEST_DOI_BASE_ENV] = `http://127.0.0.1:${closed}`;
    try {
      await fails('10.5555/jse.2023.017', /Could not reach doi\.org to look up 10\.5555\/jse\.2023\.017: this computer seems to be offline/, 'internal');
    } finally {
      process.env[TEST_DOI_BASE_ENV] = resolver.url;
    }
  });

  it('no answer at all', async () => {
    const { addSourceByDoi } = await import('../../main/science/add-source');
    const error = await addSourceByDoi('10.5555/never.answers', { root, dir: root, bibliography: [] }, { timeoutMs: 300 }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/took too long to answer for 10\.5555\/never\.answers.*nothing was added/);
    expect(existsSync(path.join(root, 'references.bib'))).toBe(false);
  });
});
