import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBloggerAtom } from '../../../main/import/blogger-atom-source';
import { importSourceForFile } from '../../../main/import/index';
import { parseWxr } from '../../../main/import/wxr-source';

const fixture = (name: string) => readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');

describe('WordPress export (WXR)', () => {
  it('reads posts with their terms, dates, featured image and status, and nothing else', () => {
    const { site, posts } = parseWxr(fixture('blog.wxr'));
    expect(site).toBe('https://kitchen.example');
    expect(posts.map((p) => [p.remoteId, p.status])).toEqual([['11', 'published'], ['7', 'published'], ['15', 'draft']]);
    expect(posts[0]).toMatchObject({
      title: 'Tables & code', slug: 'tables-and-code', date: '2024-03-04T10:00:00.000Z', modified: '2024-03-05T08:00:00.000Z',
      tags: ['science', 'food'], categories: ['Notes'], excerpt: 'Numbers from the kitchen.',
      url: 'https://kitchen.example/2024/03/tables-and-code/', featuredImageUrl: 'IMAGE_BASE/jar.png',
    });
    expect(posts[1]!.title).toBe('Classic “editor” post');
    // A draft without a GMT date falls back to its local one; no slug yet.
    expect(posts[2]).toMatchObject({ slug: '', date: '2024-04-01T12:00:00.000Z', excerpt: null });
  });

  it('is recognised by its content', () => {
    expect(importSourceForFile(fixture('blog.wxr'), 'blog.xml')).toMatchObject({ id: 'wxr-kitchen-example', target: null });
    expect(importSourceForFile(fixture('blogger.atom'), 'feed.atom')).toMatchObject({ id: 'blogger-123' });
    expect(() => importSourceForFile('<html></html>', 'x.html')).toThrow(/neither/);
  });
});

describe('Blogger export (Atom)', () => {
  it('reads posts with labels and drafts, and skips settings and comments', () => {
    const { blogId, posts } = parseBloggerAtom(fixture('blogger.atom'));
    expect(blogId).toBe('123');
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({
      remoteId: 'tag:blogger.com,1999:blog-123.post-456', title: 'Along the river', slug: 'along-river', status: 'published',
      tags: ['Hiking', 'Rivers & Lakes'], url: 'https://trail.blogspot.com/2023/07/along-river.html', date: '2023-07-15T14:30:00.000Z',
    });
    expect(posts[0]!.html).toContain('<b>twelve</b>');
    expect(posts[1]).toMatchObject({ title: 'Boots I regret', status: 'draft', tags: ['Gear'] });
    expect(posts[1]!.html).toBe('<p>Draft &amp; unfinished.</p>');
  });

  it('reads Google Takeout feed.atom too, leaving out trashed posts and comments', () => {
    const { posts } = parseBloggerAtom(fixture('takeout.atom'));
    expect(posts.map((p) => [p.title, p.status, p.tags])).toEqual([['Live one', 'published', ['News']], ['Draft one', 'draft', []]]);
    expect(posts[0]!.slug).toBe('live-one');
  });
});
