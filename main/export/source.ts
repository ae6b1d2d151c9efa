/// What every export format starts from: the post's text, its front matter, and the images
/// beside it read once (only files inside the post's folder, by its real path).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePostFile } from '../../shared/frontmatter';
import { isRelativeAsset, renderArticle } from '../../shared/render';
import type { Library } from '../library/library';
import { resolveInsideReal } from '../library/paths';
import { createNodePurify } from '../render/node-purify';

export interface ExportImage {
  mime: string;
  bytes: Buffer;
}

export interface ExportSource {
  postId: string;
  title: string;
  date: string | null;
  lang: string;
  body: string;
  /// Relative image references (as written in the post) and their files; missing ones are absent.
  images: Map<string, ExportImage>;
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

export async function loadExportSource(library: Library, postId: string): Promise<ExportSource> {
  const post = await library.get(postId);
  const file = parsePostFile(post.text);
  const body = file.body;
  const wanted = new Set<string>();
  // The render pipeline finds image references exactly as the preview does.
  renderArticle(body, createNodePurify(), {
    resolveAsset: (src) => {
      if (isRelativeAsset(src)) wanted.add(src);
      return src;
    },
  });
  const images = new Map<string, ExportImage>();
  const postDir = path.join(library.root, 'posts', postId);
  for (const src of wanted) {
    const mime = MIME[path.extname(src.split(/[?#]/)[0] ?? '').toLowerCase()];
    if (!mime) continue;
    try {
      const real = await resolveInsideReal(postDir, ...decodeURI(src.split(/[?#]/)[0] ?? '').replace(/^\.\//, '').split('/'));
      images.set(src, { mime, bytes: await fs.readFile(real) });
    } catch {
      // A missing or outside image stays a plain reference, as in the preview.
    }
  }
  const data = file.data as Record<string, unknown>;
  return {
    postId,
    title: post.summary.title,
    date: post.summary.date,
    lang: typeof data.lang === 'string' ? data.lang : 'en',
    body,
    images,
  };
}

/// A name for the exported file: the post's folder name and the format's extension.
export function exportFileName(postId: string, extension: string): string {
  return `${postId}.${extension}`;
}
