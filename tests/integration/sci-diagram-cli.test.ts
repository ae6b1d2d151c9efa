/// `postwright publish` of a post whose diagram the app has not drawn yet: refused in words a
/// blogger can act on, nothing pushed; once the drawing is beside the post, it goes out as an
/// SVG file with the post, and the page Hugo builds shows it.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDiagram } from '../../main/science/diagram-files';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'postwright.cjs');
const SOURCE = 'flowchart LR\nA[Fill the jar] --> B[Seal it]\n';

describe.skipIf(!hasHugo)(hasHugo ? 'sci-diagram: postwright publish with a diagram' : 'sci-diagram: postwright publish (skipped: no hugo)', () => {
  let site: StaticSite;
  let base: string;
  let library: string;

  const postwright = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args, '--library', library], { env: { ...process.env, POSTWRIGHT_STATE_DIR: path.join(base, 'state') } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    site = await makeHugoSite();
    base = mkdtempSync(path.join(os.tmpdir(), 'pw-sci-diagram-'));
    library = path.join(base, 'Blog');
    mkdirSync(path.join(library, 'posts', 'jar'), { recursive: true });
    writeFileSync(path.join(library, 'posts', 'jar', 'index.md'), `---\ntitle: A garden in a jar\nstatus: published\nslug: jar\n---\n\nHow to start one.\n\n\`\`\`mermaid\n${SOURCE}\`\`\`\n`);
    const added = await postwright(['targets', 'add', 'site', '--kind', 'hugo', '--repo', site.clone]);
    expect(added.stderr).toBe('');
  }, 90_000);
  afterAll(async () => {
    await site?.remove();
    rmSync(base, { recursive: true, force: true });
  });

  it('refuses while the diagram is not drawn, then publishes its SVG with the post', async () => {
    const refused = await postwright(['publish', 'jar', '--target', 'site']);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/“A garden in a jar” has a diagram \(the one starting “flowchart LR”\) that is not drawn yet\. Open the post in Postwright once/);
    expect(await site.readPage('jar').catch(() => 'no page')).not.toContain('How to start one');

    // What the app keeps once it has drawn the diagram.
    const dir = path.join(library, 'posts', 'jar');
    const name = await saveDiagram(dir, SOURCE, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 40"><text x="5" y="25">Fill the jar</text><text x="150" y="25">Seal it</text></svg>');
    const published = await postwright(['publish', 'jar', '--target', 'site']);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    const page = await site.readPage('jar');
    expect(page).toMatch(new RegExp(`<img src="[^"]*${name}\\.svg"`));
    expect(page).not.toContain('language-mermaid');
    const built = await site.build();
    const svg = (readdirSync(built, { recursive: true }) as string[]).filter((file) => file.endsWith(`${name}.svg`));
    expect(svg).toHaveLength(1);
    expect(readFileSync(path.join(built, svg[0]!), 'utf8').replace(/<[^>]+>/g, ' ')).toContain('Fill the jar');
  }, 120_000);
});
