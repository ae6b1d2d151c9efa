/// Two windows, two tabs or two Postwright processes saving the same post from the same base:
/// exactly one wins; the other gets 'conflict' and keeps its text, and nothing vanishes.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Library } from '../../../main/library/library';
import { hashText } from '../../../main/library/post-file';
import { bundleLibrary, Saver, type SaveAnswer } from './saver-processes';

let work: string;
let bundle: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-concurrent-'));
  bundle = await bundleLibrary(path.join(work, 'library.cjs'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const text = (who: string, round: number) => `---\ntitle: Shared\n---\nRound ${round}, written by ${who}.\n`;

async function expectOneWinner(library: Library, answers: Array<{ text: string; ok: boolean; code?: string }>) {
  const winners = answers.filter((a) => a.ok);
  expect(winners).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(Array(answers.length - 1).fill('conflict'));
  const onDisk = await library.get('shared');
  expect(onDisk.text).toBe(winners[0]!.text);
  expect((await library.revisions.list('shared')).map((r) => r.hash)).toContain(hashText(winners[0]!.text));
}

it('lets one of two saves from the same base win, in one window and across two windows', async () => {
  const root = path.join(work, 'in-process');
  const first = await new Library(root).open();
  const second = await new Library(root).open(); // another window of the same app
  let base = (await first.save('shared', text('nobody', 0), null)).hash;
  for (let round = 1; round <= 10; round++) {
    const pair: Array<[Library, string]> = round % 2 ? [[first, 'tab A'], [first, 'tab B']] : [[first, 'window A'], [second, 'window B']];
    const answers = await Promise.all(
      pair.map(([library, who]) =>
        library.save('shared', text(who, round), base).then(
          () => ({ text: text(who, round), ok: true }),
          (error: { code: string }) => ({ text: text(who, round), ok: false, code: error.code }),
        ),
      ),
    );
    await expectOneWinner(first, answers);
    base = (await first.get('shared')).hash;
  }
  await first.close();
  await second.close();
});

it('lets one of two saves from the same base win across two processes', async () => {
  const root = path.join(work, 'two-processes');
  const library = await new Library(root).open();
  let base = (await library.save('shared', text('nobody', 0), null)).hash;
  const savers = [new Saver(bundle, root), new Saver(bundle, root)];
  await Promise.all(savers.map((saver) => saver.ready()));
  for (let round = 1; round <= 8; round++) {
    const answers = await Promise.all(
      savers.map(async (saver, i) => {
        const answer = (await saver.save('shared', text(`process ${i}`, round), base)) as SaveAnswer;
        return { text: text(`process ${i}`, round), ok: answer.ok, code: answer.ok ? undefined : answer.code };
      }),
    );
    await expectOneWinner(library, answers);
    base = (await library.get('shared')).hash;
  }
  await Promise.all(savers.map((saver) => saver.stop()));
  await library.close();
});
