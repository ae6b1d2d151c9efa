/// The parts of a Ghost JSON export the real-server test does not reach: a post without `html`
/// (its plaintext comes in), pages and newsletter-only posts left out, `__GHOST_URL__` without a
/// site address, tag order, and the older bare `{meta, data}` shape.
import { describe, expect, it } from 'vitest';
import { GhostExportSource } from '../../../main/import/ghost-export-source';
import { importSourceForFile } from '../../../main/import/index';
import type { RemotePost } from '../../../main/import/source';

const data = {
  posts: [
    { id: 'a1', uuid: 'u-1', type: 'post', status: 'published', title: 'Linked', slug: 'linked', html: '<p><a href="__GHOST_URL__/other/">Other</a> <img src="__GHOST_URL__/content/images/x.png"></p>', published_at: '2024-01-02 10:00:00', updated_at: '2024-01-03 10:00:00', custom_excerpt: null, feature_image: '__GHOST_URL__/content/images/cover.png', canonical_url: null },
    { id: 'a2', uuid: 'u-2', type: 'post', status: 'draft', title: 'Lexical only', slug: 'lexical-only', html: null, lexical: '{"root":{}}', plaintext: 'First <para>.\n\nSecond line\nwrapped.', published_at: null },
    { id: 'a3', uuid: 'u-3', type: 'page', status: 'published', title: 'About', slug: 'about', html: '<p>Page</p>' },
    { id: 'a4', uuid: 'u-4', type: 'post', status: 'sent', title: 'Newsletter', slug: 'newsletter', html: '<p>Mail</p>' },
  ],
  tags: [{ id: 't1', name: 'Zeta' }, { id: 't2', name: 'Alpha' }],
  posts_tags: [{ post_id: 'a1', tag_id: 't2', sort_order: 1 }, { post_id: 'a1', tag_id: 't1', sort_order: 0 }],
  settings: [{ key: 'title', value: 'My Blog' }],
};

async function all(source: GhostExportSource): Promise<RemotePost[]> {
  const posts: RemotePost[] = [];
  for await (const page of source.pages(new AbortController().signal)) posts.push(...page.posts);
  return posts;
}

describe('Ghost export (JSON)', () => {
  it('reads posts, not pages or email-only ones; plaintext when there is no html', async () => {
    const posts = await all(new GhostExportSource(JSON.stringify({ db: [{ meta: { version: '5.0.0' }, data }] }), 'blog.json', { siteUrl: 'https://blog.example/' }));
    expect(posts.map((p) => p.title)).toEqual(['Linked', 'Lexical only']);
    expect(posts[0]).toMatchObject({ remoteId: 'u-1', status: 'published', date: '2024-01-02T10:00:00.000Z', tags: ['Zeta', 'Alpha'], url: 'https://blog.example/linked/', featuredImageUrl: 'https://blog.example/content/images/cover.png' });
    expect(posts[0]!.html).toContain('src="https://blog.example/content/images/x.png"');
    expect(posts[1]).toMatchObject({ status: 'draft', date: null, url: 'ghost:u-2', html: '<p>First &lt;para&gt;.</p>\n<p>Second line<br>\nwrapped.</p>' });
  });

  it('is recognised by its content, in both shapes, and keys posts by uuid without a site address', async () => {
    const source = importSourceForFile(JSON.stringify({ meta: {}, data }), 'old.json');
    expect(source).toBeInstanceOf(GhostExportSource);
    expect(source.id).toBe('ghost-export-my-blog');
    const posts = await all(source as GhostExportSource);
    expect(posts[0]).toMatchObject({ url: 'ghost:u-1' });
    expect(posts[0]!.html).toContain('__GHOST_URL__/other/');
    expect(() => importSourceForFile('{"db": []}', 'x.json')).toThrow(/neither/);
  });
});
