/// A WordPress export file (Tools → Export, WXR): posts with their tags, categories, excerpt and
/// featured image. Pages, attachments, menus and comments are left out; trashed posts too.
import path from 'node:path';
import type { PublishStatus } from '../../shared/publish';
import { ExportFileSource, sourceId, type RemotePost } from './source';
import { attr, child, decodeXml, isoDate, list, parseXml, textOf } from './xml';

export interface WxrOptions {
  /// Posts per page handed to runImport (progress and ledger saves go by page).
  pageSize?: number;
}

export class WxrSource extends ExportFileSource {
  constructor(xml: string, fileName: string, options: WxrOptions = {}) {
    const { site, posts } = parseWxr(xml);
    super(sourceId('wxr', site ? hostOf(site) : path.basename(fileName)), `the WordPress export ${path.basename(fileName)}`, posts, options.pageSize);
  }
}

export function parseWxr(xml: string): { site: string; posts: RemotePost[] } {
  const root = parseXml(xml, ['item', 'category', 'wp:postmeta']);
  const channel = child(child(root, 'rss'), 'channel');
  if (!channel) throw new Error('This file is not a WordPress export (WXR): it has no <rss><channel>.');
  const items = list(child(channel, 'item'));
  const attachments = new Map<string, string>();
  for (const item of items) {
    if (textOf(child(item, 'wp:post_type')) === 'attachment') {
      attachments.set(textOf(child(item, 'wp:post_id')).trim(), textOf(child(item, 'wp:attachment_url')).trim());
    }
  }
  const posts: RemotePost[] = [];
  for (const item of items) {
    if (textOf(child(item, 'wp:post_type')).trim() !== 'post') continue;
    const status = statusOf(textOf(child(item, 'wp:status')).trim());
    if (!status) continue;
    const categories = list(child(item, 'category'));
    // WordPress keeps term names HTML-escaped ("Sea &amp; Sky") and exports them so, in CDATA.
    const terms = (domain: string) => [...new Set(categories.filter((c) => attr(c, 'domain') === domain).map((c) => decodeXml(textOf(c).trim())).filter(Boolean))];
    const meta = list(child(item, 'wp:postmeta'));
    const thumbnailId = meta.find((m) => textOf(child(m, 'wp:meta_key')).trim() === '_thumbnail_id');
    const featured = thumbnailId ? attachments.get(textOf(child(thumbnailId, 'wp:meta_value')).trim()) : undefined;
    const id = textOf(child(item, 'wp:post_id')).trim();
    const title = textOf(child(item, 'title')).trim();
    posts.push({
      remoteId: id,
      title,
      slug: safeDecode(textOf(child(item, 'wp:post_name')).trim()),
      html: textOf(child(item, 'content:encoded')),
      status,
      date: isoDate(textOf(child(item, 'wp:post_date_gmt'))) ?? isoDate(textOf(child(item, 'wp:post_date'))),
      modified: isoDate(textOf(child(item, 'wp:post_modified_gmt'))),
      tags: terms('post_tag'),
      categories: terms('category'),
      excerpt: textOf(child(item, 'excerpt:encoded')).trim() || null,
      url: textOf(child(item, 'link')).trim() || textOf(child(item, 'guid')).trim(),
      featuredImageUrl: featured || null,
    });
  }
  const site = textOf(child(channel, 'wp:base_blog_url')).trim() || textOf(child(channel, 'link')).trim();
  return { site, posts };
}

/// WordPress statuses in Postwright's terms; null for what is not a post to import.
export function statusOf(wp: string): PublishStatus | null {
  if (wp === 'publish') return 'published';
  if (wp === 'future') return 'scheduled';
  if (wp === 'draft' || wp === 'pending' || wp === 'private') return 'draft';
  return null;
}

/// WordPress stores non-ASCII slugs percent-encoded.
export function safeDecode(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host + new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return url;
  }
}
