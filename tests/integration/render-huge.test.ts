/// `postwright render` as a user runs it, on a post near the 20 MB limit: it must finish within
/// a bounded heap (before the render budget it needed over 1.3 GB), and a plain post must not
/// load jsdom at all (loading it costs tens of megabytes and most of a second).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POST_BYTES } from '../../main/library/post-file';
import { hugePost } from '../unit/render/huge-fixture';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'main', 'cli.cjs');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pw-huge-'));
  await run(process.execPath, [path.join(root, 'scripts', 'build-main.mjs')], { cwd: root });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('postwright render of a very large post', () => {
  it('renders a 19 MB post with a 768 MB heap, notice first and the last words kept', async () => {
    const post = hugePost(19_000_000, true);
    expect(Buffer.byteLength(post)).toBeLessThan(MAX_POST_BYTES);
    const file = path.join(dir, 'huge.md');
    writeFileSync(file, `---\ntitle: Huge\n---\n${post}`);
    const { stdout } = await run(process.execPath, ['--max-old-space-size=768', cli, 'render', file], { maxBuffer: 512 * 1024 * 1024 });
    expect(stdout.startsWith('<p class="render-notice">This post is very large')).toBe(true);
    const lastHeading = post.slice(post.lastIndexOf('## Section '), post.indexOf('\n', post.lastIndexOf('## Section ')));
    expect(stdout).toContain(`">${lastHeading}</p>`);
  }, 180_000);

  // Prints the jsdom modules in require.cache when the process exits.
  async function jsdomLoaded(markdown: string): Promise<string[]> {
    const probe = path.join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => require('node:fs').writeSync(2, '\\nJSDOM:' + JSON.stringify(Object.keys(require.cache).filter((name) => /[\\\\/]node_modules[\\\\/]jsdom[\\\\/]/.test(name)))));",
    );
    const file = path.join(dir, 'post.md');
    writeFileSync(file, markdown);
    const { stdout, stderr } = await run(process.execPath, ['--require', probe, cli, 'render', file]);
    expect(stdout).toContain('<h1');
    return JSON.parse(stderr.slice(stderr.lastIndexOf('\nJSDOM:') + 7)) as string[];
  }

  it('does not load jsdom for a post without raw HTML', async () => {
    expect(await jsdomLoaded('# Plain\n\nJust *text*, `code` and $x^2$.\n')).toEqual([]);
  }, 60_000);

  it('loads it for a post with raw HTML, which only the DOM sanitizer may vet', async () => {
    expect((await jsdomLoaded('# Raw\n\n<div onclick="x()">hi</div>\n')).length).toBeGreaterThan(0);
  }, 60_000);
});
