/// The pure parts of publishing: reading a post's front matter, writing the record without
/// touching anything else, HTML that survives outside the app, and static-site files.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assetReferences } from '../../../main/publish/assets';
import { effectiveStatus, readPost, withRecord } from '../../../main/publish/post-data';
import { portableHtml } from '../../../main/publish/portable-html';
import type { OutgoingPost } from '../../../main/publish/publisher';
import { Layout } from '../../../main/publish/static-git-layout';
import { renderArticle } from '../../../shared/render';
import { createNodePurify } from '../../../main/render/node-purify';

const now = Date.parse('2025-06-01T12:00:00Z');

describe('reading a post for publishing', () => {
  it('reads dates as bloggers write them, lists either way, and a slug from the title', () => {
    const { meta } = readPost('x', '---\ntitle: Über Café\ndate: 2024-05-01 09:30:00 +0200\ntags: food, travel, food\ncategories: [Notes]\nstatus: scheduled\n---\nBody\n');
    expect(meta).toMatchObject({ title: 'Über Café', slug: 'uber-cafe', date: '2024-05-01T07:30:00.000Z', dateIsDay: false, tags: ['food', 'travel'], categories: ['Notes'] });
    expect(readPost('x', '---\ndate: 2024-05-01\n---\n').meta).toMatchObject({ date: '2024-05-01T00:00:00.000Z', dateIsDay: true, title: 'x' });
    expect(() => readPost('x', '---\ndate: next tuesday\n---\n')).toThrow(/The date “next tuesday” of “x” is not a date Postwright can read/);
    expect(() => readPost('x', '---\ntitle: [oops\n---\n')).toThrow(/“x” has an error in its front matter on line/);
  });

  it('schedules only what is dated in the future', () => {
    expect(effectiveStatus('published', '2030-01-01T00:00:00Z', now)).toBe('scheduled');
    expect(effectiveStatus('scheduled', '2020-01-01T00:00:00Z', now)).toBe('published');
    expect(effectiveStatus('scheduled', null, now)).toBe('published');
    expect(effectiveStatus('draft', '2030-01-01T00:00:00Z', now)).toBe('draft');
  });

  it('writes its record beside other targets’ records, keeping unknown keys and comments', () => {
    const text = '---\ntitle: T # the title\nmood: sunny\npublish:\n  other: {id: "1", url: u, published_at: p, hash: h, remote_modified: null}\n---\nBody\n';
    const record = { id: '7', url: 'https://b.test/t/', published_at: '2025-06-01T12:00:00.000Z', hash: 'abc', remote_modified: '2025-06-01T12:00:00Z 1a2b' };
    const out = withRecord(text, 'blog', record);
    expect(out).toContain('title: T # the title\nmood: sunny\n');
    expect(out.endsWith('---\nBody\n')).toBe(true);
    expect(readPost('t', out).meta.records).toEqual({ other: { id: '1', url: 'u', published_at: 'p', hash: 'h', remote_modified: null }, blog: record });
  });

  it('finds every local asset the render pipeline resolves, raw HTML included', () => {
    expect(assetReferences('![a](a.png) ![b](https://x.test/b.png) <img src="c d.jpg"> <video poster="p.png"><source src="v.mp4"></video> ![e](e%20f.png)')).toEqual(['a.png', 'c d.jpg', 'p.png', 'v.mp4', 'e f.png']);
  });
});

describe('portable HTML', () => {
  it('drops editor-only attributes and keeps each formula once, as MathML', () => {
    const html = portableHtml(renderArticle('# Hi\n\n$x^2$ and\n\n$$\n\\frac{a}{b}\n$$\n', createNodePurify()));
    expect(html).not.toContain('data-line');
    expect(html).not.toContain('katex');
    expect(html).toContain('<h1 id="hi">Hi</h1>');
    expect(html.match(/<math/g)).toHaveLength(2);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
  });
});

describe('static-site files', () => {
  const post = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
    postId: 'p', key: 'pw-1', title: 'yes', slug: 'my-post', status: 'published', date: '2024-03-04T10:20:30.000Z', dateIsDay: false,
    tags: ['on'], categories: ['Kitchen Notes'], excerpt: 'Short.', canonicalUrl: 'https://elsewhere.test/p', html: '<p>{{ .Title }}</p>\n', cover: null, assets: [], ...over,
  });
  const front = (text: string) => parse(/^---\n([\s\S]*?)---\n/.exec(text)![1]!, { version: '1.1' }) as Record<string, unknown>;

  it('writes a Hugo page bundle with Hugo’s keys and no template syntax left live', () => {
    const hugo = new Layout('hugo', () => now);
    expect(hugo.postPath(post())).toBe('content/posts/my-post/index.html');
    const text = hugo.fileText(post({ status: 'draft' }));
    expect(front(text)).toEqual({ title: 'yes', date: '2024-03-04T10:20:30Z', tags: ['on'], categories: ['Kitchen Notes'], draft: true, slug: 'my-post', description: 'Short.', postwright_id: 'pw-1' });
    expect(text).toContain('<p>{&#123; .Title }}</p>');
  });

  it('writes a Jekyll post (or draft) with Jekyll’s keys, Liquid off, quoting what YAML 1.1 would misread', () => {
    const jekyll = new Layout('jekyll', () => now);
    expect(jekyll.postPath(post())).toBe('_posts/2024-03-04-my-post.html');
    expect(jekyll.postPath(post({ status: 'draft' }))).toBe('_drafts/my-post.html');
    const text = jekyll.fileText(post({ date: '2024-03-04T00:00:00.000Z', dateIsDay: true }));
    expect(text).toMatch(/^title: "yes"$/m);
    expect(front(text)).toEqual({ layout: 'post', title: 'yes', date: '2024-03-04', tags: ['on'], categories: ['Kitchen Notes'], published: true, render_with_liquid: false, excerpt: 'Short.', canonical_url: 'https://elsewhere.test/p', postwright_id: 'pw-1' });
    expect(text).toContain('<p>{{ .Title }}</p>');
    const config = { url: 'https://blog.test', baseurl: '/b', permalink: null };
    expect(jekyll.pageUrl(post(), config)).toBe('https://blog.test/b/kitchen%20notes/2024/03/04/my-post.html');
    expect(jekyll.assetUrl({ file: 'img/a b.png', hash: '', bytes: new Uint8Array(), mimeType: '' }, post(), config)).toBe('/b/assets/posts/my-post/img/a%20b.png');
  });
});
