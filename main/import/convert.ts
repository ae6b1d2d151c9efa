/// A remote post's HTML as a Postwright post: WordPress's block comments and Postwright's own
/// marker gone, images pointed at the files downloaded beside the post, markdown via the same
/// converter as rich-text paste, and front matter the publish pipeline reads back.
import { setFrontMatterFields } from '../../shared/frontmatter';
import { articleToMarkdown, type ArticleMarkdown, type EmphasisMarker } from '../../shared/html-to-markdown';
import type { PublishRecord } from '../../shared/publish';
import type { RemotePost } from './source';

const BLOCK_TAG = /^<(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|pre|blockquote|figure|figcaption|hr|dl|section|article|aside|header|footer|details|iframe|video|audio|form|!--)[\s/>]/i;

/// The body without editor bookkeeping; classic-editor text (blank lines for paragraphs, which
/// WordPress turns into <p> only on display) gets its paragraphs.
export function cleanHtml(html: string): string {
  const stripped = html
    .replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '')
    .replace(/<!--\s*postwright [\w-]+\s*-->/g, '')
    .replace(/<!--\s*more\s*-->|<!--\s*noteaser\s*-->/g, '')
    .trim();
  return /<p[\s>]/i.test(stripped) ? stripped : autoParagraphs(stripped);
}

function autoParagraphs(html: string): string {
  // <pre> keeps its blank lines: set it aside while splitting.
  const kept: string[] = [];
  const masked = html.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (m) => `\uE000${kept.push(m) - 1}\uE000`);
  return masked
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (BLOCK_TAG.test(block) || /^\uE000\d+\uE000$/.test(block) ? block : `<p>${block.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n')
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)]!);
}

/// Every image address the body uses, absolute, in order, each once.
export function imageSources(html: string, base: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<img\b[^>]*>/gi) ?? []) {
    const src = srcOf(tag);
    const url = src ? absolute(src, base) : null;
    if (url) found.add(url);
  }
  return [...found];
}

/// The WordPress media id of the image at `url` (its block's `wp-image-N` class), so the next
/// publish rebuilds the very image block instead of one without the id.
export function mediaIdOf(html: string, base: string, url: string): string | null {
  for (const tag of html.match(/<img\b[^>]*>/gi) ?? []) {
    const src = srcOf(tag);
    const id = /\bclass\s*=\s*["'][^"']*\bwp-image-(\d+)\b/i.exec(tag)?.[1];
    if (id && src && absolute(src, base) === url) return id;
  }
  return null;
}

/// Points each downloaded image at its local file; drops srcset (the remote sizes) and a link
/// around an image that only leads to a bigger copy of it.
export function useLocalImages(html: string, base: string, local: Map<string, string>): string {
  const unwrapped = html.replace(/<a\b[^>]*\bhref\s*=\s*(["'])([^"']*)\1[^>]*>\s*(<img\b[^>]*>)\s*<\/a>/gi, (m, _q, href: string, img: string) => {
    const src = srcOf(img);
    const target = absolute(decodeAttr(href), base);
    const isImage = target !== null && (/\.(?:png|jpe?g|gif|webp|avif|svg)(?:[?#]|$)/i.test(target) || /googleusercontent\.com|bp\.blogspot\.com/i.test(target));
    return src && isImage && local.has(absolute(src, base) ?? '') ? img : m;
  });
  return unwrapped.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = srcOf(tag);
    const file = src ? local.get(absolute(src, base) ?? '') : undefined;
    if (!file) return tag;
    return tag
      .replace(/\s(?:srcset|sizes|data-src|data-srcset|loading|decoding)\s*=\s*(["'])[\s\S]*?\1/gi, '')
      .replace(/(\ssrc\s*=\s*)(["'])[\s\S]*?\2/i, `$1"${file}"`);
  });
}

function srcOf(tag: string): string | null {
  const m = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  const value = m?.[1] ?? m?.[2] ?? m?.[3];
  return value ? decodeAttr(value.trim()) : null;
}

function absolute(src: string, base: string): string | null {
  if (src.startsWith('data:')) return null;
  try {
    return new URL(src, base || undefined).href;
  } catch {
    return null;
  }
}

function decodeAttr(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&#0*38;/g, '&').replace(/&quot;/g, '"').replace(/&#0*39;/g, "'");
}

export interface PostParts {
  markdown: string;
  /// The featured image's local file, when it was downloaded.
  cover: string | null;
  /// For a connected target: what to record under `publish.<target>`.
  record: { target: string; value: PublishRecord } | null;
  /// For an export file: where the post was.
  importedFrom: string | null;
}

export function postText(post: RemotePost, parts: PostParts): string {
  const fields: Record<string, unknown> = {
    title: post.title || 'Untitled',
    slug: post.slug || undefined,
    date: post.date ? post.date.replace(/\.000Z$/, 'Z') : undefined,
    status: post.status,
    tags: post.tags,
    categories: post.categories.length > 0 ? post.categories : undefined,
    excerpt: post.excerpt ?? undefined,
    cover: parts.cover ?? undefined,
    canonical_url: post.canonicalUrl ?? undefined,
    imported_from: parts.importedFrom ?? undefined,
    publish: parts.record ? { [parts.record.target]: parts.record.value } : undefined,
  };
  return setFrontMatterFields(`\n${parts.markdown}\n`, fields);
}

/// Every construct Postwright renders comes back as its markdown; what has none stays as HTML.
export function toMarkdown(html: string, em: EmphasisMarker = '*'): ArticleMarkdown {
  return articleToMarkdown(html, em);
}
