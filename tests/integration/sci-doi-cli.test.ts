/// `postwright cite add` as a user runs it: a real child process, doi.org played by the stand-in.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDoiResolver, type DoiResolver } from '../servers/doi-resolver/server';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '..', '..', 'bin', 'postwright.cjs');
let base: string;
let library: string;
let resolver: DoiResolver;

function postwright(...args: string[]) {
  return run(process.execPath, [bin, ...args], { env: { ...process.env, POSTWRIGHT_LIBRARY: library, POSTWRIGHT_TEST_DOI_BASE: resolver.url } });
}

beforeAll(async () => {
  resolver = await startDoiResolver();
  base = mkdtempSync(path.join(os.tmpdir(), 'sci-doi-cli-'));
  library = path.join(base, 'library');
  mkdirSync(path.join(library, 'posts', 'radishes'), { recursive: true });
  mkdirSync(path.join(library, '.postwright'));
});
afterAll(async () => {
  rmSync(base, { recursive: true, force: true });
  await resolver.stop();
});

describe('postwright render in a Spanish library', () => {
  it('writes "Figura 1", as the preview does', async () => {
    writeFileSync(path.join(library, '.postwright', 'settings.json'), JSON.stringify({ words: { fig: 'Figura', tbl: 'Tabla', eq: 'Ecuación', references: 'Referencias' } }));
    const file = path.join(library, 'posts', 'radishes', 'brotes.md');
    writeFileSync(file, '---\ntitle: Brotes\n---\n\n![Brotes el día 3](d3.png){#fig:brotes}\n\nVer @fig:brotes.\n');
    const { stdout } = await postwright('render', file);
    expect(stdout).toContain('Figura 1: ');
    expect(stdout).toMatch(/Ver <a[^>]*>Figura 1<\/a>/);
    rmSync(path.join(library, '.postwright', 'settings.json'));
  });
});

describe('postwright cite add', () => {
  it('adds the source to the library’s references.bib and prints the key to cite', async () => {
    const { stdout } = await postwright('cite', 'add', 'https://doi.org/10.5555/jse.2023.017');
    expect(stdout).toContain('Made references.bib in the library, now the bibliography of every post that names none, and added okafor2023radish to it.');
    expect(stdout).toContain('Cite it as [@okafor2023radish]');
    expect(readFileSync(path.join(library, 'references.bib'), 'utf8')).toMatch(/^@article\{okafor2023radish,/);
    const again = await postwright('cite', 'add', '10.5555/JSE.2023.017');
    expect(again.stdout).toContain('already in the bibliography as okafor2023radish; nothing was added.');
  });

  it('adds to the bibliography the post names', async () => {
    writeFileSync(path.join(library, 'posts', 'radishes', 'index.md'), '---\ntitle: Radishes\nbibliography: [own.json]\n---\n\nText.\n');
    const { stdout } = await postwright('cite', 'add', 'doi:10.5555/zenodo.778899', '--post', 'radishes');
    expect(stdout).toContain('Made posts/radishes/own.json, which the post names as its bibliography, and added nunez2022windowsill to it.');
    expect(JSON.parse(readFileSync(path.join(library, 'posts', 'radishes', 'own.json'), 'utf8'))).toMatchObject([{ id: 'nunez2022windowsill', type: 'dataset' }]);
  });

  it('says why, and exits non-zero, for a DOI nobody registered', async () => {
    const failed = await postwright('cite', 'add', '10.5555/no.such.thing').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('No source is registered under the DOI 10.5555/no.such.thing') });
  });

  it('asks for the DOI when none is given', async () => {
    const usage = await postwright('cite', 'add').catch((error: { code: number; stderr: string }) => error);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('cite add needs a DOI') });
  });
});
