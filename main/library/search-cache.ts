/// The library index's cache file, written atomically in one piece:
///
///   line 1   JSON: { format, fingerprint, posts: [[id, mtimeMs, size, summary], …], search: {…} }
///   line 2   JSON: the full-text index's document list and terms (minisearch-internals.ts)
///   rest     the full-text index's postings, packed binary, checked by sha256
///
/// The post list needs only line 1, so it is ready long before the full-text index is.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PostSummary } from '../../shared/api';
import { writeFileAtomic } from '../fs/atomic-write';
import type { PackedIndex, PackedMeta } from './minisearch-internals';

export interface CachedPost {
  mtimeMs: number;
  size: number;
  summary: PostSummary;
}

export interface CacheContents {
  posts: Map<string, CachedPost>;
  /// The full-text part; rejects if it is damaged.
  loadSearch(): Promise<PackedIndex>;
}

const FORMAT = 'postwright-library-index';

const Header = z.object({
  format: z.literal(FORMAT),
  fingerprint: z.string(),
  posts: z.array(z.tuple([z.string(), z.number(), z.number(), PostSummary])),
  search: z.object({ postingsBytes: z.number().int().min(0), sha256: z.string() }),
});

/// Null when there is no usable cache (missing, damaged, or made by another version).
export async function readCache(file: string, fingerprint: string): Promise<CacheContents | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return null;
  }
  const firstBreak = bytes.indexOf(10);
  const secondBreak = firstBreak === -1 ? -1 : bytes.indexOf(10, firstBreak + 1);
  if (secondBreak === -1) return null;
  let header: z.infer<typeof Header>;
  try {
    header = Header.parse(JSON.parse(bytes.toString('utf8', 0, firstBreak)));
  } catch {
    return null;
  }
  if (header.fingerprint !== fingerprint) return null;
  const posts = new Map<string, CachedPost>();
  for (const [id, mtimeMs, size, summary] of header.posts) posts.set(id, { mtimeMs, size, summary });
  return {
    posts,
    async loadSearch() {
      const postings = bytes.subarray(secondBreak + 1);
      if (postings.length !== header.search.postingsBytes) throw new Error('The search index in the cache is incomplete.');
      if (createHash('sha256').update(postings).digest('hex') !== header.search.sha256) {
        throw new Error('The search index in the cache is damaged.');
      }
      const meta = JSON.parse(bytes.toString('utf8', firstBreak + 1, secondBreak)) as PackedMeta;
      return { meta, postings };
    },
  };
}

export async function writeCache(file: string, fingerprint: string, posts: Iterable<[string, CachedPost]>, search: PackedIndex): Promise<void> {
  const header = {
    format: FORMAT,
    fingerprint,
    posts: Array.from(posts, ([id, post]) => [id, post.mtimeMs, post.size, post.summary]),
    search: { postingsBytes: search.postings.length, sha256: createHash('sha256').update(search.postings).digest('hex') },
  };
  const text = Buffer.from(`${JSON.stringify(header)}\n${JSON.stringify(search.meta)}\n`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, Buffer.concat([text, search.postings]));
}

export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
