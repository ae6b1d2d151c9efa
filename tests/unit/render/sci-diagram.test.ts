/// Mermaid diagrams in the one render pipeline: a note and the source until the diagram's file
/// is beside the post, then an image of it; `postwright render`, the preview's incremental
/// render and publishing all show the same thing because they read the same files.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRender } from '../../../main/cli/render';
import { createNodePurify } from '../../../main/render/node-purify';
import { diagramOptions, diagramsOf, ensureDiagramPng, saveDiagram } from '../../../main/science/diagram-files';
import { renderArticle } from '../../../shared/render/index';
import { IncrementalArticle } from '../../../shared/render/incremental';
import { diagramName } from '../../../shared/render/science/diagram';
import { sha256Hex } from '../../../shared/render/science/diagram-hash';
import { article } from './helpers';
import { Body } from './preview-body';

const SOURCE = 'flowchart LR\n  S[Sow seeds] --> M[Measure weekly]\n';
const POST = `Before.\n\n\`\`\`mermaid\n${SOURCE}\`\`\`\n\nAfter.\n`;
// What mermaid draws, cut down; with what an attacker would add to a drawing sent to main.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" onload="alert(1)"><style>@import url(https://evil.example/x.css); .node rect{fill:#eee}</style><script>alert(2)</script><g class="node"><rect width="90" height="30" fill="#eeeeee" stroke="#333"/><text x="8" y="20">Sow seeds</text></g><foreignObject width="10" height="10"><div onclick="alert(3)">html</div></foreignObject><text x="110" y="20">Measure weekly</text></svg>`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pw-diagram-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('diagram names', () => {
  it('are the SHA-256 of the drawing style and the source, whatever its line endings', () => {
    for (const text of ['', 'a', 'é → ∑ 😀', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    expect(diagramName(SOURCE)).toMatch(/^diagram-[0-9a-f]{16}$/);
    expect(diagramName(SOURCE.replace(/\n/g, '\r\n'))).toBe(diagramName(SOURCE));
    expect(diagramName(SOURCE.replace('Sow', 'Plant'))).not.toBe(diagramName(SOURCE));
  });
});

describe('a mermaid block in the article', () => {
  it('is a plain note and its source until the diagram is drawn: no broken image, nothing to run', () => {
    const body = article(POST);
    const figure = body.querySelector('figure.diagram-missing')!;
    expect(figure.querySelector('figcaption')!.textContent).toMatch(/^Diagram not drawn yet/);
    expect(figure.querySelector('code.language-mermaid')!.textContent).toBe(SOURCE);
    expect(body.querySelector('img')).toBeNull();
  });

  it('is an image of the drawn file, resolved like any image, as SVG or as the PNG copy', () => {
    const name = diagramName(SOURCE);
    const diagrams = { has: (n: string) => n === name };
    const body = article(`${POST}\n\`\`\`mermaid\naccTitle: Growth steps\ngraph TD; A-->B\n\`\`\`\n`, { diagrams, resolveAsset: (src) => `https://files.test/${src}` });
    const image = body.querySelector('figure.diagram img')!;
    expect(image.getAttribute('src')).toBe(`https://files.test/${name}.svg`);
    expect(image.getAttribute('alt')).toBe('Diagram');
    // The second diagram has no file: it alone stays a note.
    expect(body.querySelectorAll('figure.diagram-missing')).toHaveLength(1);
    expect(body.querySelector('figure.diagram-missing code')!.textContent).toContain('accTitle: Growth steps');
    const png = article(POST, { diagrams: { ...diagrams, format: 'png' } });
    expect(png.querySelector('img')!.getAttribute('src')).toBe(`${name}.png`);
  });

  it('renders the same in the incremental preview as in one full render', () => {
    const purify = createNodePurify();
    const name = diagramName(SOURCE);
    const options = { diagrams: { has: (n: string) => n === name } };
    const incremental = new IncrementalArticle(purify);
    const view = new Body(incremental);
    view.apply(incremental.render('post', 'Start.\n', options));
    const patch = incremental.patch('post', POST, options);
    view.apply(patch === 'unchanged' || patch === null ? incremental.render('post', POST, options) : patch);
    expect(view.html()).toBe(renderArticle(POST, purify, options));
    expect(view.html()).toContain(`src="${name}.svg"`);
  });
});

describe('diagram files beside the post', () => {
  it('a saved drawing is cleaned, named from its source, and `postwright render` then shows it', async () => {
    const file = path.join(dir, 'index.md');
    writeFileSync(file, `---\ntitle: Radishes\n---\n${POST}`);
    const render = async () => {
      let out = '';
      await runRender(file, (text) => (out += text));
      return out.replace(/\n$/, '');
    };
    expect(await render()).toContain('Diagram not drawn yet');

    const name = await saveDiagram(dir, SOURCE, SVG);
    expect(name).toBe(diagramName(SOURCE));
    expect(readdirSync(dir).sort()).toEqual([`${name}.svg`, 'index.md']);
    const saved = readFileSync(path.join(dir, `${name}.svg`), 'utf8');
    expect(saved).toContain('Sow seeds');
    expect(saved).toContain('Measure weekly');
    expect(saved).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const gone of [/<script/i, /onload/i, /onclick/i, /foreignObject/i, /evil\.example/, /alert/]) expect(saved).not.toMatch(gone);

    const html = await render();
    expect(html).toBe(renderArticle(POST, createNodePurify(), { diagrams: await diagramOptions(dir) }));
    expect(html).toContain(`<img src="${name}.svg" alt="Diagram" loading="lazy">`);
    expect(diagramsOf(POST)).toEqual([{ name, source: SOURCE }]);
  });

  it('refuses a drawing with nothing drawable left, and writes nothing', async () => {
    await expect(saveDiagram(dir, SOURCE, '<svg><script>alert(1)</script></svg>')).rejects.toThrow(/empty or too large/);
    await expect(saveDiagram(dir, SOURCE, '<img src=x onerror=alert(1)>')).rejects.toThrow(/empty or too large/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes a PNG copy with the diagram drawn on white, once', async () => {
    const name = await saveDiagram(dir, SOURCE, SVG);
    await ensureDiagramPng(dir, name);
    const png = path.join(dir, `${name}.png`);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(400);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    // Mostly white paper, with dark text drawn on it.
    let dark = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 100) dark++;
    expect(dark).toBeGreaterThan(50);
    const first = readFileSync(png);
    await ensureDiagramPng(dir, name);
    expect(readFileSync(png).equals(first)).toBe(true);
  });
});
