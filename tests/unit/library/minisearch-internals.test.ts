import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { completions, packIndex, unpackIndex } from '../../../main/library/minisearch-internals';

interface Doc {
  id: string;
  title: string;
  body: string;
}

const OPTIONS = { fields: ['title', 'body'] };
const WORDS = ['river', 'rivers', 'riverside', 'light', 'lighthouse', 'tram', 'bread', 'starter', 'brunch', 'lisbon', 'café', 'naïve'];

function library(count: number): MiniSearch<Doc> {
  const mini = new MiniSearch<Doc>(OPTIONS);
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 5 + (i % 17) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]!);
    mini.add({ id: `post-${i}`, title: words.slice(0, 3).join(' '), body: words.join(' ') });
  }
  return mini;
}

const queries = ['river', 'light tram', 'bread', 'café', 'riv', 'lighthouse starter', 'nothing'];
const answers = (mini: MiniSearch<Doc>) =>
  queries.map((q) => mini.search(q, { prefix: true, combineWith: 'AND' }).map((r) => [r.id, r.score.toFixed(9), [...r.terms].sort()]));
const now = () => Promise.resolve();

describe('packIndex / unpackIndex', () => {
  it('round-trips an index: the same results with the same scores', async () => {
    const mini = library(300);
    const copy = await unpackIndex(packIndex(mini as MiniSearch<unknown>), OPTIONS, now);
    expect(answers(copy as MiniSearch<Doc>)).toEqual(answers(mini));
    expect(copy.documentCount).toBe(300);
  });

  it('drops what discarded posts left behind and keeps working after more changes', async () => {
    const mini = library(200);
    for (let i = 0; i < 200; i += 3) mini.discard(`post-${i}`);
    mini.add({ id: 'post-0', title: 'brand new', body: 'zeppelin river' });
    const copy = (await unpackIndex(packIndex(mini as MiniSearch<unknown>), OPTIONS, now)) as MiniSearch<Doc>;
    expect(answers(copy)).toEqual(answers(mini));
    copy.discard('post-1');
    copy.add({ id: 'post-1', title: 'again', body: 'zeppelin' });
    expect(copy.search('zeppelin').map((r) => r.id).sort()).toEqual(['post-0', 'post-1']);
  });

  it('refuses damaged postings instead of misreading them', async () => {
    const packed = packIndex(library(50) as MiniSearch<unknown>);
    await expect(unpackIndex({ ...packed, postings: packed.postings.subarray(0, packed.postings.length - 3) }, OPTIONS, now)).rejects.toThrow();
    const longer = new Uint8Array(packed.postings.length + 1);
    longer.set(packed.postings);
    await expect(unpackIndex({ ...packed, postings: longer }, OPTIONS, now)).rejects.toThrow(/damaged/);
    await expect(unpackIndex(packed, { fields: ['title', 'body', 'tags'] }, now)).rejects.toThrow(/other fields/);
  });
});

describe('completions', () => {
  it('gives the typed word first, then the commonest completions, within the budget', () => {
    const mini = library(100);
    const all = completions(mini as MiniSearch<unknown>, 'river', 10, 1_000_000)!;
    expect(all[0]).toBe('river');
    expect(all.sort()).toEqual(['river', 'rivers', 'riverside']);
    expect(completions(mini as MiniSearch<unknown>, 'riv', 1, 1_000_000)).toHaveLength(1);
    expect(completions(mini as MiniSearch<unknown>, 'riv', 10, 1)).toHaveLength(1); // the first always fits
    expect(completions(mini as MiniSearch<unknown>, 'zz', 10, 100)).toEqual([]);
  });
});
