/// Ghost gets a native post: Lexical with its own paragraph, heading, list, quote, image,
/// embed and divider nodes, and HTML cards only for the table, the coloured code, the math and
/// the footnotes. And the
/// way back: the published post imports as the very markdown that was sent, and an edit made in
/// Ghost comes in with every construct still the construct it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importSourceForTarget } from '../../main/import';
import { runImport } from '../../main/import/run';
import { libraryImportTarget } from '../../main/import/target';
import { parsePostFile } from '../../shared/frontmatter';
import { ghostLexical } from '../../main/publish/ghost-lexical';
import type { PublishService } from '../../main/publish/service';
import { ghostSkipReason as reason, hasGhost, startGhost, type Ghost } from '../servers/ghost';
import { makeLibrary, type TestLibrary } from './publish-fixtures';
import { RICH_BODY, RICH_ID, richPost } from './ghost-wayback-fixture';

interface LexicalNode {
  type: string;
  children?: LexicalNode[];
  [key: string]: unknown;
}

describe.skipIf(!hasGhost)(`Ghost receives native content and gives it back${reason}`, () => {
  let ghost: Ghost;
  let lib: TestLibrary;
  let service: PublishService;
  let remoteId = '';

  const admin = async <T>(route: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const response = await ghost.admin(route, init);
    expect(response.ok, `${route}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  const stored = async () => (await admin<{ posts: Array<{ lexical: string; html: string; url: string; updated_at: string }> }>(`/posts/${remoteId}/?formats=html,lexical`)).posts[0]!;

  beforeAll(async () => {
    [ghost, lib] = await Promise.all([startGhost(), makeLibrary()]);
    ghostLexical('<p>The converter loads once, here, not inside a test.</p>');
    lib.writePost(richPost(), RICH_ID);
    copyFileSync(path.join(lib.root, 'posts', RICH_ID, 'img', 'crock.png'), path.join(lib.root, 'posts', RICH_ID, 'crock.png'));
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
  }, 180_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await ghost?.stop();
  });

  it('publishes Lexical with native nodes, and HTML cards only for the table, coloured code, math and footnotes', async () => {
    const result = await service.publish(RICH_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true, uploaded: 2 });
    if (result.kind !== 'published') return;
    remoteId = result.remoteId;
    const post = await stored();
    const top = (JSON.parse(post.lexical) as { root: LexicalNode }).root.children!;
    const of = (type: string) => top.filter((n) => n.type === type);
    expect(of('extended-heading')[0]).toMatchObject({ tag: 'h2' });
    expect(JSON.stringify(of('extended-heading')[0])).toContain('"format":2'); // *ferment* stays italic
    expect(of('list').map((n) => n.listType)).toEqual(['bullet', 'number']);
    expect(of('extended-quote')).toHaveLength(1);
    // Highlighted code is an HTML card: Ghost's code card would drop its colours (ghost-lexical).
    expect(of('codeblock')).toEqual([]);
    const images = of('image');
    expect(images.map((n) => [n.alt, n.caption])).toEqual([['A jar of sauerkraut', ''], ['The crock', "My grandmother's crock"], ['A jar of sauerkraut', '']]);
    expect(images.every((n) => String(n.src).startsWith(`${ghost.url}/content/images/`))).toBe(true);
    expect(of('embed')).toEqual([expect.objectContaining({ url: 'https://www.youtube.com/embed/dQw4w9WgXcQ' })]);
    expect(of('horizontalrule')).toHaveLength(1);
    expect(of('paragraph').length).toBeGreaterThanOrEqual(1);
    // Exactly five HTML cards: the paragraph with the footnote mark, the table, the code (a card
    // of its own), the math, the footnotes.
    const cards = of('html').map((n) => String(n.html));
    expect(cards).toHaveLength(5);
    expect(cards[0]).toContain('class="footnote-ref"');
    expect(cards[1]).toMatch(/^<table>[\s\S]*text-align:right[\s\S]*<\/table>$/);
    expect(cards[2]).toMatch(/^<pre style="background:#f6f8fa;color:#1f2328"><code class="hljs language-python"><span class="hljs-keyword" style="color:#7c3aed">def<\/span> [\s\S]*<\/code><\/pre>$/);
    expect(cards[3]).toContain('<math');
    expect(cards[4]).toContain('class="footnotes"');
    // And Ghost renders them: its own figure for images, the embed, the cards as they were.
    for (const piece of ['kg-image-card', 'kg-embed-card', '<figcaption>My grandmother', '<code class="hljs language-python">', '<annotation encoding="application/x-tex">', 'footnote-backref']) expect(post.html, piece).toContain(piece);
  }, 60_000);

  it('republishes the unchanged post as nothing changed', async () => {
    const before = await stored();
    expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    expect((await stored()).updated_at).toBe(before.updated_at);
  }, 60_000);

  it('imports the published post into another library as the very markdown that was sent, which publishes as nothing changed', async () => {
    const other = await makeLibrary();
    try {
      const otherService = other.service();
      await otherService.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
      const summary = await runImport(importSourceForTarget({ name: 'blog', kind: 'ghost', siteUrl: ghost.url }, ghost.adminKey), libraryImportTarget(other.library));
      // (Ghost's own sample post has images on static.ghost.org, which this machine cannot reach.)
      expect(summary.failedImages.filter((f) => f.postId === RICH_ID)).toEqual([]);
      expect(summary.conflicts).toEqual([]);
      expect(summary.keptAsHtml ?? []).toEqual([]);
      const imported = await other.library.get(RICH_ID);
      expect(parsePostFile(imported.text).body).toBe(`\n${RICH_BODY}`);
      // The images come back under the names they had, with the same bytes.
      for (const file of ['jar.png', 'crock.png']) {
        expect(readFileSync(path.join(other.root, 'posts', RICH_ID, file)).equals(readFileSync(path.join(lib.root, 'posts', RICH_ID, file))), file).toBe(true);
      }
      const before = await stored();
      expect(await otherService.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
      expect((await stored()).updated_at).toBe(before.updated_at);
      otherService.close();
    } finally {
      other.remove();
    }
  }, 90_000);

  it('brings an edit made in Ghost in with every construct as it was written', async () => {
    const post = await stored();
    const lexical = JSON.parse(post.lexical) as { root: LexicalNode };
    const children = lexical.root.children!;
    const added = { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'extended-text', version: 1, text: 'Added in Ghost.', detail: 0, format: 0, mode: 'normal', style: '' }] };
    children.splice(children.length - 1, 0, added);
    await admin(`/posts/${remoteId}/`, { method: 'PUT', json: { posts: [{ lexical: JSON.stringify(lexical), updated_at: post.updated_at }] } });
    expect(await service.publish(RICH_ID, 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    const body = parsePostFile((await lib.library.get(RICH_ID)).text).body;
    expect(body).toBe(`\n${RICH_BODY.replace('[^1]: ', 'Added in Ghost.\n\n[^1]: ')}`);
    // Brought in, it is what the blog has: publishing sends nothing new.
    expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published' });
  }, 60_000);

  it.skipIf(!process.env.POSTWRIGHT_SHOT_DIR)('shows the post on Ghost’s own page (screenshot)', async () => {
    const { chromium } = await import('playwright');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 2400 } });
      await page.goto((await stored()).url, { waitUntil: 'load' });
      mkdirSync(process.env.POSTWRIGHT_SHOT_DIR!, { recursive: true });
      await page.screenshot({ path: path.join(process.env.POSTWRIGHT_SHOT_DIR!, 'ghost-post-page.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
