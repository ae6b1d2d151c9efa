import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryIndex, type SearchHit } from '../../../main/library/search-index';

let root: string;
let cacheFile: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-index-'));
  cacheFile = path.join(root, '.postwright', 'index.json');
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function writePost(id: string, fields: { title: string; tags?: string[]; status?: string; date?: string }, body: string) {
  const dir = path.join(root, 'posts', id);
  await fs.mkdir(dir, { recursive: true });
  const front = [`title: "${fields.title}"`, `status: ${fields.status ?? 'draft'}`, `date: ${fields.date ?? '2026-01-01'}`, `tags: [${(fields.tags ?? []).join(', ')}]`];
  await fs.writeFile(path.join(dir, 'index.md'), `---\n${front.join('\n')}\n---\n${body}\n`);
}

async function sampleLibrary() {
  await writePost('lisbon', { title: 'A Week in Lisbon', tags: ['travel', 'Portugal'], status: 'published', date: '2026-03-01' }, 'We ate pastéis de nata by the river and watched the trams climb.');
  await writePost('sourdough', { title: 'Sourdough Basics', tags: ['baking'], date: '2026-02-01' }, 'Feed the starter twice a day. The river of bubbles means it is ready.');
  await writePost('tram-notes', { title: 'Notes on Trams', tags: ['travel'], date: '2026-01-15' }, 'Tram 28 is crowded; walk instead.');
}

async function openIndex(options: ConstructorParameters<typeof LibraryIndex>[2] = {}) {
  const index = new LibraryIndex(root, cacheFile, options);
  await index.refresh();
  await index.whenSearchable();
  return index;
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id).sort();

describe('LibraryIndex', () => {
  it('lists every post with its summary, newest date first', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(index.summaries().map((s) => s.id)).toEqual(['lisbon', 'sourdough', 'tram-notes']);
    expect(index.summaries()[0]).toMatchObject({ title: 'A Week in Lisbon', status: 'published', tags: ['travel', 'Portugal'] });
  });

  it('finds words in the body, the title and the tags', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(ids(index.search('starter'))).toEqual(['sourdough']);
    expect(ids(index.search('basics'))).toEqual(['sourdough']);
    expect(ids(index.search('portugal'))).toEqual(['lisbon']);
    expect(ids(index.search('river'))).toEqual(['lisbon', 'sourdough']);
    expect(ids(index.search('pasteis'))).toEqual(['lisbon']); // accents folded
    expect(index.search('   ')).toEqual([]);
  });

  it('needs every word to match, and ranks title matches first', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(ids(index.search('river trams'))).toEqual(['lisbon']);
    expect(index.search('river nothingmatches')).toEqual([]);
    expect(index.search('tram')[0]!.id).toBe('tram-notes');
  });

  it('matches the last word as a prefix while it is being typed', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(ids(index.search('sourd'))).toEqual(['sourdough']);
    expect(ids(index.search('river bub'))).toEqual(['sourdough']);
    expect(index.search('sourd ')).toEqual([]); // a space ends the word
  });

  it('ignores very common words, unless the query is nothing but them', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(ids(index.search('the river'))).toEqual(ids(index.search('river')));
    expect(ids(index.search('a week '))).toEqual(['lisbon']);
    expect(ids(index.search('on ')).sort()).toEqual(['tram-notes']); // “Notes on Trams”: titles only
  });

  it('marks the completed word in snippets while a prefix is typed', async () => {
    await sampleLibrary();
    const index = await openIndex();
    const [hit] = index.search('bubb');
    expect(hit!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['bubbles']);
  });

  it('filters by status and tag', async () => {
    await sampleLibrary();
    const index = await openIndex();
    expect(ids(index.search('river', { status: 'published' }))).toEqual(['lisbon']);
    expect(ids(index.search('tram', { tag: 'TRAVEL' }))).toEqual(['lisbon', 'tram-notes']);
    expect(index.search('river', { tag: 'baking', status: 'published' })).toEqual([]);
  });

  it('returns snippets with the matched words marked', async () => {
    await sampleLibrary();
    const index = await openIndex();
    const [hit] = index.search('bubbles');
    expect(hit!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['bubbles']);
    expect(hit!.snippet.map((s) => s.text).join('')).toContain('The river of bubbles means it is ready.');
    const [byTitle] = index.search('notes');
    expect(byTitle!.snippet).toEqual([{ text: 'Notes', match: true }, { text: ' on Trams', match: false }]);
  });

  it('picks up an outside edit, a new post and a deleted post on refresh', async () => {
    await sampleLibrary();
    const index = await openIndex();
    await writePost('sourdough', { title: 'Sourdough Basics', tags: ['baking'] }, 'Now about rye flour.');
    await writePost('new-post', { title: 'Fresh Ideas' }, 'Brand new words: zeppelin.');
    await fs.rm(path.join(root, 'posts', 'tram-notes'), { recursive: true });
    await index.refresh();
    expect(ids(index.search('rye'))).toEqual(['sourdough']);
    expect(index.search('starter')).toEqual([]);
    expect(ids(index.search('zeppelin'))).toEqual(['new-post']);
    expect(index.summaries().map((s) => s.id).sort()).toEqual(['lisbon', 'new-post', 'sourdough']);
    expect(index.search('crowded')).toEqual([]);

    // And a new index opened from the cache sees the same.
    const reopened = await openIndex();
    expect(ids(reopened.search('zeppelin'))).toEqual(['new-post']);
    expect(reopened.summaries()).toHaveLength(3);
  });

  it('reuses the cache when nothing changed: no post file is read again', async () => {
    await sampleLibrary();
    await openIndex();
    const stat = await fs.stat(cacheFile);

    const reads: string[] = [];
    const readBytes = async (file: string) => {
      reads.push(file);
      return fs.readFile(file);
    };
    const index = await openIndex({ readBytes });
    expect(reads).toEqual([]);
    expect(ids(index.search('starter'))).toEqual(['sourdough']);
    expect((await fs.stat(cacheFile)).mtimeMs).toBe(stat.mtimeMs); // nothing changed, nothing written

    // One outside edit: only that file is read.
    await writePost('lisbon', { title: 'A Week in Lisbon' }, 'Edited elsewhere: azulejos.');
    const again = await openIndex({ readBytes });
    expect(reads.map((f) => path.basename(path.dirname(f)))).toEqual(['lisbon']);
    expect(ids(again.search('azulejos'))).toEqual(['lisbon']);
  });

  it('applies update() at once, and the next refresh does not read that file again', async () => {
    await sampleLibrary();
    const reads: string[] = [];
    const index = await openIndex({ readBytes: async (file) => (reads.push(file), fs.readFile(file)) });
    reads.length = 0;
    const file = path.join(root, 'posts', 'tram-notes', 'index.md');
    const text = '---\ntitle: Notes on Trams\n---\nFunicular rides.\n';
    await fs.writeFile(file, text);
    index.update('tram-notes', text, (await fs.stat(file)).mtimeMs);
    expect(ids(index.search('funicular'))).toEqual(['tram-notes']);
    index.update('lisbon', null);
    expect(index.search('nata')).toEqual([]);
    await fs.rm(path.join(root, 'posts', 'lisbon'), { recursive: true });
    await index.refresh();
    expect(reads).toEqual([]);
    await index.flush();
    expect(ids((await openIndex()).search('funicular'))).toEqual(['tram-notes']);
  });

  it('lists posts it cannot read with the reason, and refuses links leading outside the library', async () => {
    await sampleLibrary();
    await fs.mkdir(path.join(root, 'posts', 'binary'));
    await fs.writeFile(path.join(root, 'posts', 'binary', 'index.md'), Buffer.from([0x00, 0xff, 0x10]));
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-outside-'));
    await fs.writeFile(path.join(outside, 'index.md'), '---\ntitle: Secret\n---\nclassified words\n');
    await fs.symlink(outside, path.join(root, 'posts', 'linked-out'));
    await fs.mkdir(path.join(root, 'posts', 'empty-folder'));
    try {
      const index = await openIndex();
      const byId = new Map(index.summaries().map((s) => [s.id, s]));
      expect(byId.get('binary')?.problem).toMatch(/not a UTF-8 text file/);
      expect(byId.get('linked-out')?.problem).toMatch(/outside the library/);
      expect(byId.has('empty-folder')).toBe(false);
      expect(index.search('classified')).toEqual([]);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('does not write its cache through a link planted in the library', async () => {
    await sampleLibrary();
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-outside-'));
    try {
      await fs.writeFile(path.join(outside, 'precious.txt'), 'keep');
      await fs.mkdir(path.dirname(cacheFile), { recursive: true });
      await fs.symlink(path.join(outside, 'precious.txt'), cacheFile);
      const problems: string[] = [];
      const index = await openIndex({ onProblem: (message) => problems.push(message) });
      expect(ids(index.search('starter'))).toEqual(['sourdough']);
      expect(problems).toEqual(['The library index could not be saved; it will be rebuilt as needed.']);
      expect(await fs.readFile(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep');
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('rebuilds from the posts when the cache is damaged', async () => {
    await sampleLibrary();
    await openIndex();
    const text = await fs.readFile(cacheFile, 'utf8');
    await fs.writeFile(cacheFile, text.slice(0, text.length - 20));
    const problems: string[] = [];
    const index = await openIndex({ onProblem: (message) => problems.push(message) });
    expect(problems).toEqual(['The cached search index is damaged; rebuilding it.']);
    expect(ids(index.search('starter'))).toEqual(['sourdough']);
    await fs.writeFile(cacheFile, 'not json at all');
    expect(ids((await openIndex()).search('crowded'))).toEqual(['tram-notes']);
    expect((await fs.readFile(cacheFile, 'utf8')).startsWith('{')).toBe(true); // written anew
  });

  it('searches titles and tags while the full text is still loading', async () => {
    await sampleLibrary();
    await openIndex();
    const index = new LibraryIndex(root, cacheFile);
    await index.refresh();
    expect(index.fullTextReady).toBe(false);
    expect(ids(index.search('sourd'))).toEqual(['sourdough']);
    expect(index.search('travel', { tag: 'portugal' }).map((h) => h.id)).toEqual(['lisbon']);
    await index.whenSearchable();
    expect(index.fullTextReady).toBe(true);
    expect(ids(index.search('starter'))).toEqual(['sourdough']);
  });
});
