/// The sources a post cites from: its bibliography files (BibTeX or CSL-JSON, such as the file
/// Zotero's Better BibTeX keeps exported), its citation style and language, read from the front
/// matter (`bibliography:`, `csl:`, `lang:`) or the library's defaults (`references.bib` or
/// `references.json` at the library's top). Files are read only inside `root`: a post imported
/// from elsewhere cannot make Postwright read, and publish, a file from outside the library.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CslItem } from '../../shared/render/science/citeproc';
import { resolveInsideReal } from '../library/paths';
import { DEFAULT_STYLE, STYLES, localeFor } from './styles/index';

export interface ScienceSources {
  items: CslItem[];
  style: string;
  styleName: string;
  locale: string;
  /// The files read, for watching: a change to any of them re-renders the post.
  files: string[];
  /// What could not be used, in the blogger's words. Nothing here stops a render or a publish.
  problems: string[];
}

export interface SourceScope {
  /// Paths in the front matter resolve against this folder (the post's own).
  dir: string;
  /// Nothing outside this folder is read (the library).
  root: string;
}

import { DEFAULT_BIBLIOGRAPHIES as DEFAULT_FILES } from './render-options';
const MAX_BYTES = 20 * 1024 * 1024;

/// Null when the post cites nothing and the library has no default bibliography.
export async function loadScienceSources(data: Record<string, unknown>, scope: SourceScope): Promise<ScienceSources | null> {
  const problems: string[] = [];
  const named = listOf(data.bibliography);
  const candidates = named.length > 0 ? named.map((name) => ({ name, base: scope.dir, required: true })) : DEFAULT_FILES.map((name) => ({ name, base: scope.root, required: false }));
  const items: CslItem[] = [];
  const files: string[] = [];
  for (const candidate of candidates) {
    const file = await inside(scope.root, candidate.base, candidate.name).catch(() => null);
    if (!file) {
      if (candidate.required) problems.push(`The bibliography "${candidate.name}" is outside the library, so it was not read. Move or copy it into the library.`);
      continue;
    }
    const loaded = await readBibliography(file).catch((error: Error & { code?: string }) => {
      if (error.code === 'ENOENT' && !candidate.required) return null;
      problems.push(`The bibliography "${candidate.name}" could not be read: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}`);
      return null;
    });
    if (!loaded) continue;
    files.push(file);
    items.push(...loaded);
  }
  if (named.length === 0 && files.length === 0) return null;
  const { style, styleName, styleFile } = await loadStyle(data.csl, scope, problems);
  if (styleFile) files.push(styleFile);
  const lang = typeof data.lang === 'string' ? data.lang : undefined;
  return { items: dedupe(items, problems), style, styleName, locale: localeFor(lang), files, problems };
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string' && value.trim() !== '') return [value.trim()];
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
  return [];
}

async function inside(root: string, base: string, name: string): Promise<string> {
  const relative = path.relative(root, path.resolve(base, name));
  return resolveInsideReal(root, ...relative.split(path.sep));
}

async function readText(file: string): Promise<string> {
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw new Error('it is not a file');
  if (stat.size > MAX_BYTES) throw new Error('it is larger than 20 MB');
  return fs.readFile(file, 'utf8');
}

const parsed = new Map<string, { stamp: string; items: CslItem[] }>();

/// BibTeX through citation-js; CSL-JSON as it is. Parsed once per version of the file.
export async function readBibliography(file: string): Promise<CslItem[]> {
  const stat = await fs.stat(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = parsed.get(file);
  if (cached?.stamp === stamp) return cached.items;
  const text = await readText(file);
  const items = file.toLowerCase().endsWith('.json') ? parseCslJson(text) : await parseBibtex(text);
  parsed.set(file, { stamp, items });
  return items;
}

function parseCslJson(text: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error('a CSL-JSON bibliography is a list of entries');
  return data.filter((entry): entry is CslItem => typeof entry === 'object' && entry !== null && typeof (entry as CslItem).id === 'string');
}

async function parseBibtex(text: string): Promise<CslItem[]> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  try {
    return new Cite(text, { forceType: '@bibtex/text' }).data as CslItem[];
  } catch (error) {
    throw new Error(`it is not valid BibTeX (${(error as Error).message})`);
  }
}

function dedupe(items: CslItem[], problems: string[]): CslItem[] {
  const byId = new Map<string, CslItem>();
  for (const item of items) {
    if (byId.has(item.id)) problems.push(`The key "${item.id}" is in the bibliography twice; the first entry is used.`);
    else byId.set(item.id, item);
  }
  return [...byId.values()];
}

async function loadStyle(value: unknown, scope: SourceScope, problems: string[]): Promise<{ style: string; styleName: string; styleFile?: string }> {
  const name = typeof value === 'string' ? value.trim() : '';
  const bundled = STYLES[name.toLowerCase().replace(/\.csl$/, '')];
  if (!name) return { style: STYLES[DEFAULT_STYLE]!, styleName: DEFAULT_STYLE };
  if (bundled && !name.includes('/')) return { style: bundled, styleName: name.toLowerCase().replace(/\.csl$/, '') };
  const file = await inside(scope.root, scope.dir, name).catch(() => null);
  const text = file ? await readText(file).catch(() => null) : null;
  if (!file || text === null || !/<style\b/.test(text)) {
    problems.push(`The citation style "${name}" was not found (the bundled ones are ${Object.keys(STYLES).join(', ')}); APA is used.`);
    return { style: STYLES[DEFAULT_STYLE]!, styleName: DEFAULT_STYLE };
  }
  return { style: text, styleName: path.basename(name, '.csl'), styleFile: file };
}
