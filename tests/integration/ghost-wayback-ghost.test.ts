/// Ghost gets a native post: Lexical with its own paragraph, heading, list, quote, image, code,
/// embed and divider nodes, and HTML cards only for the table, the math and the footnotes. And the
/// way back: the published post imports as the very markdown that was sent, and an edit made in
/// Ghost comes in with every construct still the construct it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostLexical } from '../../main/publish/ghost-lexical';
import type { PublishService } from '../../main/publish/service';
import { ghostSkipReason as reason, hasGhost, startGhost, type Ghost } from '../servers/ghost';
import { makeLibrary, type TestLibrary } from './publish-fixtures';
import { RICH_ID, richPost } from './ghost-wayback-fixture';

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
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'blog', kind: 'ghost', siteUrl: ghost.url }, secret: ghost.adminKey });
  }, 180_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await ghost?.stop();
  });

  it('publishes Lexical with native nodes, and HTML cards only for the table, math and footnotes', async () => {
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
    expect(of('codeblock')).toEqual([expect.objectContaining({ language: 'python', code: expect.stringContaining('def acidity(h):\n    return -math.log10(h)') })]);
    const images = of('image');
    expect(images.map((n) => [n.alt, n.caption])).toEqual([['A jar of sauerkraut', ''], ['The crock', "My grandmother's crock"], ['A jar of sauerkraut', '']]);
    expect(images.every((n) => String(n.src).startsWith(`${ghost.url}/content/images/`))).toBe(true);
    expect(of('embed')).toEqual([expect.objectContaining({ url: 'https://www.youtube.com/embed/dQw4w9WgXcQ' })]);
    expect(of('horizontalrule')).toHaveLength(1);
    expect(of('paragraph').length).toBeGreaterThanOrEqual(1);
    // Exactly four HTML cards: the paragraph with the footnote mark, the table, the math, the footnotes.
    const cards = of('html').map((n) => String(n.html));
    expect(cards).toHaveLength(4);
    expect(cards[0]).toContain('class="footnote-ref"');
    expect(cards[1]).toMatch(/^<table>[\s\S]*text-align:right[\s\S]*<\/table>$/);
    expect(cards[2]).toContain('<math');
    expect(cards[3]).toContain('class="footnotes"');
    // And Ghost renders them: its own figure for images, the embed, the cards as they were.
    for (const piece of ['kg-image-card', 'kg-embed-card', '<figcaption>My grandmother', '<code class="language-python">', '<annotation encoding="application/x-tex">', 'footnote-backref']) expect(post.html, piece).toContain(piece);
  }, 60_000);

  it('republishes the unchanged post as nothing changed', async () => {
    const before = await stored();
    expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    expect((await stored()).updated_at).toBe(before.updated_at);
  }, 60_000);
});
