/// A Ghost export file (Settings → Advanced → Import/Export → Export content, JSON): posts with
/// their tags, custom excerpt, feature image and canonical URL. Pages, members and settings are
/// left out. Ghost keeps each post's body in its editor's format (Lexical, older ones Mobiledoc)
/// and, beside it, the rendered `html`: that is what is imported. A post without `html` (rare:
/// hand-made or very old files) comes in as its `plaintext`, paragraph by paragraph, formatting
/// and images lost. Ghost writes its own address as `__GHOST_URL__` in links and images; given
/// the site's address they point there again (and its images are downloaded), else they stay.
import path from 'node:path';
import { PublishError } from '../publish/errors';
import { ghostStatus } from './ghost-source';
import { ExportFileSource, sourceId, type RemotePost } from './source';

export interface GhostExportOptions {
  /// The blog's address, for `__GHOST_URL__` and the posts' addresses.
  siteUrl?: string;
  pageSize?: number;
}

type Json = Record<string, unknown>;

const PLACEHOLDER = /__GHOST_URL__/g;

/// `{db: [{meta, data: {posts: […]}}]}` (what Ghost 1 and newer export), or the bare `{meta, data}`.
export function ghostExportData(parsed: unknown): Json | null {
  const root = parsed as { db?: Array<{ data?: unknown }>; data?: unknown } | null;
  const data = (Array.isArray(root?.db) ? root.db[0]?.data : root?.data) as Json | undefined;
  return data && typeof data === 'object' && Array.isArray(data.posts) ? data : null;
}

export class GhostExportSource extends ExportFileSource {
  constructor(json: string | unknown, fileName: string, options: GhostExportOptions = {}) {
    let parsed: unknown = json;
    if (typeof json === 'string') {
      try {
        parsed = JSON.parse(json);
      } catch {
        throw new PublishError('invalid', `${path.basename(fileName)} is not JSON, so not a Ghost export.`);
      }
    }
    const data = ghostExportData(parsed);
    if (!data) throw new PublishError('invalid', `${path.basename(fileName)} is not a Ghost export: it has no db[0].data.posts.`);
    const posts = parseGhostExport(data, options.siteUrl?.replace(/\/+$/, '') ?? null);
    const title = ((data.settings as Json[] | undefined) ?? []).find((s) => s.key === 'title')?.value;
    const id = sourceId('ghost-export', options.siteUrl ? new URL(options.siteUrl).host : typeof title === 'string' && title ? title : path.basename(fileName));
    super(id, `the Ghost export ${path.basename(fileName)}`, posts, options.pageSize);
  }
}

function parseGhostExport(data: Json, site: string | null): RemotePost[] {
  const rows = (key: string) => (Array.isArray(data[key]) ? (data[key] as Json[]) : []);
  const tagNames = new Map(rows('tags').map((t) => [String(t.id), String(t.name ?? '')]));
  const tagsOf = new Map<string, Array<{ name: string; order: number }>>();
  for (const link of rows('posts_tags')) {
    const name = tagNames.get(String(link.tag_id));
    if (!name) continue;
    const list = tagsOf.get(String(link.post_id)) ?? [];
    list.push({ name, order: Number(link.sort_order ?? 0) });
    tagsOf.set(String(link.post_id), list);
  }
  const fix = (text: string) => (site ? text.replace(PLACEHOLDER, site) : text);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? fix(value) : null);
  const posts: RemotePost[] = [];
  for (const p of rows('posts')) {
    if ((p.type ?? 'post') !== 'post' || p.page === true || p.page === 1) continue;
    const status = ghostStatus(p.status);
    if (!status) continue;
    const slug = String(p.slug ?? '');
    const html = typeof p.html === 'string' && p.html.trim() !== '' ? fix(p.html) : fromPlaintext(String(p.plaintext ?? ''));
    const tags = (tagsOf.get(String(p.id)) ?? []).sort((a, b) => a.order - b.order).map((t) => t.name);
    posts.push({
      remoteId: String(p.uuid ?? p.id),
      title: String(p.title ?? ''),
      slug,
      html,
      status,
      date: exportDate(p.published_at),
      modified: exportDate(p.updated_at),
      tags: [...new Set(tags)],
      categories: [],
      excerpt: text(p.custom_excerpt),
      // The ledger and `imported_from` key: the address when known, else the post's uuid.
      url: site && status === 'published' ? `${site}/${slug}/` : `ghost:${String(p.uuid ?? p.id)}`,
      featuredImageUrl: text(p.feature_image),
      canonicalUrl: text(p.canonical_url),
    });
  }
  return posts;
}

function fromPlaintext(plain: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return plain
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escape(block).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

/// Ghost's export dates: "2024-01-02 10:00:00" in UTC, or (older files) epoch milliseconds / ISO.
function exportDate(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString() : null;
  if (typeof value !== 'string' || !value) return null;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
