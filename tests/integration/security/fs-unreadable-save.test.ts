/// A save must never replace bytes it could not read and that are not in history: a binary file,
/// a file that is not UTF-8, or one over the size limit, whether it was there from the start or a
/// sync client swapped it in while the post was open.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../../main/library/library';
import { MAX_POST_BYTES } from '../../../main/library/post-file';

let root: string;
let library: Library;
const file = (id: string) => path.join(root, 'posts', id, 'index.md');
const digest = async (id: string) => createHash('sha256').update(await fs.readFile(file(id))).digest('hex');

const kinds: Array<[string, (target: string) => Promise<void>, RegExp]> = [
  ['binary', (target) => fs.writeFile(target, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3])), /not a UTF-8 text file/],
  ['not UTF-8', (target) => fs.writeFile(target, Buffer.from('Caf\xe9 cr\xe8me, written by an old editor\n', 'latin1')), /not a UTF-8 text file/],
  // Sparse, so the test does not write 20 MB.
  ['over the size limit', async (target) => {
    await fs.writeFile(target, '---\ntitle: Huge\n---\n');
    await fs.truncate(target, MAX_POST_BYTES + 1024);
  }, /too large/],
];

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-unreadable-'));
  library = await new Library(root).open();
});
afterEach(async () => {
  await library.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe.each(kinds)('a post file that is %s', (_kind, make, reason) => {
  beforeEach(async () => {
    await fs.mkdir(path.dirname(file('odd')), { recursive: true });
    await make(file('odd'));
  });

  it('is not replaced by a save with a stale or made-up base hash: a conflict, with the reason', async () => {
    const before = await digest('odd');
    for (const base of ['0'.repeat(64), 'not-a-hash']) {
      const error = await library.save('odd', '---\ntitle: Mine\n---\nMy text.\n', base).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'conflict', message: reason });
    }
    expect(await digest('odd')).toBe(before);
  });

  it('is not replaced by a save without a base hash (overwrite, restore, import): refused with the reason', async () => {
    const before = await digest('odd');
    await expect(library.save('odd', 'My text.', null)).rejects.toMatchObject({ code: 'invalid-argument', message: reason });
    expect(await digest('odd')).toBe(before);
  });
});

it('is a conflict when a sync client swaps such a file in while the post is open', async () => {
  const opened = await library.get('welcome');
  for (const [, make, reason] of kinds) {
    await make(file('welcome'));
    const before = await digest('welcome');
    await expect(library.save('welcome', `${opened.text}\nMy new line.\n`, opened.hash)).rejects.toMatchObject({ code: 'conflict', message: reason });
    expect(await digest('welcome')).toBe(before);
  }
});
