/// A Blogger export: the classic "Back up content" XML (an Atom feed whose entries say what they
/// are with a `kind` category and mark drafts with app:control/app:draft) and Google Takeout's
/// feed.atom (blogger:type, blogger:status, blogger:filename). Posts only: comments, pages,
/// settings and the template are left out, and so is anything in the trash.
import path from 'node:path';
import type { PublishStatus } from '../../shared/publish';
import { ExportFileSource, sourceId, type RemotePost } from './source';
import { attr, child, isoDate, list, parseXml, textOf } from './xml';

const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
const LABEL_SCHEME = 'http://www.blogger.com/atom/ns#';

export class BloggerAtomSource extends ExportFileSource {
  constructor(xml: string, fileName: string, options: { pageSize?: number } = {}) {
    const { blogId, posts } = parseBloggerAtom(xml);
    super(sourceId('blogger', blogId || path.basename(fileName)), `the Blogger export ${path.basename(fileName)}`, posts, options.pageSize);
  }
}

export function parseBloggerAtom(xml: string): { blogId: string; posts: RemotePost[] } {
  const feed = child(parseXml(xml, ['entry', 'category', 'link']), 'feed');
  if (!feed) throw new Error('This file is not a Blogger export: it has no Atom <feed>.');
  const blogId = /blog-(\d+)/.exec(textOf(child(feed, 'id')))?.[1] ?? '';
  const blogUrl = alternate(feed);
  const posts: RemotePost[] = [];
  for (const entry of list(child(feed, 'entry'))) {
    if (kindOf(entry) !== 'post') continue;
    const status = statusOf(entry);
    if (!status) continue;
    const categories = list(child(entry, 'category'));
    const labels = categories.filter((c) => attr(c, 'scheme') !== KIND_SCHEME && (attr(c, 'scheme') === LABEL_SCHEME || !attr(c, 'scheme').startsWith('http://schemas.google.com/')));
    const filename = textOf(child(entry, 'blogger:filename')).trim();
    const url = alternate(entry) || (filename && blogUrl ? new URL(filename, blogUrl).href : filename);
    posts.push({
      remoteId: textOf(child(entry, 'id')).trim(),
      title: textOf(child(entry, 'title')).trim(),
      slug: slugFromUrl(url),
      html: attr(child(entry, 'content'), 'type') === 'text' ? `<p>${escapeHtml(textOf(child(entry, 'content')))}</p>` : textOf(child(entry, 'content')),
      status,
      date: isoDate(textOf(child(entry, 'published'))),
      modified: isoDate(textOf(child(entry, 'updated'))),
      tags: [...new Set(labels.map((c) => attr(c, 'term').trim()).filter(Boolean))],
      categories: [],
      excerpt: textOf(child(entry, 'blogger:metaDescription')).trim() || null,
      url,
      featuredImageUrl: null,
    });
  }
  return { blogId, posts };
}

/// 'post', 'comment', 'page', 'settings', 'template'…, from either export's way of saying it.
function kindOf(entry: unknown): string {
  const type = textOf(child(entry, 'blogger:type')).trim().toLowerCase();
  if (type) return type;
  const kind = list(child(entry, 'category')).find((c) => attr(c, 'scheme') === KIND_SCHEME);
  if (kind) return attr(kind, 'term').split('#').pop()?.toLowerCase() ?? '';
  // An entry with no kind at all is a post unless it answers another one.
  return child(entry, 'thr:in-reply-to') !== undefined ? 'comment' : 'post';
}

function statusOf(entry: unknown): PublishStatus | null {
  const status = textOf(child(entry, 'blogger:status')).trim().toUpperCase();
  const draft = textOf(child(child(entry, 'app:control'), 'app:draft')).trim().toLowerCase() === 'yes';
  if (status === 'DRAFT' || draft) return 'draft';
  if (status === 'SCHEDULED') return 'scheduled';
  if (status === '' || status === 'LIVE') return 'published';
  return null; // SOFT_TRASHED, DELETED, …
}

function alternate(node: unknown): string {
  const link = list(child(node, 'link')).find((l) => attr(l, 'rel') === 'alternate');
  return link ? attr(link, 'href').trim() : '';
}

/// "https://x.blogspot.com/2023/07/my-post.html" -> "my-post".
function slugFromUrl(url: string): string {
  const last = url.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  return last.replace(/\.html?$/i, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
