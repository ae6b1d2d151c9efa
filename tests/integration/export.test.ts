/// Export as the app, the browser host and the CLI do it: through the services, from a real
/// library folder, checked by opening the file as Word or a browser would.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../main/services';
import { runCli } from '../../main/cli/index';
import { readZip } from './zip-reader';

let root: string;
let library: string;
let services: Services;

const POST = `---
title: Tide pools
date: 2026-11-02
status: draft
---
# Life between the tides

Anemones *close* at low tide and **open** again under water. See [the survey](https://example.org/survey).

- periwinkles
- limpets

1. count
2. measure

| Species | Count |
|---|---|
| Anemone | 12 |
| Limpet | 40 |

![A sea star on a rock](star.png)

\`\`\`python
print("tide")
\`\`\`

Energy: $E = mc^2$

$$
\\int_0^1 x\\,dx
$$
`;

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pw-export-'));
  library = path.join(root, 'Blog');
  services = await openServices(library);
  mkdirSync(path.join(library, 'posts', 'tide-pools'), { recursive: true });
  writeFileSync(path.join(library, 'posts', 'tide-pools', 'index.md'), POST);
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
  writeFileSync(path.join(library, 'posts', 'tide-pools', 'star.png'), png);
});
afterEach(async () => {
  await services.close();
  rmSync(root, { recursive: true, force: true });
});

async function exportFile(format: 'html' | 'docx'): Promise<{ name: string; type: string; bytes: Buffer }> {
  const envelope = await services.dispatch('export.file', [{ postId: 'tide-pools', format }]);
  if (!envelope.ok) throw new Error(envelope.error.message);
  const value = envelope.value as { name: string; type: string; base64: string };
  return { ...value, bytes: Buffer.from(value.base64, 'base64') };
}

describe('export', () => {
  it('writes a self-contained HTML file: the image inline, KaTeX styles and fonts inline, no outside address', async () => {
    const file = await exportFile('html');
    expect(file.name).toBe('tide-pools.html');
    const html = file.bytes.toString('utf8');
    expect(html).toContain('<title>Tide pools</title>');
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,[A-Za-z0-9+/=]{40,}"/);
    expect(html).toContain('<h1');
    expect(html).toContain('Life between the tides');
    expect(html).toContain('class="katex');
    expect(html).toMatch(/@font-face\{[^}]*font-family:KaTeX_Main[^}]*url\(data:font\/woff2;base64,/);
    // Nothing left to fetch: no relative font or image addresses, no data-line attributes.
    expect(html).not.toMatch(/url\(fonts\//);
    expect(html).not.toMatch(/src="star\.png"/);
    expect(html).not.toContain('data-line=');
  });

  it('writes a Word document with the heading, lists, table, link, code, image and math', async () => {
    const file = await exportFile('docx');
    expect(file.name).toBe('tide-pools.docx');
    const zip = readZip(file.bytes);
    const xml = zip.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Life between the tides/);
    expect(xml).toContain('<w:tbl>');
    expect(xml).toMatch(/<w:t[^>]*>Anemone<\/w:t>[\s\S]*<w:t[^>]*>12<\/w:t>/);
    expect(xml).toMatch(/<w:b\/>[\s\S]*?open/);
    expect(xml).toContain('<w:hyperlink');
    expect(xml).toContain('print(&quot;tide&quot;)');
    expect(xml).toContain('E = mc^2');
    expect(xml).toContain('<w:drawing>');
    expect(xml).toContain('w:numId');
    const media = [...zip.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const image = await sharp(zip.get(media[0] ?? '')).metadata();
    expect([image.width, image.height]).toEqual([40, 30]);
    const rels = zip.get('word/_rels/document.xml.rels')?.toString('utf8') ?? '';
    expect(rels).toContain('https://example.org/survey');
  });

  it('refuses an unknown post with the blogger’s words and writes nothing in the library', async () => {
    const before = readdirSync(path.join(library, 'posts')).sort();
    const envelope = await services.dispatch('export.file', [{ postId: 'no-such-post', format: 'docx' }]);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toMatch(/no post/i);
    expect(readdirSync(path.join(library, 'posts')).sort()).toEqual(before);
  });

  it('saving with a dialog is refused where there is no desktop host', async () => {
    const envelope = await services.dispatch('export.save', [{ postId: 'tide-pools', format: 'pdf' }]);
    expect(envelope.ok).toBe(false);
  });

  it('the CLI writes the file where -o says, and by default beside the current folder, not in the library', async () => {
    const out = path.join(root, 'out', 'tide.docx');
    mkdirSync(path.dirname(out));
    const lines: string[] = [];
    expect(await runCli(['export', 'tide-pools', '--format', 'docx', '-o', out, '--library', library], (text) => lines.push(text))).toBe(0);
    expect(readZip(readFileSync(out)).get('word/document.xml')?.toString('utf8')).toContain('Life between the tides');
    expect(lines.join('')).toContain(out);
    const cwd = process.cwd();
    process.chdir(path.join(root, 'out'));
    try {
      expect(await runCli(['export', 'tide-pools', '--format', 'html', '--library', library], () => undefined)).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(path.join(root, 'out', 'tide-pools.html'), 'utf8')).toContain('data:image/png;base64,');
    expect(readdirSync(path.join(library, 'posts', 'tide-pools')).sort()).toEqual(['index.md', 'star.png']);
  });
});
