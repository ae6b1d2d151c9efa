import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChangeSet, Text } from '@codemirror/state';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupStore, backupDirFor, type BackupProblem } from '../../../main/library/backups';

let dir: string;
beforeEach(async () => {
  dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'pw-backups-')), 'backups', 'abc');
});
afterEach(async () => {
  await fs.rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
});

describe('BackupStore', () => {
  it('keeps unsaved text exactly, one backup per post, the last put winning', async () => {
    const store = new BackupStore(dir);
    const text = '\uFEFF---\r\ntitle: Café\r\n---\r\nUnsaved 🙂\r\n';
    await store.put({ postId: 'draft', text: 'older', baseHash: null });
    await store.put({ postId: 'draft', text, baseHash: 'abc123' });
    await store.put({ postId: 'other', text: 'other text', baseHash: null });
    const backups = await store.list();
    expect(backups.map((b) => b.postId).sort()).toEqual(['draft', 'other']);
    const draft = backups.find((b) => b.postId === 'draft')!;
    expect(draft).toMatchObject({ text, baseHash: 'abc123' });
    expect(Date.parse(draft.savedAt)).not.toBeNaN();
  });

  it('applies puts and discards in call order, even when not awaited one by one', async () => {
    const store = new BackupStore(dir);
    const calls = [];
    for (let i = 0; i < 20; i++) calls.push(store.put({ postId: 'draft', text: `version ${i}`, baseHash: null }));
    calls.push(store.discard('draft'));
    calls.push(store.put({ postId: 'draft', text: 'after discard', baseHash: null }));
    await Promise.all(calls);
    expect((await store.list()).map((b) => b.text)).toEqual(['after discard']);
  });

  it('discard removes the backup once the post is saved; discarding nothing is fine', async () => {
    const store = new BackupStore(dir);
    await store.put({ postId: 'draft', text: 'x', baseHash: null });
    await store.discard('draft');
    await store.discard('never-backed-up');
    expect(await store.list()).toEqual([]);
    expect(await new BackupStore(path.join(dir, 'missing')).list()).toEqual([]);
  });

  it('skips and reports damaged backup files, and still returns the good ones', async () => {
    const problems: BackupProblem[] = [];
    const store = new BackupStore(dir, { onProblem: (p) => problems.push(p) });
    await store.put({ postId: 'good', text: 'keep me', baseHash: null });
    await store.put({ postId: 'tampered', text: 'original', baseHash: null });
    for (const name of await fs.readdir(dir)) {
      const file = path.join(dir, name);
      const content = JSON.parse(await fs.readFile(file, 'utf8'));
      if (content.postId === 'tampered') await fs.writeFile(file, JSON.stringify({ ...content, text: 'changed' }));
    }
    await fs.writeFile(path.join(dir, '0000000000000000000000000000dead.json'), '{"version":1,"postId":"x","te');
    await fs.writeFile(path.join(dir, '0000000000000000000000000000beef.json'), '[]');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not a backup');
    const backups = await store.list();
    expect(backups.map((b) => b.text)).toEqual(['keep me']);
    const messages = problems.map((p) => p.message).join('\n');
    expect(problems).toHaveLength(3);
    expect(messages).toContain('does not match its checksum');
    expect(messages).toContain('it is damaged');
    expect(messages).toContain('it is not a Postwright backup');
  });

  it('refuses post ids that are not a single folder name', async () => {
    const store = new BackupStore(dir);
    for (const postId of ['../escape', 'a/b', '..', '', 'c:evil']) {
      await expect(store.put({ postId, text: 'x', baseHash: null })).rejects.toMatchObject({ code: 'invalid-argument' });
      await expect(store.discard(postId)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    await expect(fs.readdir(path.dirname(path.dirname(dir)))).resolves.toEqual([]); // nothing written anywhere
  });

  it('keeps posts whose ids differ only in case apart', async () => {
    const store = new BackupStore(dir);
    await store.put({ postId: 'Post', text: 'upper', baseHash: null });
    await store.put({ postId: 'post', text: 'lower', baseHash: null });
    expect((await store.list()).map((b) => `${b.postId}:${b.text}`).sort()).toEqual(['Post:upper', 'post:lower']);
  });
});

describe('BackupStore.patch: only the edits since the last backup', () => {
  /// The editor's changes as the session sends them: [from, to, insert] in the old text.
  const editsOf = (changes: ChangeSet) => {
    const edits: [number, number, string][] = [];
    changes.iterChanges((from, to, _fromB, _toB, inserted) => void edits.push([from, to, inserted.toString()]));
    return edits;
  };

  it('gives the same backup as sending the whole text, over any sequence of edits', async () => {
    const store = new BackupStore(dir);
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 6 }), insert: fc.string({ unit: fc.constantFrom('a', 'é', '🙂', '\n', ' ', '#'), maxLength: 5 }) });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (start, rounds) => {
        let doc = Text.of(start.split('\n'));
        let hash = await store.put({ postId: 'draft', text: doc.toString(), baseHash: 'h0' });
        for (const round of rounds) {
          let since = ChangeSet.empty(doc.length);
          for (const { at, cut, insert } of round) {
            const from = at % (doc.length + 1);
            const change = ChangeSet.of({ from, to: Math.min(doc.length, from + cut), insert }, doc.length);
            doc = change.apply(doc);
            since = since.compose(change);
          }
          hash = await store.patch({ postId: 'draft', base: hash, baseHash: 'h0', edits: editsOf(since) });
          const [backup] = await store.list();
          expect(backup!.text).toBe(doc.toString());
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses edits against a backup that moved on or is gone, and edits that do not fit', async () => {
    const store = new BackupStore(dir);
    const first = await store.put({ postId: 'draft', text: 'The crab moved.', baseHash: null });
    await store.put({ postId: 'draft', text: 'Written by another window.', baseHash: null });
    await expect(store.patch({ postId: 'draft', base: first, baseHash: null, edits: [[0, 3, 'A']] })).rejects.toMatchObject({ code: 'conflict' });
    expect((await store.list())[0]!.text).toBe('Written by another window.');
    const current = await store.put({ postId: 'draft', text: 'abc', baseHash: null });
    await expect(store.patch({ postId: 'draft', base: current, baseHash: null, edits: [[2, 9, 'x']] })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(store.patch({ postId: 'draft', base: current, baseHash: null, edits: [[2, 3, 'x'], [0, 1, 'y']] })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect((await store.list())[0]!.text).toBe('abc');
    await store.discard('draft');
    await expect(store.patch({ postId: 'draft', base: current, baseHash: null, edits: [] })).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.list()).toEqual([]);
  });
});

describe('backupDirFor', () => {
  const key = (dirPath: string) => dirPath.slice(-16);

  it('prefers POSTWRIGHT_STATE_DIR, then XDG_STATE_HOME, then the platform folder', () => {
    const lib = '/home/ana/Blog';
    expect(backupDirFor(lib, { POSTWRIGHT_STATE_DIR: '/state', XDG_STATE_HOME: '/xdg' }, 'linux', '/home/ana')).toMatch(
      /^\/state\/backups\/[0-9a-f]{16}$/,
    );
    expect(backupDirFor(lib, { XDG_STATE_HOME: '/xdg' }, 'linux', '/home/ana')).toMatch(/^\/xdg\/postwright\/backups\/[0-9a-f]{16}$/);
    expect(backupDirFor(lib, { XDG_STATE_HOME: 'relative' }, 'linux', '/home/ana')).toMatch(
      /^\/home\/ana\/\.local\/state\/postwright\/backups\//,
    );
    expect(backupDirFor(lib, {}, 'darwin', '/Users/ana')).toMatch(/^\/Users\/ana\/Library\/Application Support\/Postwright\/backups\//);
    expect(backupDirFor('C:\\Users\\ana\\Blog', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana')).toMatch(
      /^C:\\Users\\ana\\AppData\\Local\\Postwright\\backups\\[0-9a-f]{16}$/,
    );
    expect(backupDirFor('C:\\Blog', {}, 'win32', 'C:\\Users\\ana')).toMatch(/^C:\\Users\\ana\\AppData\\Local\\Postwright\\backups\\/);
  });

  it('gives each library its own folder, the same one every time', () => {
    const env = { POSTWRIGHT_STATE_DIR: '/state' };
    const a = backupDirFor('/home/ana/Blog', env, 'linux', '/home/ana');
    expect(backupDirFor('/home/ana/Blog/', env, 'linux', '/home/ana')).toBe(a);
    expect(key(backupDirFor('/home/ana/Other', env, 'linux', '/home/ana'))).not.toBe(key(a));
    expect(backupDirFor('C:\\Blog', env, 'win32', 'C:\\Users\\ana')).toBe(backupDirFor('c:\\blog', env, 'win32', 'C:\\Users\\ana'));
  });
});
