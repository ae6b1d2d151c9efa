/// What a post says about itself, read from its file. Pure, so the renderer can show the
/// same title and status the library lists while the user is still typing.
import { parseFrontMatterData, splitPostFile, type FrontMatterError } from './frontmatter';
import { replaceLinks } from './markdown-scan';
import { PostStatus, type PostSummary } from './api';

export function summarizePost(id: string, text: string, modifiedMs: number): PostSummary {
  const file = splitPostFile(text);
  const fields = frontMatterFields(file.frontMatter);
  return {
    id,
    title: fields.title || firstHeading(file.body) || id,
    status: fields.status,
    date: fields.date,
    updated: fields.updated,
    tags: [...fields.tags],
    excerpt: fields.excerpt || plainExcerpt(file.body),
    problem: fields.error ? `The front matter has an error on line ${fields.error.line}: ${fields.error.message}` : null,
    modifiedMs,
  };
}

interface Fields {
  title: string;
  status: PostSummary['status'];
  date: string | null;
  updated: string | null;
  tags: string[];
  excerpt: string;
  error: FrontMatterError | null;
}

// While a post is typed its front matter rarely changes: the last one read is kept.
let lastFrontMatter: string | null | undefined;
let lastFields: Fields | undefined;

function frontMatterFields(frontMatter: string | null): Fields {
  if (lastFields && frontMatter === lastFrontMatter) return lastFields;
  const { data, error } = parseFrontMatterData(frontMatter);
  const status = PostStatus.safeParse(data.status);
  lastFrontMatter = frontMatter;
  lastFields = {
    title: asText(data.title),
    status: status.success ? status.data : 'draft',
    date: asText(data.date) || null,
    updated: asText(data.updated) || null,
    tags: asList(data.tags),
    excerpt: asText(data.excerpt),
    error,
  };
  return lastFields;
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

const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/// The text of the first ATX heading line (`# Title ##`), as /^#{1,6}[ \t]+(.+?)[ \t#]*$/m
/// finds it, but line by line: that pattern is quadratic on a long line of spaces.
function firstHeading(body: string): string {
  LINE_BREAK.lastIndex = 0;
  for (let start = 0; start <= body.length; ) {
    const lineBreak = LINE_BREAK.exec(body);
    const end = lineBreak ? lineBreak.index : body.length;
    if (body.charCodeAt(start) === 0x23 /* # */) {
      const heading = headingText(body.slice(start, end));
      if (heading !== null) return heading;
    }
    if (!lineBreak) break;
    start = end + 1;
  }
  return '';
}

function isSpaceOrTab(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

function headingText(line: string): string | null {
  let level = 0;
  while (line[level] === '#') level++;
  if (level > 6 || !isSpaceOrTab(line[level]) || line.length < level + 2) return null;
  let from = level;
  while (isSpaceOrTab(line[from])) from++;
  // Only blanks after the marks: the pattern's group held one of them.
  if (from === line.length) return '';
  let to = line.length;
  while (to > from + 1 && (isSpaceOrTab(line[to - 1]) || line[to - 1] === '#')) to--;
  return line.slice(from, to).trim();
}

const EXCERPT_LENGTH = 160;
// A blank line between blocks.
const BLOCK_GAP = /\r?\n\s*\r?\n/g;
const NOT_PROSE = /^(#|```|~~~|\||<|!\[|\$\$|\[\^)/;

/// The first paragraph of prose, without markdown punctuation, for lists and search results.
/// Reads blocks only up to that paragraph, and each pass over it is linear.
export function plainExcerpt(body: string): string {
  const paragraph = firstProse(body);
  const text = replaceLinks(replaceLinks(paragraph, true, () => ''), false, (label) => label)
    .replace(/[*_`~>#]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

function firstProse(body: string): string {
  BLOCK_GAP.lastIndex = 0;
  for (let start = 0; ; ) {
    const gap = BLOCK_GAP.exec(body);
    const block = body.slice(start, gap ? gap.index : body.length).trim();
    if (block && !NOT_PROSE.test(block)) return block;
    if (!gap) return '';
    start = BLOCK_GAP.lastIndex;
  }
}
