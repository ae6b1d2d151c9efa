/// The `postwright` command as a user runs it: a real child process on a temporary library.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticle } from '../../shared/render';
import { createNodePurify } from '../../main/render/node-purify';
import { decodePost, MAX_POST_BYTES, checkSize } from '../../main/library/post-file';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '..', '..', 'bin', 'postwright.cjs');
let library: string;

function postwright(...args: string[]) {
  return run(process.execPath, [bin, ...args], { env: { ...process.env, POSTWRIGHT_LIBRARY: library } });
}

beforeAll(() => {
  library = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
});
afterAll(() => rmSync(library, { recursive: true, force: true }));

describe('postwright CLI', () => {
  it('creates a library with the welcome post on first use and lists it', async () => {
    const { stdout } = await postwright('list');
    expect(stdout).toMatch(/^welcome\tdraft\t\d{4}-\d{2}-\d{2}\tWelcome to Postwright$/m);
  });

  it('creates a draft from a title and lists it as JSON', async () => {
    const created = await postwright('new', 'Why do onions make us cry?');
    expect(created.stdout).toContain(path.join('posts', 'why-do-onions-make-us-cry', 'index.md'));
    const text = readFileSync(path.join(library, 'posts', 'why-do-onions-make-us-cry', 'index.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Why do onions make us cry\?\n/);
    const { stdout } = await postwright('list', '--json');
    const posts = JSON.parse(stdout) as Array<{ id: string; status: string }>;
    expect(posts.map((post) => post.id).sort()).toEqual(['welcome', 'why-do-onions-make-us-cry']);
  });

  it('--library wins over POSTWRIGHT_LIBRARY', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-other-'));
    try {
      await postwright('new', 'Only here', '--library', other);
      const { stdout } = await postwright('list', '--library', other);
      expect(stdout).toContain('Only here');
      expect((await postwright('list')).stdout).not.toContain('Only here');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('render prints the article HTML of the shared pipeline, without the front matter', async () => {
    const file = path.join(library, 'note.md');
    const markdown = '## Results\n\nThe mean was $\\bar{x} = 4.2$[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Over five trials.\n';
    writeFileSync(file, `---\ntitle: Lab note\n---\n${markdown}`);
    const { stdout } = await postwright('render', file);
    expect(stdout).toBe(`${renderArticle(markdown, createNodePurify())}\n`);
    expect(stdout).toContain('<h2');
    expect(stdout).toContain('class="katex"');
    expect(stdout).not.toContain('title: Lab note');
  });

  it('imports a WordPress export once, however often it is run', async () => {
    const wxr = path.resolve(__dirname, '..', 'unit', 'import', 'fixtures', 'blog.wxr');
    const first = await postwright('import', wxr);
    expect(first.stdout).toContain('3 added, 0 updated, 0 unchanged.');
    const again = await postwright('import', wxr);
    expect(again.stdout).toContain('0 added, 0 updated, 3 unchanged.');
    const { stdout } = await postwright('list');
    expect(stdout).toMatch(/^tables-and-code\tpublished\t2024-03-04/m);
    expect(stdout).toMatch(/^half-written-thoughts\tdraft\t/m);
    const text = readFileSync(path.join(library, 'posts', 'tables-and-code', 'index.md'), 'utf8');
    expect(text).toMatch(/\n\| .* \|\n\| -+ \|/);
  });

  it('explains a missing file and an unknown command, with a non-zero exit', async () => {
    await expect(postwright('render', path.join(library, 'nope.md'))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
    await expect(postwright('publish-everything')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command') });
  });

  it('render into a reader that stops early (| head) ends quietly with exit code 0', async () => {
    const file = path.join(library, 'long.md');
    // Far more than a pipe holds, so the command is still writing when the reader goes.
    writeFileSync(file, Array.from({ length: 4000 }, (_, i) => `Paragraph ${i} about **fermentation** and acids.\n`).join('\n'));
    const child = spawn(process.execPath, [bin, 'render', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  });

  const refusal = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the app did not refuse it');
  };

  it.each([
    ['a binary file', 'photo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
    ['a file that is not UTF-8', 'latin1.md', Buffer.from('Caf\xe9 cr\xe8me\n', 'latin1')],
  ])('render of %s prints the app’s refusal, not garbage, with a non-zero exit', async (_, name, bytes) => {
    const file = path.join(library, name);
    writeFileSync(file, bytes);
    const failed = await postwright('render', file).then(() => null, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: `postwright: ${refusal(() => decodePost(bytes, name))}\n` });
  });

  it('render of a file too large for a post prints the app’s refusal', async () => {
    const file = path.join(library, 'huge.md');
    writeFileSync(file, '');
    truncateSync(file, MAX_POST_BYTES + 1);
    const failed = await postwright('render', file).then(() => null, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: '', stderr: `postwright: ${refusal(() => checkSize(MAX_POST_BYTES + 1, 'huge.md'))}\n` });
  });
});
