/// Adds a source by its DOI to the bibliography a post reads: the first `.bib` or `.json` its front
/// matter names, else the library's `references.bib` / `references.json`, made when there is none
/// (it is then every post's default bibliography). The file is appended to, never rewritten: what
/// the blogger had stays byte for byte, and the new text must read back before it replaces the old.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CslItem } from '../../shared/render/science/citeproc';
import { writeFileAtomic } from '../fs/atomic-write';
import { PathOutsideLibraryError, resolveInsideReal } from '../library/paths';
import { cleanItem, makeKey, plainReference, toBibtex } from './doi-entry';
import { DoiError, fetchDoi, normalizeDoi, type FetchDoiOptions } from './doi';
import { DEFAULT_BIBLIOGRAPHIES } from './render-options';
import { readBibliography } from './sources';

export interface AddScope {
  /// The library: nothing outside it is read or written.
  root: string;
  /// The post's folder, which the names in its front matter are relative to.
  dir: string;
  /// What the post's `bibliography:` names (empty: the library's default).
  bibliography: string[];
}

export interface AddedSource {
  key: string;
  doi: string;
  /// The bibliography file, relative to the library, with `/`.
  file: string;
  /// The file did not exist and was made.
  created: boolean;
  /// The DOI was in the bibliography already: nothing was added, `key` is its entry's.
  existing: boolean;
  /// The reference as a reader sees it (plain text).
  reference: string;
  message: string;
}

const running = new Map<string, Promise<unknown>>();

/// One add at a time per library, so two adds never read the same old file and lose one entry.
export function addSourceByDoi(input: string, scope: AddScope, options: FetchDoiOptions = {}): Promise<AddedSource> {
  const doi = normalizeDoi(input);
  const previous = running.get(scope.root) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => addNow(doi, scope, options));
  running.set(scope.root, run);
  void run.finally(() => running.get(scope.root) === run && running.delete(scope.root)).catch(() => undefined);
  return run;
}

async function addNow(doi: string, scope: AddScope, options: FetchDoiOptions): Promise<AddedSource> {
  const target = await chooseFile(scope);
  const shown = path.relative(scope.root, target.file).split(path.sep).join('/');
  const text = target.exists ? await fs.readFile(target.file, 'utf8') : '';
  const own = target.exists ? await readBibliography(target.file).catch((error: Error) => {
    throw new DoiError('setup', `${shown} could not be read (${error.message}). Fix it first; nothing was added.`);
  }) : [];
  const others = await Promise.all(target.others.map((file) => readBibliography(file).catch(() => [] as CslItem[])));
  const items = [...own, ...others.flat()];

  const known = items.find((item) => typeof item.DOI === 'string' && item.DOI.toLowerCase() === doi.toLowerCase());
  if (known) {
    return { key: known.id, doi, file: shown, created: false, existing: true, reference: await plainReference(known).catch(() => ''),
      message: `${doi} is already in the bibliography as ${known.id}; nothing was added.` };
  }

  const fetched = await fetchDoi(doi, options);
  const key = makeKey(fetched, items.map((item) => item.id));
  const item = cleanItem(fetched, key);
  const json = target.file.toLowerCase().endsWith('.json');
  const next = json ? appendJson(text, item) : appendBibtex(text, await toBibtex(item));
  await checkReadsBack(next, json, key, shown);
  await writeFileAtomic(target.file, next, { root: scope.root, displayName: shown });
  const message = target.exists
    ? `Added ${key} to ${shown}.`
    : scope.bibliography.length > 0
      ? `Made ${shown}, which the post names as its bibliography, and added ${key} to it.`
      : `Made ${shown} in the library, now the bibliography of every post that names none, and added ${key} to it.`;
  return { key, doi, file: shown, created: !target.exists, existing: false, reference: await plainReference(item), message };
}

interface Target {
  file: string;
  exists: boolean;
  /// The post's other bibliography files, whose keys the new one must not repeat.
  others: string[];
}

async function chooseFile(scope: AddScope): Promise<Target> {
  const exists = (file: string) => fs.stat(file).then((stat) => stat.isFile(), () => false);
  if (scope.bibliography.length > 0) {
    const files: string[] = [];
    for (const name of scope.bibliography) files.push(await inside(scope, scope.dir, name));
    const file = files.find((candidate) => /\.(bib|json)$/i.test(candidate));
    if (!file) throw new DoiError('setup', `The post's bibliography (${scope.bibliography.join(', ')}) is not a .bib or .json file, which is what Postwright adds sources to.`);
    const others = [];
    for (const other of files) if (other !== file && (await exists(other))) others.push(other);
    return { file, exists: await exists(file), others };
  }
  const defaults = await Promise.all(DEFAULT_BIBLIOGRAPHIES.map((name) => inside(scope, scope.root, name)));
  const present = [];
  for (const file of defaults) if (await exists(file)) present.push(file);
  const file = present[0] ?? defaults[0]!;
  return { file, exists: present.length > 0, others: present.slice(1) };
}

async function inside(scope: AddScope, base: string, name: string): Promise<string> {
  const relative = path.relative(scope.root, path.resolve(base, name));
  try {
    return await resolveInsideReal(scope.root, ...relative.split(path.sep));
  } catch (error) {
    if (error instanceof PathOutsideLibraryError) {
      throw new DoiError('setup', `The bibliography "${name}" is outside the library, so Postwright does not write to it. Move or copy it into the library.`);
    }
    throw error;
  }
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function appendBibtex(text: string, entry: string): string {
  const eol = lineEnding(text);
  const body = entry.replace(/\r?\n/g, eol);
  if (text.trim() === '') return `${text}${body}${eol}`;
  return `${text.endsWith('\n') ? text : text + eol}${eol}${body}${eol}`;
}

/// Inserts the item before the list's closing bracket, leaving every earlier byte as it was.
export function appendJson(text: string, item: CslItem): string {
  const eol = lineEnding(text);
  const entry = JSON.stringify(item, null, 2).split('\n').map((line) => `  ${line}`).join(eol);
  const close = text.lastIndexOf(']');
  if (text.trim() === '' || close < 0) return `[${eol}${entry}${eol}]${eol}`;
  const before = text.slice(0, close).trimEnd();
  return `${before}${before.endsWith('[') ? '' : ','}${eol}${entry}${eol}]${text.slice(close + 1)}`;
}

/// The new file must parse as the preview will parse it, and hold the new key; else nothing is written.
async function checkReadsBack(text: string, json: boolean, key: string, shown: string): Promise<void> {
  let ids: string[] = [];
  try {
    if (json) ids = (JSON.parse(text.replace(/^\uFEFF/, '')) as CslItem[]).map((item) => item.id);
    else {
      const { Cite } = await import('@citation-js/core');
      await import('@citation-js/plugin-bibtex');
      ids = new Cite(text, { forceType: '@bibtex/text' }).data.map((item) => item.id);
    }
  } catch (error) {
    throw new DoiError('malformed', `Adding the entry would leave ${shown} unreadable (${(error as Error).message}); nothing was added.`);
  }
  if (!ids.includes(key)) throw new DoiError('malformed', `The new entry did not read back from ${shown}; nothing was added.`);
}
