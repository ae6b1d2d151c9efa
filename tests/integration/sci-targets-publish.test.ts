/// The sample science post (a review with eight citations, two figures, a table and an equation)
/// published to a real WordPress, Hugo site and Ghost, in APA and in IEEE: what the blog stores
/// and serves keeps the numbers, the reference list in the order `postwright render` gives, and
/// every in-page link (cross-references and citations) lands on an element of the page.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRender } from '../../main/cli/render';
import { diagramsOf, saveDiagram } from '../../main/science/diagram-files';
import type { PublishService } from '../../main/publish/service';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';
import { ghostSkipReason, hasGhost, startGhost, type Ghost, type GhostPost } from '../servers/ghost';
import { hasWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';
import { basic, startWordPressBlog, type WordPressBlog } from './wordpress-blog';

const fixtures = path.resolve(__dirname, '../fixtures/science');
const styles = ['apa', 'ieee'] as const;
const idOf = (csl: string) => `radish-review-${csl}`;

/// The review as a published post in the given style, with its bibliography and figures beside it.
function writeReview(lib: TestLibrary, csl: string): string {
  const id = idOf(csl);
  const text = readFileSync(path.join(fixtures, 'review.md'), 'utf8')
    .replace('status: draft', `status: published\nslug: ${id}\ndate: 2024-05-01`)
    .replace(/^csl: .*$/m, `csl: ${csl}`);
  lib.writePost(text, id);
  const dir = path.join(lib.root, 'posts', id);
  copyFileSync(path.join(fixtures, 'refs.bib'), path.join(dir, 'refs.bib'));
  // Some PNGs are identical across posts; the colours keep each style's uploads apart.
  const shade = csl === 'apa' ? 0 : 50;
  writeFileSync(path.join(dir, 'growth.png'), makePng(32, 20, [60 + shade, 150, 70]));
  writeFileSync(path.join(dir, 'leaning.png'), makePng(20, 32, [180, 120 + shade, 40]));
  return path.join(dir, 'index.md');
}

/// The review's flowchart as the app keeps it once drawn (a drawing made by hand here: Node has
/// no DOM for mermaid to measure text in). Posts without it are refused by publishing.
async function drawReviewDiagram(file: string, csl: string): Promise<void> {
  const [diagram] = diagramsOf(readFileSync(file, 'utf8'));
  const labels = ['Sow 120 seeds', 'Four moisture groups', 'Measure weekly', `Compare @ week 4 (${csl})`];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 60">${labels.map((label, i) => `<rect x="${i * 160}" y="10" width="150" height="40" fill="#eee" stroke="#999"/><text x="${i * 160 + 8}" y="35">${label}</text>`).join('')}</svg>`;
  await saveDiagram(path.dirname(file), diagram!.source, svg);
}

/// The flowchart reached the blog as an image (`ext`: the kinds of file the blog was sent), not as code.
function expectDiagram(html: string, ext: RegExp): void {
  const doc = new JSDOM(html).window.document;
  const images = [...doc.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '').filter((src) => /diagram-[0-9a-f]{16}/.test(src));
  expect(images).toHaveLength(1);
  expect(images[0]).toMatch(ext);
  expect(doc.querySelector('code.language-mermaid')).toBeNull();
}

/// What `postwright render` prints for the post file.
async function cliRender(file: string): Promise<Document> {
  let html = '';
  expect(await runRender(file, (text) => (html += text))).toBe(0);
  return new JSDOM(html).window.document;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const entries = (doc: Document) => [...doc.querySelectorAll('#refs .csl-entry')].map((entry) => entry.id);

/// Everything a reader of the science post notices, checked on the page the blog gives back.
function expectScience(html: string, expected: Document, csl: string): void {
  const doc = new JSDOM(html).window.document;
  expect(text(doc.querySelector('[id="fig:growth"] figcaption')), csl).toBe('Figure 1: Mean seedling height by week for the four moisture groups');
  expect(text(doc.querySelector('[id="fig:leaning"] figcaption'))).toMatch(/^Figure 2: /);
  expect(text(doc.querySelector('[id="tbl:height"] caption'))).toBe('Table 1: Height after four weeks by soil moisture');
  expect(text(doc.querySelector('[id="eq:growth"] .eq-number'))).toBe('(1)');
  // By address, not class: Ghost's native paragraphs keep a link's href but drop its class.
  const xrefs = [...doc.querySelectorAll('a[href^="#fig:"], a[href^="#tbl:"], a[href^="#eq:"]')];
  expect(xrefs.map((a) => `${a.getAttribute('href')} ${text(a)}`)).toEqual(['#fig:growth Figure 1', '#eq:growth Equation (1)', '#tbl:height Table 1', '#fig:leaning Figure 2']);

  const order = entries(expected);
  expect(order).toHaveLength(8);
  expect(entries(doc)).toEqual(order);
  expect([...doc.querySelectorAll('#refs .csl-entry')].map(text)).toEqual([...expected.querySelectorAll('#refs .csl-entry')].map(text));
  const citations = [...doc.querySelectorAll('a[href^="#ref-"]')];
  expect(citations.map(text)).toEqual([...expected.querySelectorAll('a.citation')].map(text));

  const links = [...xrefs, ...citations].map((a) => a.getAttribute('href') ?? '');
  expect(links.length).toBeGreaterThan(8);
  for (const href of links) {
    expect(doc.querySelector(`[id="${decodeURIComponent(href.slice(1))}"]`), href).not.toBeNull();
  }
}

describe.skipIf(!hasWordPress)(hasWordPress ? 'sci-targets: the science post on WordPress' : 'sci-targets: the science post on WordPress (skipped: no test WordPress)', () => {
  let wp: WordPress;
  let service: PublishService;
  let blog: WordPressBlog;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    blog = await startWordPressBlog(async (lib) => {
      for (const csl of styles) files[csl] = writeReview(lib, csl);
      for (const csl of styles) await drawReviewDiagram(files[csl]!, csl);
    });
    ({ wp, service } = blog);
  }, 300_000);
  afterAll(() => blog?.stop());

  for (const csl of styles) {
    it(`${csl}: the stored post and the served page keep numbers, references and links`, async () => {
      const expected = await cliRender(files[csl]!);
      const result = await service.publish(idOf(csl), 'blog');
      // The two figures and the flowchart's PNG copy (WordPress refuses SVG).
      expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 3 });
      if (result.kind !== 'published') return;
      const response = await fetch(`${wp.url}/wp-json/wp/v2/posts/${result.remoteId}?context=edit`, { headers: { Authorization: basic(wp.username, wp.appPassword) }, signal: AbortSignal.timeout(15_000) });
      expect(response.status).toBe(200);
      const post = (await response.json()) as { content: { rendered: string } };
      expectScience(post.content.rendered, expected, csl);
      expectDiagram(post.content.rendered, /\.(png|webp)$/);
      expectScience(await (await fetch(result.url, { signal: AbortSignal.timeout(15_000) })).text(), expected, csl);
    }, 120_000);
  }
});

describe.skipIf(!hasHugo)(hasHugo ? 'sci-targets: the science post on a Hugo site' : 'sci-targets: the science post on a Hugo site (skipped: no hugo)', () => {
  let site: StaticSite;
  let lib: TestLibrary;
  let service: PublishService;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    [site, lib] = await Promise.all([makeHugoSite(), makeLibrary()]);
    for (const csl of styles) files[csl] = writeReview(lib, csl);
    for (const csl of styles) await drawReviewDiagram(files[csl]!, csl);
    service = lib.service();
    await service.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: site.clone, generator: 'hugo', branch: 'main', remote: 'origin' } });
  }, 60_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await site?.remove();
  });

  for (const csl of styles) {
    it(`${csl}: the page Hugo builds keeps numbers, references and links`, async () => {
      const expected = await cliRender(files[csl]!);
      expect(await service.publish(idOf(csl), 'site')).toMatchObject({ kind: 'published', created: true });
      const page = await site.readPage(idOf(csl));
      expectScience(page, expected, csl);
      expectDiagram(page, /\.svg$/);
    }, 120_000);
  }
});

describe.skipIf(!hasGhost)(`sci-targets: the science post on Ghost${ghostSkipReason}`, () => {
  let ghost: Ghost;
  let lib: TestLibrary;
  let service: PublishService;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    [ghost, lib] = await Promise.all([startGhost(), makeLibrary()]);
    for (const csl of styles) files[csl] = writeReview(lib, csl);
    for (const csl of styles) await drawReviewDiagram(files[csl]!, csl);
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
  }, 120_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await ghost?.stop();
  });

  for (const csl of styles) {
    it(`${csl}: the stored post and the served page keep numbers, references and links`, async () => {
      const expected = await cliRender(files[csl]!);
      const result = await service.publish(idOf(csl), 'blog');
      expect(result).toMatchObject({ kind: 'published', created: true });
      if (result.kind !== 'published') return;
      const response = await ghost.admin(`/posts/${result.remoteId}/?formats=html`);
      expect(response.status).toBe(200);
      const [post] = ((await response.json()) as { posts: GhostPost[] }).posts;
      expectScience(post!.html ?? '', expected, csl);
      expectDiagram(post!.html ?? '', /\.(png|webp)$/);
      expectScience(await (await fetch(result.url, { signal: AbortSignal.timeout(15_000) })).text(), expected, csl);
    }, 120_000);
  }
});
