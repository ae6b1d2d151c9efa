/// Which image addresses live mode may load, by the preview's rules: a file beside the post
/// (through the host's files address), https, or a data: image. Anything else (http, file:,
/// other schemes) stays as text, as the preview would not load it either.
import { isRelativeAsset } from '../../../../shared/render/images';

export type ResolveAsset = (path: string) => string;

export function imageSource(src: string, resolveAsset: ResolveAsset | null): string | null {
  const trimmed = src.trim().replace(/^<(.*)>$/, '$1');
  if (trimmed === '') return null;
  if (isRelativeAsset(trimmed)) {
    if (!resolveAsset) return null;
    let path = trimmed;
    try {
      path = decodeURIComponent(trimmed);
    } catch {
      // A stray "%" is a literal character in the file name.
    }
    return resolveAsset(path);
  }
  if (/^https:\/\//i.test(trimmed)) return trimmed;
  if (/^data:image\/(png|jpeg|gif|webp|avif);/i.test(trimmed)) return trimmed;
  return null;
}
