/// What a post says about itself, read from its file. Pure, so the renderer can show the
/// same title and status the library lists while the user is still typing.
import { parsePostFile } from './frontmatter';
import { PostStatus, type PostSummary } from './api';

export function summarizePost(id: string, text: string, modifiedMs: number): PostSummary {
  const file = parsePostFile(text);
  const data = file.data;
  const status = PostStatus.safeParse(data.status);
  return {
    id,
    title: asText(data.title) || firstHeading(file.body) || id,
    status: status.success ? status.data : 'draft',
    date: asText(data.date) || null,
    updated: asText(data.updated) || null,
    tags: asList(data.tags),
    excerpt: asText(data.excerpt) || plainExcerpt(file.body),
    problem: file.error ? `The front matter has an error on line ${file.error.line}: ${file.error.message}` : null,
    modifiedMs,
  };
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return '';
}

/// Tags may be a YAML list or a comma-separated string, as other tools write them.
function asList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(asText) : asText(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

function firstHeading(body: string): string {
  const match = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(body);
  return match?.[1]?.trim() ?? '';
}

const EXCERPT_LENGTH = 160;

/// The first paragraph of prose, without markdown punctuation, for lists and search results.
export function plainExcerpt(body: string): string {
  const paragraph =
    body
      .split(/\r?\n\s*\r?\n/)
      .map((block) => block.trim())
      .find((block) => block && !/^(#|```|~~~|\||<|!\[|\$\$|\[\^)/.test(block)) ?? '';
  const text = paragraph
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}
