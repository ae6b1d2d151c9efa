/// A post folder (or its file) that is a link to a folder outside the library must never be
/// written through: not by a save, not by an added image, and not when the folder is swapped for
/// such a link between the writer's check and its write.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from '../../../main/fs/atomic-write';
import { Library } from '../../../main/library/library';

const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
let work: string;
let root: string;
let outside: string;
let library: Library;

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) out[name] = (await fs.readFile(path.join(dir, name))).toString('hex');
  return out;
}

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-link-'));
  root = path.join(work, 'library');
  outside = path.join(work, 'elsewhere');
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'index.md'), '---\ntitle: Not yours\n---\nPrecious.\n');
  await fs.writeFile(path.join(outside, 'notes.txt'), 'keep me');
  library = await new Library(root).open();
});
afterEach(async () => {
  await library.close();
  await fs.rm(work, { recursive: true, force: true });
});

it('refuses to save into a post folder that links outside the library, and writes nothing there', async () => {
  await fs.symlink(outside, path.join(root, 'posts', 'linked'), 'dir');
  const before = await snapshot(outside);
  await expect(library.save('linked', '---\ntitle: Mine\n---\nOverwritten?\n', null)).rejects.toMatchObject({ message: /outside the library/ });
  await expect(library.save('linked', 'Overwritten?', 'f'.repeat(64))).rejects.toMatchObject({ message: /outside the library/ });
  expect(await snapshot(outside)).toEqual(before);
});

it('refuses to save through a post file that links outside the library', async () => {
  await fs.mkdir(path.join(root, 'posts', 'filelink'));
  await fs.symlink(path.join(outside, 'index.md'), path.join(root, 'posts', 'filelink', 'index.md'));
  const before = await snapshot(outside);
  await expect(library.save('filelink', 'Overwritten?', null)).rejects.toMatchObject({ message: /outside the library/ });
  expect(await snapshot(outside)).toEqual(before);
});

it('refuses to add an image to a post folder that links outside the library', async () => {
  await fs.symlink(outside, path.join(root, 'posts', 'linked'), 'dir');
  const before = await snapshot(outside);
  await expect(library.addAsset('linked', 'pic.png', 'image/png', PNG)).rejects.toMatchObject({ code: 'save-failed', message: /outside the library/ });
  expect(await snapshot(outside)).toEqual(before);
});

it('refuses when the folder is swapped for a link between the check and the write', async () => {
  const post = path.join(root, 'posts', 'welcome');
  const original = await fs.readFile(path.join(post, 'index.md'));
  const before = await snapshot(outside);
  let swapped = false;
  // The attacker's moment: the writer has checked the folder and is about to create its temp file.
  const racing: AtomicFs = {
    open: async (file, flags, mode) => {
      if (!swapped && flags === 'wx') {
        swapped = true;
        await fs.rename(post, `${post}-moved`);
        await fs.symlink(outside, post, 'dir');
      }
      return fs.open(file, flags, mode);
    },
    rename: (from, to) => fs.rename(from, to),
    unlink: (file) => fs.unlink(file),
    stat: (file) => fs.stat(file),
    realpath: (file) => fs.realpath(file),
  };
  await expect(writeFileAtomic(path.join(post, 'index.md'), 'Overwritten?', { root, fs: racing })).rejects.toMatchObject({ code: 'outside-library' });
  expect(swapped).toBe(true);
  expect(await snapshot(outside)).toEqual(before);
  expect(await fs.readFile(path.join(`${post}-moved`, 'index.md'))).toEqual(original);
});

it('refuses when the folder is moved outside and linked back just before the new file replaces the old', async () => {
  const post = path.join(root, 'posts', 'welcome');
  const original = await fs.readFile(path.join(post, 'index.md'));
  const moved = path.join(outside, 'moved');
  const swap = async () => {
    await fs.rename(post, moved);
    await fs.symlink(moved, post, 'dir');
  };
  await expect(writeFileAtomic(path.join(post, 'index.md'), 'Overwritten?', { root, beforeCommit: swap })).rejects.toMatchObject({
    code: 'outside-library',
  });
  expect(await fs.readdir(moved)).toEqual(['index.md']);
  expect(await fs.readFile(path.join(moved, 'index.md'))).toEqual(original);
});

it('refuses to keep its lock files in a folder that links outside the library', async () => {
  await fs.mkdir(path.join(root, '.postwright'), { recursive: true });
  await fs.symlink(outside, path.join(root, '.postwright', 'locks'), 'dir');
  const before = await snapshot(outside);
  const welcome = await library.get('welcome');
  await expect(library.save('welcome', `${welcome.text}\nMore.\n`, welcome.hash)).rejects.toMatchObject({ code: 'save-failed', message: /outside the library/ });
  expect(await snapshot(outside)).toEqual(before);
});
