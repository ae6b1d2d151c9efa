/// What the app sends as a diagram drawing is checked again on the Node side: a hostile drawing
/// is kept without anything that runs or loads, and nothing is written outside the post's folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScienceService } from '../../../main/science/service';

const SOURCE = 'graph TD; A-->B\n';
const HOSTILE = [
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">',
  '<script>alert(2)</script><style>@import "https://evil.example/a.css"; rect{fill:url(https://evil.example/t.png)}</style>',
  '<a href="javascript:alert(3)"><text x="1" y="10">Click</text></a>',
  '<use href="https://evil.example/s.svg#x"/><image xlink:href="https://evil.example/track.png" width="1" height="1"/>',
  '<foreignObject width="9" height="9"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject>',
  '<rect width="5" height="5" onmouseover="alert(4)"/><animate attributeName="href" to="javascript:alert(5)"/><text x="1" y="30">Kept label</text></svg>',
].join('');

let root: string;
let outside: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pw-sec-diagram-'));
  outside = mkdtempSync(path.join(tmpdir(), 'pw-sec-outside-'));
  mkdirSync(path.join(root, 'posts', 'lab'), { recursive: true });
  writeFileSync(path.join(root, 'posts', 'lab', 'index.md'), '# Lab\n');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('sci-diagram: saving a drawing', () => {
  it('keeps the labels of a hostile drawing and nothing that runs or loads', async () => {
    const name = await new ScienceService(root, null).saveDiagram('lab', SOURCE, HOSTILE);
    const saved = readFileSync(path.join(root, 'posts', 'lab', `${name}.svg`), 'utf8');
    expect(saved).toContain('Kept label');
    for (const gone of [/<script/i, /\son\w+=/i, /javascript:/i, /evil\.example/, /<foreignObject/i, /<iframe/i, /<use\b/i, /<image\b/i, /<animate\b/i, /@import/i]) {
      expect(saved).not.toMatch(gone);
    }
  });

  it('writes nothing through a post folder that links outside the library', async () => {
    symlinkSync(outside, path.join(root, 'posts', 'linked'));
    await expect(new ScienceService(root, null).saveDiagram('linked', SOURCE, '<svg><text>x</text></svg>')).rejects.toThrow();
    expect(readdirSync(outside)).toEqual([]);
  });

  it('removes only diagram drafts, never the post or other files', async () => {
    const service = new ScienceService(root, null);
    await service.saveDiagram('lab', SOURCE, '<svg><text>x</text></svg>', ['index', '../lab/index', 'diagram-zz', 'refs']);
    expect(existsSync(path.join(root, 'posts', 'lab', 'index.md'))).toBe(true);
    expect(readdirSync(path.join(root, 'posts', 'lab')).length).toBe(2);
  });
});
