/// The words for "Figure", "Table", "Equation" and "References", per library and per post.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibrarySettings } from '../../../shared/api';
import { renderArticle } from '../../../shared/render';
import { cleanWords, presetOf, WORD_PRESETS, wordsFor } from '../../../shared/science-words';
import { readLibrarySettings, saveLibrarySettings } from '../../../main/library/settings';
import { createNodePurify } from '../../../main/render/node-purify';
import { scienceRenderOptions } from '../../../main/science/render-options';

const BODY = '![Sprouts on day 3](day3.png){#fig:sprouts}\n\nSee @fig:sprouts and @tbl:yield.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Yield {#tbl:yield}\n';

describe('wordsFor', () => {
  it('takes the library’s words, and a post’s own front matter over them', () => {
    const es = WORD_PRESETS.es!.words;
    expect(wordsFor(es, {})).toEqual(es);
    expect(wordsFor(es, { figureTitle: 'Imagen', 'reference-section-title': 'Bibliografía' })).toEqual({ ...es, fig: 'Imagen', references: 'Bibliografía' });
    expect(wordsFor(undefined, { tableTitle: '  Cuadro ' })).toEqual({ tbl: 'Cuadro' });
    expect(wordsFor(undefined, { figureTitle: 3, tableTitle: '' })).toEqual({});
  });

  it('knows each preset and the blogger’s own words', () => {
    expect(presetOf({})).toBe('en');
    expect(presetOf(WORD_PRESETS.de!.words)).toBe('de');
    expect(presetOf({ ...WORD_PRESETS.pt!.words, eq: 'Fórmula' })).toBeNull();
  });

  it('ignores what a damaged settings file holds instead of failing a render', () => {
    expect(cleanWords({ fig: ' Figura ', tbl: 7, eq: '', references: 'x'.repeat(41) })).toEqual({ fig: 'Figura' });
    expect(cleanWords('Figura')).toBeUndefined();
  });

  it('refuses an empty or overlong word at the API', () => {
    expect(LibrarySettings.safeParse({ words: { fig: '  ' } }).success).toBe(false);
    expect(LibrarySettings.safeParse({ words: { fig: 'x'.repeat(41) } }).success).toBe(false);
    expect(LibrarySettings.parse({ words: { fig: ' Figura ' } })).toEqual({ words: { fig: 'Figura' } });
  });
});

describe('a Spanish library', () => {
  let base: string;
  let root: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'sci-doi-words-'));
    root = path.join(base, 'library');
    mkdirSync(path.join(root, 'posts', 'brotes'), { recursive: true });
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('keeps its words in .postwright/settings.json, other settings untouched', async () => {
    mkdirSync(path.join(root, '.postwright'));
    writeFileSync(path.join(root, '.postwright', 'settings.json'), '{"someday": true}');
    await saveLibrarySettings(root, { words: WORD_PRESETS.es!.words });
    expect(JSON.parse(readFileSync(path.join(root, '.postwright', 'settings.json'), 'utf8'))).toEqual({ someday: true, words: WORD_PRESETS.es!.words });
    expect(await readLibrarySettings(root)).toEqual({ words: WORD_PRESETS.es!.words });
    writeFileSync(path.join(root, '.postwright', 'settings.json'), '{ not json');
    expect(await readLibrarySettings(root)).toEqual({});
  });

  it('publishes and renders "Figura 1", "Tabla 1" (the options publishing and the CLI take)', async () => {
    await saveLibrarySettings(root, { words: WORD_PRESETS.es!.words });
    const { options } = await scienceRenderOptions({}, { dir: path.join(root, 'posts', 'brotes'), root });
    const html = renderArticle(BODY, createNodePurify(), options);
    expect(html).toContain('Figura 1: ');
    expect(html).toMatch(/>Figura 1<\/a> and <a[^>]*>Tabla 1<\/a>/);
    expect(html).not.toContain('Figure');
    const own = await scienceRenderOptions({ figureTitle: 'Imagen' }, { dir: path.join(root, 'posts', 'brotes'), root });
    expect(renderArticle(BODY, createNodePurify(), own.options)).toMatch(/>Imagen 1<\/a> and <a[^>]*>Tabla 1<\/a>/);
  });

  it('a library without settings still reads in English', async () => {
    const { options } = await scienceRenderOptions({}, { dir: path.join(root, 'posts', 'brotes'), root });
    expect(renderArticle(BODY, createNodePurify(), options)).toMatch(/>Figure 1<\/a> and <a[^>]*>Table 1<\/a>/);
  });
});
