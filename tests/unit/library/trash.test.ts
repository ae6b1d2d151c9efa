import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/api';
import { RevisionStore } from '../../../main/library/revisions';
import { Trash } from '../../../main/library/trash';

const DAY = 24 * 3_600_000;
let root: string;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-trash-'));
  clock = Date.UTC(2026, 10, 25, 12, 0, 0);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function writePost(id: string, title: string, extra: Record<string, string> = {}) {
  const dir = path.join(root, 'posts', id);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'index.md'), `---\ntitle: "${title}"\n---\nBody of ${title}.\n`);
  for (const [name, content] of Object.entries(extra)) await fs.writeFile(path.join(dir, name), content);
}

const read = (...parts: string[]) => fs.readFile(path.join(root, ...parts), 'utf8');

describe('Trash', () => {
  it('moves a deleted post, images and all, into the library trash and lists it with its title', async () => {
    await writePost('my-trip', 'My Trip to Lisbon', { 'photo.jpg': 'JPEG' });
    const trash = new Trash(root, now);
    const entry = await trash.put('my-trip');
    expect(entry).toEqual({ trashId: `my-trip--${clock}`, postId: 'my-trip', title: 'My Trip to Lisbon', deletedAt: '2026-11-25T12:00:00.000Z' });
    await expect(fs.access(path.join(root, 'posts', 'my-trip'))).rejects.toThrow();
    expect(await read('.postwright', 'trash', entry.trashId, 'photo.jpg')).toBe('JPEG');
    expect(await trash.list()).toEqual([entry]);
  });

  it('says there is no such post instead of trashing nothing', async () => {
    const trash = new Trash(root, now);
    const error = await trash.put('ghost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'not-found' });
    await expect(trash.put('../outside')).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('restore brings the post back with its text under its old id', async () => {
    await writePost('my-trip', 'My Trip');
    const trash = new Trash(root, now);
    const { trashId } = await trash.put('my-trip');
    expect(await trash.restore(trashId)).toBe('my-trip');
    expect(await read('posts', 'my-trip', 'index.md')).toContain('Body of My Trip.');
    expect(await trash.list()).toEqual([]);
  });

  it('restores under a new id when the old one has been taken meanwhile', async () => {
    await writePost('my-trip', 'The first trip');
    const trash = new Trash(root, now);
    const { trashId } = await trash.put('my-trip');
    await writePost('my-trip', 'A new post with the same name');
    await writePost('my-trip-2', 'And another');
    expect(await trash.restore(trashId)).toBe('my-trip-3');
    expect(await read('posts', 'my-trip-3', 'index.md')).toContain('The first trip');
    expect(await read('posts', 'my-trip', 'index.md')).toContain('A new post');
  });

  it('never restores into an empty folder left at the old name: it picks a free one', async () => {
    await writePost('my-trip', 'Trip');
    const trash = new Trash(root, now);
    const { trashId } = await trash.put('my-trip');
    await fs.mkdir(path.join(root, 'posts', 'my-trip'));
    expect(await trash.restore(trashId)).toBe('my-trip-2');
  });

  it('lists newest first, with the folder name as title when the text cannot be read', async () => {
    await writePost('a', 'Post A');
    await writePost('b', 'Post B');
    const trash = new Trash(root, now);
    await trash.put('a');
    clock += 1000;
    const b = await trash.put('b');
    await fs.writeFile(path.join(root, '.postwright', 'trash', b.trashId, 'index.md'), Buffer.from([0xff, 0xfe, 0x00]));
    await fs.mkdir(path.join(root, '.postwright', 'trash', 'not-a-trash-entry'));
    expect((await trash.list()).map((e) => [e.postId, e.title])).toEqual([
      ['b', 'b'],
      ['a', 'Post A'],
    ]);
  });

  it('keeps two deletions of the same id in the same millisecond apart', async () => {
    const trash = new Trash(root, now);
    await writePost('same', 'One');
    const first = await trash.put('same');
    await writePost('same', 'Two');
    const second = await trash.put('same');
    expect(second.trashId).not.toBe(first.trashId);
    expect((await trash.list()).map((e) => e.title).sort()).toEqual(['One', 'Two']);
  });

  it('purges entries older than 30 days and keeps the rest', async () => {
    const trash = new Trash(root, now);
    await writePost('old', 'Old');
    await trash.put('old');
    clock += 20 * DAY;
    await writePost('recent', 'Recent');
    await trash.put('recent');
    clock += 11 * DAY;
    expect(await trash.purge()).toBe(1);
    expect((await trash.list()).map((e) => e.postId)).toEqual(['recent']);
    expect(await trash.purge(0)).toBe(1);
    expect(await trash.list()).toEqual([]);
  });

  it('refuses trash ids that name something outside the trash', async () => {
    const trash = new Trash(root, now);
    for (const bad of ['../posts--1', 'x', '..--1', 'a/b--1']) {
      await expect(trash.restore(bad)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    await expect(trash.restore('gone--123')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('will not move a post out of the library through a planted link', async () => {
    await writePost('trip', 'Trip');
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-outside-'));
    try {
      await fs.mkdir(path.join(root, '.postwright'), { recursive: true });
      await fs.symlink(outside, path.join(root, '.postwright', 'trash'));
      await expect(new Trash(root, now).put('trip')).rejects.toMatchObject({ code: 'invalid-argument' });
      expect(await read('posts', 'trip', 'index.md')).toContain('Trip');
      expect(await fs.readdir(outside)).toEqual([]);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('takes the post history along to the trash, back on restore, and away on purge', async () => {
    const revisions = new RevisionStore(root, {}, now);
    const trash = new Trash(root, now, { history: revisions });
    await writePost('trip', 'Trip');
    await revisions.record('trip', 'version one', 'save');
    const { trashId } = await trash.put('trip');
    expect(await revisions.list('trip')).toEqual([]);
    expect(await revisions.list(trashId)).toHaveLength(1);

    await writePost('trip', 'Taken');
    const id = await trash.restore(trashId);
    const history = await revisions.list(id);
    expect(history).toHaveLength(1);
    expect(await revisions.read(id, history[0]!.id)).toBe('version one');

    const again = await trash.put(id);
    await trash.purge(-1);
    expect(await revisions.list(again.trashId)).toEqual([]);
  });
});
