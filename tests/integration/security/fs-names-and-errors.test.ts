/// A library must move between Linux, macOS and Windows: post names Windows cannot store, or
/// names that are another post's twin by case or Unicode form, are refused or avoided. And a disk
/// problem (a read-only library, a link loop) is said in words, never as an internal errno.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { libraryImportTarget } from '../../../main/import/index';
import { runImport } from '../../../main/import/run';
import { ExportFileSource } from '../../../main/import/source';
import { Library } from '../../../main/library/library';

let root: string;
let library: Library;
const post = (title: string) => `---\ntitle: ${title}\n---\nBody.\n`;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-names-'));
  library = await new Library(root).open();
});
afterEach(async () => {
  await library.close();
  await fs.rm(root, { recursive: true, force: true });
});

it.each(['CON', 'nul', 'com1', 'LPT9', 'aux.md', 'notes.', 'notes ', 'cafe\u0301'])('refuses to make a post named %j', async (id) => {
  await expect(library.save(id, post('Odd'), null)).rejects.toMatchObject({ code: 'invalid-argument', message: /cannot be a post name/ });
  expect(await fs.readdir(path.join(root, 'posts'))).toEqual(['welcome']);
});

it('refuses a new post whose name is another post’s twin by case or Unicode form', async () => {
  await library.save('caf\u00e9', post('Café'), null);
  await fs.mkdir(path.join(root, 'posts', 'Notes'));
  await fs.writeFile(path.join(root, 'posts', 'Notes', 'index.md'), post('Notes'));
  await expect(library.save('notes', post('notes'), null)).rejects.toMatchObject({ message: /take it for the post “Notes”/ });
  expect((await fs.readdir(path.join(root, 'posts'))).sort()).toEqual(['Notes', 'caf\u00e9', 'welcome']);
  // A new post from a title picks a name of its own instead.
  expect((await library.create('Notes')).summary.id).toBe('notes-2');
});

it('imports a post under a name of its own when the library has its twin by case', async () => {
  await fs.mkdir(path.join(root, 'posts', 'Field-Notes'));
  await fs.writeFile(path.join(root, 'posts', 'Field-Notes', 'index.md'), post('Mine'));
  await library.index.refresh();
  const source = new ExportFileSource('test-blog', 'a test blog', [
    { remoteId: '1', url: 'https://blog.example/field-notes', slug: 'field-notes', title: 'Field notes', html: '<p>Theirs.</p>', status: 'published', date: null, modified: null, tags: [], categories: [], excerpt: null },
  ]);
  await runImport(source, libraryImportTarget(library), {});
  expect((await fs.readdir(path.join(root, 'posts'))).sort()).toEqual(['Field-Notes', 'field-notes-2', 'welcome']);
  expect(await fs.readFile(path.join(root, 'posts', 'Field-Notes', 'index.md'), 'utf8')).toBe(post('Mine'));
});

it('says a post is a link loop instead of failing with an internal error', async () => {
  await fs.symlink('loop', path.join(root, 'posts', 'loop'));
  await expect(library.get('loop')).rejects.toMatchObject({ code: 'invalid-argument', message: /leads back to itself/ });
  await expect(library.save('loop', post('Loop'), null)).rejects.toMatchObject({ code: 'invalid-argument', message: /leads back to itself/ });
});

it('says the library cannot be changed when it is read-only, and loses nothing', async () => {
  const before = await library.get('welcome');
  const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-names-empty-'));
  // chmod does not stop root; an immutable folder does.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chattr', ['-R', '+i', root, empty]);
  else execFileSync('chmod', ['-R', 'a-w', root, empty]);
  try {
    const attempts = [
      () => library.create('New thoughts'),
      () => library.save('welcome', `${before.text}\nMore.\n`, before.hash),
      () => library.delete('welcome'),
      () => new Library(empty).open(),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: expect.stringMatching(/save-failed|invalid-argument/), message: /not allowed to change|read-only/ });
      expect((error as Error).message).not.toMatch(/\bE[A-Z]{3,}\b/);
    }
  } finally {
    if (asRoot) execFileSync('chattr', ['-R', '-i', root, empty]);
    else execFileSync('chmod', ['-R', 'u+w', root, empty]);
    await fs.rm(empty, { recursive: true, force: true });
  }
  expect((await library.get('welcome')).text).toBe(before.text);
});

it('restores a trashed post under a name of its own when the library has its twin by case', async () => {
  await library.save('notes', post('Trashed'), null);
  const trashed = await library.delete('notes');
  await fs.mkdir(path.join(root, 'posts', 'NOTES'));
  await fs.writeFile(path.join(root, 'posts', 'NOTES', 'index.md'), post('Theirs'));
  expect((await library.restoreFromTrash(trashed.trashId)).id).toBe('notes-2');
  expect(await fs.readFile(path.join(root, 'posts', 'NOTES', 'index.md'), 'utf8')).toBe(post('Theirs'));
});
