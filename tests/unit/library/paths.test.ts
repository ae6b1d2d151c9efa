import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathOutsideLibraryError, resolveInside, resolveInsideReal, slugify, uniqueSlug } from '../../../main/library/paths';

describe('slugify', () => {
  it.each([
    ['My First Post!', 'my-first-post'],
    ['Héllo, Wörld — été', 'hello-world-ete'],
    ['Straße & Œuvre, Łódź', 'strasse-oeuvre-lodz'],
    ['ﬁle Ａ ½ ™', 'file-a-1-2-tm'],
    ['  --Already--slugged--  ', 'already-slugged'],
    ['C# & .NET 8', 'c-net-8'],
    ['日本語のタイトル', '日本語のタイトル'],
    ['Привет, мир', 'привет-мир'],
    ['한국어 제목', '한국어-제목'],
  ])('%s -> %s', (title, slug) => expect(slugify(title)).toBe(slug));

  it('never returns an empty name, a dot name or a Windows device name', () => {
    for (const t of ['', '   ', '!!!', '🙂🙂', '.', '..', '...']) expect(slugify(t)).toBe('untitled');
    for (const t of ['CON', 'nul', 'Aux', 'prn', 'com1', 'LPT9', 'com¹']) expect(slugify(t)).toMatch(/^(con|nul|aux|prn|com1|lpt9)-post$/);
    expect(slugify('Console')).toBe('console');
  });

  it('cuts long titles to 80 characters without a trailing dash', () => {
    expect(slugify('a'.repeat(200))).toHaveLength(80);
    expect(slugify(`${'x'.repeat(79)} tail`)).toBe('x'.repeat(79));
  });

  it('always gives a safe, short, single-segment name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (title) => {
        const slug = slugify(title);
        expect(slug).not.toBe('');
        expect(Array.from(slug).length).toBeLessThanOrEqual(80);
        expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(200);
        expect(slug).not.toMatch(/^-|-$|--|[\s/\\:*?"<>|.\0]|[A-Z]/);
        expect(slug).not.toMatch(/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 500 },
    );
  });
});

describe('uniqueSlug', () => {
  it('adds -2, -3… until the name is free', async () => {
    const taken = new Set(['my-post', 'my-post-2']);
    expect(await uniqueSlug('my-post', async (s) => taken.has(s))).toBe('my-post-3');
    expect(await uniqueSlug('free', async () => false)).toBe('free');
  });

  it('keeps a suffixed name within 80 characters', async () => {
    const base = 'a'.repeat(80);
    const slug = await uniqueSlug(base, async (s) => s === base);
    expect(slug).toBe(`${'a'.repeat(78)}-2`);
  });
});

describe('resolveInside', () => {
  const root = path.resolve('/library');

  it('joins paths that stay inside', () => {
    expect(resolveInside(root, 'posts', 'my-post', 'index.md')).toBe(path.join(root, 'posts', 'my-post', 'index.md'));
    expect(resolveInside(root, 'a/../b')).toBe(path.join(root, 'b'));
    expect(resolveInside(root)).toBe(root);
  });

  it.each([['../x'], ['..\\x'], ['/etc/passwd'], ['C:\\x'], ['c:x'], ['\\\\server\\share'], ['a/../../x'], ['a\\..\\..\\x'], ['..'], ['a\0b'], ['posts', '..', '..', 'x']])(
    'refuses %j',
    (...segments) => expect(() => resolveInside(root, ...segments)).toThrow(PathOutsideLibraryError),
  );

  it('is not fooled by a sibling folder sharing the prefix', () => {
    expect(() => resolveInside(root, '../library-private/x')).toThrow(PathOutsideLibraryError);
  });
});

describe.skipIf(process.platform === 'win32')('resolveInsideReal', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'pw-paths-')));
    root = path.join(base, 'library');
    await fs.mkdir(path.join(root, 'posts', 'ok'), { recursive: true });
    await fs.mkdir(path.join(base, 'outside'));
    await fs.writeFile(path.join(base, 'outside', 'secret.txt'), 'secret');
    await fs.symlink(path.join(base, 'outside'), path.join(root, 'posts', 'escape'));
    await fs.symlink(path.join(base, 'outside', 'not-yet.txt'), path.join(root, 'posts', 'dangling'));
    await fs.symlink(path.join(root, 'posts', 'ok'), path.join(root, 'posts', 'alias'));
  });
  afterAll(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  it('accepts real paths inside, existing or not, and links that stay inside', async () => {
    expect(await resolveInsideReal(root, 'posts', 'ok', 'index.md')).toBe(path.join(root, 'posts', 'ok', 'index.md'));
    expect(await resolveInsideReal(root, 'posts', 'new', 'deeper', 'index.md')).toBe(path.join(root, 'posts', 'new', 'deeper', 'index.md'));
    expect(await resolveInsideReal(root, 'posts', 'alias', 'x.png')).toBe(path.join(root, 'posts', 'alias', 'x.png'));
  });

  it('refuses symlinks that lead outside, even dangling ones or through a missing tail', async () => {
    await expect(resolveInsideReal(root, 'posts', 'escape', 'secret.txt')).rejects.toThrow(PathOutsideLibraryError);
    await expect(resolveInsideReal(root, 'posts', 'escape', 'missing', 'x')).rejects.toThrow(PathOutsideLibraryError);
    await expect(resolveInsideReal(root, 'posts', 'dangling')).rejects.toThrow(PathOutsideLibraryError);
    await expect(resolveInsideReal(root, '..', 'outside')).rejects.toThrow(PathOutsideLibraryError);
  });

  it('works when the library root itself is reached through a symlink', async () => {
    const linkedRoot = path.join(base, 'linked-library');
    await fs.symlink(root, linkedRoot);
    expect(await resolveInsideReal(linkedRoot, 'posts', 'ok')).toBe(path.join(linkedRoot, 'posts', 'ok'));
    await expect(resolveInsideReal(linkedRoot, 'posts', 'escape')).rejects.toThrow(PathOutsideLibraryError);
  });
});
