/// What a post's front matter says about publishing it, read leniently (a comma list or a YAML
/// list for tags), and the record Postwright keeps per target under `publish.<target>`.
import { parsePostFile, setFrontMatterFields } from '../../shared/frontmatter';
import { PublishRecord, type PublishStatus } from '../../shared/publish';
import { slugify } from '../library/paths';
import { PublishError } from './errors';
import type { PostFields } from './publisher';

export interface PostMeta extends PostFields {
  cover: string | null;
  /// Cross-posting: the target whose copy is the original; the others point to it.
  canonicalTarget: string | null;
  records: Record<string, PublishRecord>;
}

export function readPost(id: string, text: string): { meta: PostMeta; body: string } {
  const file = parsePostFile(text);
  if (file.error) {
    throw new PublishError('invalid', `“${id}” has an error in its front matter on line ${file.error.line} (${file.error.message}). Fix it before publishing.`);
  }
  const data = file.data;
  const title = asText(data.title) || id;
  const { date, dateIsDay } = readDate(data.date, id);
  const status = readStatus(data.status);
  return {
    body: file.body,
    meta: {
      title,
      slug: slugify(asText(data.slug) || title),
      status,
      date,
      dateIsDay,
      tags: asList(data.tags),
      categories: asList(data.categories),
      // Hugo themes call it `summary` or `description`; whichever the post has is the excerpt.
      excerpt: asText(data.excerpt) || asText(data.summary) || asText(data.description) || null,
      cover: asText(data.cover) || null,
      canonicalUrl: asText(data.canonical_url) || null,
      canonicalTarget: asText(data.canonical_target) || null,
      records: readRecords(data.publish),
    },
  };
}

/// 'published' with a future date is 'scheduled'; 'scheduled' without one is published now.
export function effectiveStatus(status: PublishStatus, date: string | null, now: number): PublishStatus {
  if (status === 'draft') return 'draft';
  const future = date !== null && Date.parse(date) > now;
  return future ? 'scheduled' : 'published';
}

/// Writes `publish.<target>` and keeps every other key (and other targets' records) as it was.
export function withRecord(text: string, target: string, record: PublishRecord): string {
  const data = parsePostFile(text).data;
  const existing = isPlainObject(data.publish) ? data.publish : {};
  return setFrontMatterFields(text, { publish: { ...existing, [target]: record } });
}

function readRecords(value: unknown): Record<string, PublishRecord> {
  if (!isPlainObject(value)) return {};
  const records: Record<string, PublishRecord> = {};
  for (const [target, raw] of Object.entries(value)) {
    const parsed = PublishRecord.safeParse(raw);
    if (parsed.success) records[target] = parsed.data;
  }
  return records;
}

function readDate(value: unknown, id: string): { date: string | null; dateIsDay: boolean } {
  if (value === undefined || value === null || value === '') return { date: null, dateIsDay: false };
  const text = value instanceof Date ? value.toISOString() : String(value).trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { date: `${text}T00:00:00.000Z`, dateIsDay: true };
  // YAML-style "2024-01-02 10:00:00 +0100" as well as ISO 8601.
  const iso = text.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/, (_m, d: string, t: string, z?: string) => `${d}T${t}${z ? (z === 'Z' ? 'Z' : z.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z'}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new PublishError('invalid', `The date “${text}” of “${id}” is not a date Postwright can read. Use a form like 2024-05-01 or 2024-05-01T09:30:00+02:00.`);
  return { date: new Date(ms).toISOString(), dateIsDay: false };
}

function readStatus(value: unknown): PublishStatus {
  return value === 'published' || value === 'scheduled' ? value : 'draft';
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

function asList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(asText) : asText(value).split(',');
  return [...new Set(items.map((item) => item.trim()).filter(Boolean))];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
