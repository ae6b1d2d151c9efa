/// `postwright outbox` as a user types it: publishes to an unreachable blog wait in one entry
/// per post and target, and can be listed, tried now and cancelled from the terminal.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPostwright } from './cli-runner';

describe('postwright outbox', () => {
  let base: string;
  let library: string;

  const postwright = (args: string[], input?: string) => runPostwright(library, path.join(base, 'state'), args, input);

  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-outbox-'));
    library = path.join(base, 'Blog');
    mkdirSync(path.join(library, 'posts', 'osmosis'), { recursive: true });
    writeFileSync(path.join(library, 'posts', 'osmosis', 'index.md'), '---\ntitle: Osmosis in potato slices\nstatus: published\n---\n\nSalt water pulls water out.\n');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('keeps one entry per post and target, tries it on demand and cancels it', async () => {
    // Port 9 on this machine: nothing listens, so every publish fails as "offline".
    const added = await postwright([...ADD_OFFLINE_TARGET], 'abcd efgh ijkl mnop qrst uvwx\n');
    expect(added.stdout).toContain('Added Offline blog.');

    const first = await postwright(['publish', 'osmosis', '--target', 'Offline blog']);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('postwright outbox run');
    expect((await postwright(['publish', 'osmosis', '--target', 'Offline blog', '--status', 'draft'])).code).toBe(3);
    expect(readdirSync(path.join(library, '.postwright', 'outbox'))).toHaveLength(1);

    const listed = await postwright(['outbox']);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [id, post, target, state] = lines[0]!.split('\t');
    expect([post, target]).toEqual(['osmosis', 'Offline blog']);
    expect(state).toMatch(/^waiting: next try/);

    const ran = await postwright(['outbox', 'run']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain(`${id}\tosmosis\tOffline blog\twaiting`);

    const cancelled = await postwright(['outbox', 'cancel', id!]);
    expect(cancelled.stdout).toContain(`Cancelled ${id}.`);
    expect((await postwright(['outbox', 'list'])).stdout).toContain('The outbox is empty');
    expect((await postwright(['outbox', 'cancel', id!])).code).toBe(1);
  }, 180_000);
});

const ADD_OFFLINE_TARGET = ['targets', 'add', 'Offline blog', '--kind', 'wordpress', '--url', 'http://127.0.0.1:9', '--username', 'ada', '--password-stdin', '--no-check'];
