import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/api';
import { RevisionStore } from '../../../main/library/revisions';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let root: string;
let clock: number;
const now = () => new Date(clock);

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-revisions-'));
  clock = Date.UTC(2026, 10, 25, 12, 0, 0);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const post = (body: string) => `---\ntitle: "Trip"\n---\n${body}\n`;

describe('RevisionStore', () => {
  it('keeps each version verbatim in the library, and read() brings an old one back', async () => {
    const store = new RevisionStore(root, {}, now);
    const first = '\uFEFF---\r\ntitle: "Trip"\r\n---\r\nDay one.\r\n';
    const a = await store.record('trip', first, 'save');
    clock += HOUR;
    await store.record('trip', post('Day two.'), 'save');

    expect(a).toMatchObject({ postId: 'trip', reason: 'save', at: '2026-11-25T12:00:00.000Z', bytes: Buffer.byteLength(first) });
    expect(a!.id).toBe('20261125T120000000Z-save');
    const files = await fs.readdir(path.join(root, '.postwright', 'history', 'trip'));
    expect(files.sort()).toEqual(['20261125T120000000Z-save.md', '20261125T130000000Z-save.md']);

    const list = await store.list('trip');
    expect(list.map((r) => r.at)).toEqual(['2026-11-25T13:00:00.000Z', '2026-11-25T12:00:00.000Z']);
    expect(await store.read('trip', list[1]!.id)).toBe(first);
    expect(list[1]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records nothing when the text is the same as the newest revision', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('Same'), 'save');
    clock += DAY;
    expect(await store.record('trip', post('Same'), 'save')).toBeNull();
    expect(await store.list('trip')).toHaveLength(1);
  });

  it('coalesces saves within 10 minutes into one revision holding the latest text', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('v1'), 'save');
    clock += 3 * MIN;
    await store.record('trip', post('v2'), 'save');
    clock += 3 * MIN;
    const v3 = await store.record('trip', post('v3'), 'save');
    const list = await store.list('trip');
    expect(list).toHaveLength(1);
    expect(list[0]!.id).toBe(v3!.id);
    expect(await store.read('trip', v3!.id)).toBe(post('v3'));

    clock += 11 * MIN;
    await store.record('trip', post('v4'), 'save');
    expect(await store.list('trip')).toHaveLength(2);
  });

  it('keeps one revision per 10 minutes through a long session of frequent saves', async () => {
    const store = new RevisionStore(root, {}, now);
    for (let minute = 0; minute < 60; minute++) {
      await store.record('trip', post(`minute ${minute}`), 'save');
      clock += MIN;
    }
    const list = await store.list('trip');
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect(list.length).toBeLessThanOrEqual(7);
    expect(await store.read('trip', list[0]!.id)).toBe(post('minute 59'));
  });

  it('never coalesces away a publish or a restore', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('draft'), 'save');
    clock += MIN;
    await store.record('trip', post('published'), 'publish');
    clock += MIN;
    await store.record('trip', post('typo fixed'), 'save');
    clock += MIN;
    await store.record('trip', post('published'), 'restore');
    clock += MIN;
    await store.record('trip', post('after restore'), 'save');
    expect((await store.list('trip')).map((r) => r.reason)).toEqual(['save', 'restore', 'save', 'publish', 'save']);
  });

  it('publishing the text just saved turns that revision into a publish revision', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('ready'), 'save');
    clock += MIN;
    const published = await store.record('trip', post('ready'), 'publish');
    expect(published?.reason).toBe('publish');
    expect((await store.list('trip')).map((r) => r.reason)).toEqual(['publish']);
    clock += MIN;
    expect(await store.record('trip', post('ready'), 'publish')).toBeNull();
  });

  it('prunes old history as it records: one a day after 24 h, one a week after 30 days', async () => {
    const store = new RevisionStore(root, {}, now);
    // Every 6 hours for 60 days.
    for (let i = 0; i < 240; i++) {
      await store.record('trip', post(`version ${i}`), i === 10 ? 'publish' : 'save');
      clock += 6 * HOUR;
    }
    clock -= 6 * HOUR;
    const list = await store.list('trip');
    const age = (r: { at: string }) => clock - Date.parse(r.at);
    expect(list.filter((r) => age(r) < DAY)).toHaveLength(4);
    const daily = list.filter((r) => age(r) >= DAY && age(r) < 30 * DAY && r.reason !== 'publish');
    expect(new Set(daily.map((r) => r.at.slice(0, 10))).size).toBe(daily.length);
    expect(daily.length).toBeGreaterThanOrEqual(28);
    // 60 days back: the 30 oldest days keep one a week (5 or 6 ISO weeks).
    const weekly = list.filter((r) => age(r) >= 30 * DAY && r.reason !== 'publish');
    expect(weekly.length).toBeGreaterThanOrEqual(4);
    expect(weekly.length).toBeLessThanOrEqual(6);
    expect(list.some((r) => r.reason === 'publish')).toBe(true);
    expect(list.length).toBeLessThan(50);
  });

  it('never keeps more than maxPerPost revisions', async () => {
    const store = new RevisionStore(root, { maxPerPost: 5, coalesceMs: 0 }, now);
    for (let i = 0; i < 12; i++) {
      await store.record('trip', post(`v${i}`), 'save');
      clock += MIN;
    }
    const list = await store.list('trip');
    expect(list).toHaveLength(5);
    expect(await store.read('trip', list[0]!.id)).toBe(post('v11'));
  });

  it('refuses revision names that could reach another file, and says when a revision is gone', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('x'), 'save');
    await fs.writeFile(path.join(root, 'secret.md'), 'secret');
    for (const bad of ['../../../secret', '..', '20261125T120000000Z-save/../x', 'x.md', '', '20261125T120000000Z-delete']) {
      await expect(store.read('trip', bad)).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    await expect(store.read('trip', '20200101T000000000Z-save')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.read('../..', '20261125T120000000Z-save')).rejects.toBeInstanceOf(StudioError);
    await expect(store.record('a/b', 'x', 'save')).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await store.list('no-history-yet')).toEqual([]);
  });

  it('does not follow links planted in the history to files outside the library', async () => {
    const store = new RevisionStore(root, {}, now);
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-outside-'));
    try {
      await fs.writeFile(path.join(outside, 'secret.md'), 'secret');
      await store.record('trip', post('mine'), 'save');
      const planted = '20200101T000000000Z-save';
      await fs.symlink(path.join(outside, 'secret.md'), path.join(root, '.postwright', 'history', 'trip', `${planted}.md`));
      expect((await store.list('trip')).map((r) => r.id)).not.toContain(planted);
      await expect(store.read('trip', planted)).rejects.toMatchObject({ code: 'not-found' });

      await fs.symlink(outside, path.join(root, '.postwright', 'history', 'linked'));
      await expect(store.list('linked')).rejects.toMatchObject({ code: 'invalid-argument' });
      await expect(store.record('linked', 'x', 'save')).rejects.toMatchObject({ code: 'invalid-argument' });
      expect(await fs.readdir(outside)).toEqual(['secret.md']);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('moves history with the post, merging with history already under the new id', async () => {
    const store = new RevisionStore(root, {}, now);
    await store.record('trip', post('trip 1'), 'save');
    clock += HOUR;
    await store.record('trip-2', post('other'), 'save');
    await store.rename('trip', 'trip--1764072000000');
    expect(await store.list('trip')).toEqual([]);
    expect(await store.list('trip--1764072000000')).toHaveLength(1);

    await store.rename('trip--1764072000000', 'trip-2');
    const merged = await store.list('trip-2');
    expect(merged).toHaveLength(2);
    expect(await store.read('trip-2', merged[1]!.id)).toBe(post('trip 1'));
    await store.rename('nothing-here', 'elsewhere'); // no history: nothing to do

    await store.remove('trip-2');
    expect(await store.list('trip-2')).toEqual([]);
  });

  it('keeps stamps increasing when the clock steps back, so the newest stays newest', async () => {
    const store = new RevisionStore(root, { coalesceMs: 0 }, now);
    await store.record('trip', post('first'), 'save');
    clock -= HOUR;
    await store.record('trip', post('second'), 'save');
    const list = await store.list('trip');
    expect(await store.read('trip', list[0]!.id)).toBe(post('second'));
  });
});
