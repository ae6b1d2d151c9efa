/// Words written today: net words added across posts, kept in the library, surviving a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WRITING_LOG, WritingLog } from '../../../main/library/writing-log';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pw-writing-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writing log', () => {
  it('counts the words added today across posts, net of deletions', async () => {
    let now = new Date(2026, 10, 30, 9, 0);
    const log = new WritingLog(root, () => now);
    expect(await log.today()).toBe(0);
    await log.record('essay', 1000); // first seen today: its starting point
    expect(await log.record('essay', 1250)).toBe(250);
    await log.record('notes', 0);
    expect(await log.record('notes', 100)).toBe(350);
    expect(await log.record('essay', 1200)).toBe(300); // 50 words cut
    now = new Date(2026, 10, 30, 23, 0);
    expect(await log.today()).toBe(300);
  });

  it('survives a restart and starts again the next day from yesterday’s counts', async () => {
    let now = new Date(2026, 10, 30, 10, 0);
    await new WritingLog(root, () => now).record('essay', 500);
    await new WritingLog(root, () => now).record('essay', 700);
    expect(await new WritingLog(root, () => now).today()).toBe(200);
    expect(JSON.parse(readFileSync(path.join(root, WRITING_LOG), 'utf8')).day).toBe('2026-11-30');

    now = new Date(2026, 11, 1, 8, 0);
    const tomorrow = new WritingLog(root, () => now);
    expect(await tomorrow.today()).toBe(0);
    // Words written in a session that began yesterday count from yesterday's last figure.
    expect(await tomorrow.record('essay', 760)).toBe(60);
  });

  it('keeps every record when two arrive together', async () => {
    const log = new WritingLog(root);
    await Promise.all([log.record('a', 10), log.record('b', 20), log.record('c', 30)]);
    await Promise.all([log.record('a', 15), log.record('b', 25), log.record('c', 35)]);
    expect(await log.today()).toBe(15);
  });
});
