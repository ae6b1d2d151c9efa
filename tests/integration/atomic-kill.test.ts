/// Kills a process in the middle of saving, hundreds of times, and checks the post on disk is always
/// one whole version: never a mix, never empty, never gone once it had been saved.
/// (SIGKILL tests the rename protocol; what fsync adds against power loss cannot be tested here.)
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanupStaleTemps } from '../../main/fs/atomic-write';

const LANES = 4; // independent posts killed in parallel, to keep the run short
/// Bounded by count, not time: each kill costs a process start-up, slow on a busy machine.
const KILLS = 32;

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, '..', 'fixtures', 'atomic-writer-child.cjs');
let work: string;
let bundle: string;
let versionFiles: [string, string];
let versions: [Buffer, Buffer];

function post(letter: string, bytes: number): string {
  const head = `---\ntitle: "Version ${letter}"\ndate: 2026-11-25\n---\n`;
  let body = '';
  for (let i = 0; head.length + body.length < bytes; i++) body += `Paragraph ${i} of version ${letter}: ${letter.repeat(60)}\n`;
  return head + body;
}

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-kill-'));
  bundle = path.join(work, 'atomic-write.cjs');
  await bundleForNode(["export * from './main/fs/atomic-write';"], bundle);
  versionFiles = [path.join(work, 'A.md'), path.join(work, 'B.md')];
  await fs.writeFile(versionFiles[0], post('A', 200_000));
  await fs.writeFile(versionFiles[1], post('B', 210_000));
  versions = [await fs.readFile(versionFiles[0]), await fs.readFile(versionFiles[1])];
});

afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function waitForOutput(child: ChildProcess, seen: { text: string }, marker: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve();
    };
    const check = () => seen.text.includes(marker) && done();
    const timer = setTimeout(done, timeoutMs);
    child.stdout?.on('data', check);
    check();
  });
}

async function runLane(lane: number, kills: number) {
  const dir = path.join(work, `lane-${lane}`, 'posts', 'my-post');
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, 'index.md');
  // The post exists from the start, so every kill is checked against "never gone", even on a
  // machine so busy that no child finishes a save before it is killed.
  await fs.copyFile(versionFiles[lane % 2]!, target);
  let saved = true;
  let done = 0;
  while (done < kills) {
    const seen = { text: '' };
    // The library root makes the writer check the real folder at every write, as the Library does.
    const child = spawn(process.execPath, [childScript, bundle, target, ...versionFiles, String(done % 2), path.join(work, `lane-${lane}`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (seen.text += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (Math.random() < 0.1) {
      await sleep(Math.random() * 40); // sometimes during start-up
    } else {
      await waitForOutput(child, seen, 'r', 5_000);
      await sleep(Math.random() * 12); // a random point in the save loop: writing, syncing, renaming
    }
    child.kill('SIGKILL');
    await exited;
    done++;
    if (seen.text.includes('w')) saved = true;

    const onDisk = await fs.readFile(target).catch(() => null);
    if (saved) expect(onDisk, `post missing after kill ${done} in lane ${lane}`).not.toBeNull();
    if (onDisk) {
      const whole = onDisk.equals(versions[0]) || onDisk.equals(versions[1]);
      expect(whole, `partial post (${onDisk.length} bytes) after kill ${done} in lane ${lane}`).toBe(true);
      saved = true;
    }
  }
  return { done, dir };
}

it(
  `a post killed mid-save ${KILLS} times is always exactly version A or B`,
  async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => runLane(i, KILLS / LANES)));

    // Each temp file left behind is a kill that landed inside a save, the case this test exists for
    // (about a third of them here). cleanupStaleTemps is what removes them at the next start.
    let interrupted = 0;
    for (const { dir } of lanes) {
      const left = (await fs.readdir(dir)).filter((n) => n.endsWith('.pw-tmp')).length;
      interrupted += left;
      expect(await cleanupStaleTemps(dir)).toBe(0); // too fresh: could be another window's save in progress
      expect(await cleanupStaleTemps(dir, { olderThanMs: 0 })).toBe(left);
      expect(await fs.readdir(dir)).toEqual(['index.md']);
    }
    expect(interrupted, 'no kill landed inside a save').toBeGreaterThan(0);
  },
  60_000,
);
