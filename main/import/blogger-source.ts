/// The posts of a connected Blogger target, read over the Blogger API v3 as the signed-in Google
/// user: live, draft and scheduled (view=ADMIN), with their bodies. Each post's id is Blogger's
/// own post id, the one the Blogger publisher reads and updates; its `remote_modified` stamp is
/// made by the publisher's own function, so the first publish after an import updates in place.
/// A post also names itself as the blog's Atom export does (`tag:blogger.com,1999:blog-…post-…`),
/// so one imported earlier from that export is taken over rather than imported twice.
import { BloggerApi, parseBloggerSecret, type BloggerApiOptions, type BloggerConnection, type Json } from '../publish/blogger-api';
import { bloggerPostUrl, bloggerStamp } from '../publish/blogger';
import type { PublishStatus } from '../../shared/publish';
import { isoDate } from './xml';
import { sourceId, type ImportPage, type ImportSource, type RemotePost } from './source';

export interface BloggerSourceSettings extends BloggerConnection {
  /// The publishing target's name: imported posts record `publish.<target>`.
  target: string;
  blogId: string;
  blogUrl: string;
}

export interface BloggerSourceOptions extends BloggerApiOptions {
  /// Posts per request (Blogger allows up to 500; 50 keeps each answer small).
  pageSize?: number;
}

export class BloggerSource implements ImportSource {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  private readonly api: BloggerApi;

  constructor(
    private readonly settings: BloggerSourceSettings,
    secret: string,
    private readonly options: BloggerSourceOptions = {},
  ) {
    this.target = settings.target;
    this.id = sourceId('blogger-api', settings.target);
    this.label = `Blogger blog ${settings.blogUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '') || settings.blogId}`;
    this.api = new BloggerApi(settings, parseBloggerSecret(secret), options);
  }

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    const route = `/blogs/${encodeURIComponent(this.settings.blogId)}/posts`;
    let pageToken: string | null = null;
    do {
      signal.throwIfAborted();
      const query: Array<[string, string]> = [
        ['fetchBodies', 'true'], ['status', 'live'], ['status', 'draft'], ['status', 'scheduled'], ['view', 'ADMIN'],
        ['maxResults', String(this.options.pageSize ?? 50)],
      ];
      if (pageToken) query.push(['pageToken', pageToken]);
      const list = (await this.api.call('GET', route, { query, what: 'list the posts' })) as Json;
      signal.throwIfAborted();
      const items = Array.isArray(list.items) ? (list.items as Json[]) : [];
      // Blogger says how many posts a list has nowhere (the blog's count is live posts only).
      yield { posts: items.flatMap((p) => this.toRemote(p)), total: null };
      pageToken = typeof list.nextPageToken === 'string' && list.nextPageToken && items.length > 0 ? list.nextPageToken : null;
    } while (pageToken);
  }

  private toRemote(p: Json): RemotePost[] {
    const status = statusOf(String(p.status ?? ''));
    if (!status) return [];
    const id = String(p.id);
    const publicUrl = typeof p.url === 'string' ? p.url : '';
    const labels = Array.isArray(p.labels) ? p.labels.map((l) => String(l).trim()).filter(Boolean) : [];
    return [
      {
        remoteId: id,
        title: String(p.title ?? '').trim(),
        slug: slugFromUrl(publicUrl),
        html: String(p.content ?? ''),
        status,
        date: isoDate(String(p.published ?? '')),
        modified: isoDate(String(p.updated ?? '')),
        tags: [...new Set(labels)],
        categories: [],
        // Blogger's API has no field for the search description.
        excerpt: null,
        url: bloggerPostUrl(p, this.settings.blogUrl),
        featuredImageUrl: null,
        remoteModified: bloggerStamp(p),
        // As BloggerAtomSource names it: its ledger, its entry id, its address.
        fileImport: { source: sourceId('blogger', this.settings.blogId), remoteId: `tag:blogger.com,1999:blog-${this.settings.blogId}.post-${id}`, url: publicUrl || null },
      },
    ];
  }
}

function statusOf(status: string): PublishStatus | null {
  switch (status.toUpperCase()) {
    case 'LIVE':
      return 'published';
    case 'DRAFT':
      return 'draft';
    case 'SCHEDULED':
      return 'scheduled';
    default:
      return null; // SOFT_TRASHED, …
  }
}

/// "https://x.blogspot.com/2023/07/my-post.html" -> "my-post" (as the Atom export's import makes it).
function slugFromUrl(url: string): string {
  const last = url.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  return url ? last.replace(/\.html?$/i, '') : '';
}
