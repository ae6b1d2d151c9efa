/// Importing a post that this library published, when the blog still holds exactly what was
/// sent: the post comes back as the text that was published (see publish/publish-revision.ts),
/// byte for byte, with its images under the names the post gave them, instead of a conversion
/// of the blog's HTML.
import type { PublishedRevision } from '../publish/publish-revision';
import { mediaIdOf } from './convert';
import type { Download } from './images';
import type { RemotePost } from './source';
import type { ImportFile, RemoteImage } from './target';

/// null when an image cannot be fetched: the import then converts as for any other post, and
/// reports the image, rather than write a post whose images are missing.
export async function restorePublished(post: RemotePost, kept: PublishedRevision, download: (url: string) => Promise<Download>): Promise<{ text: string; files: ImportFile[]; images: RemoteImage[] } | null> {
  const files = new Map<string, ImportFile>();
  const images: RemoteImage[] = [];
  for (const { file, url } of kept.assets) {
    if (files.has(file)) continue;
    const absolute = absoluteUrl(url, post.url);
    if (!absolute) return null;
    const got = await download(absolute);
    if (!got.ok) return null;
    files.set(file, { name: file, bytes: got.bytes });
    if (!images.some((image) => image.hash === got.hash)) images.push({ file, hash: got.hash, url, id: mediaIdOf(post.html, post.url, url) });
  }
  return { text: kept.text, files: [...files.values()], images };
}

function absoluteUrl(url: string, base: string): string | null {
  try {
    return new URL(url, base || undefined).href;
  } catch {
    return null;
  }
}
