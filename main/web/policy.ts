import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveInsideReal } from '../library/paths';

export { RENDERER_CSP } from '../../shared/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/// Maps a URL path to a file of the built renderer, or null when it tries to leave it.
export function staticFileFor(staticDir: string, pathname: string): string | null {
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const segments = relative.split('/').map(decodeSegment);
  if (segments.some((segment) => segment === null || segment === '..' || segment === '.')) return null;
  const file = path.join(staticDir, ...(segments as string[]));
  return file.startsWith(staticDir + path.sep) ? file : null;
}

/// Splits `/files/<post>/<path>` into path segments, or null when any is unsafe.
export function assetSegmentsFor(rest: string): string[] | null {
  const segments = rest.split('/').map(decodeSegment);
  return segments.some((segment) => segment === null || segment === '') ? null : (segments as string[]);
}

/// What a file beside a post may be served as. Only media: a post folder's `.js` or `.css`
/// served as such would be code the app's own CSP ('self') lets run in the studio's page.
const POST_FILE_TYPES = new Set(['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.mp4', '.webm', '.mp3', '.pdf', '.txt']);
const DOWNLOAD = 'application/octet-stream';
/// The post's text and anything hidden (`.git`, `.env`) are not pictures: the files key
/// opens neither, so it reads no draft and no secret if it leaks.
const NOT_A_POST_FILE = /^\.|\.(?:md|markdown|mdx)$/i;

export function postFileType(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return POST_FILE_TYPES.has(ext) ? contentTypeOf(file) : DOWNLOAD;
}

/// The real file a `/files/<post>/<path>` address names, or null when it is outside posts/
/// (through `..` or a link), hidden, or a post's markdown. Checked on the real path, so a link
/// with an innocent name to `.env` or `index.md` is refused too.
export async function postFileFor(postsRoot: string, segments: string[]): Promise<string | null> {
  if (segments.length < 2 || segments.some((segment) => NOT_A_POST_FILE.test(segment))) return null;
  try {
    const realRoot = await fs.realpath(postsRoot);
    const file = await fs.realpath(await resolveInsideReal(postsRoot, ...segments));
    const inside = path.relative(realRoot, file).split(path.sep);
    if (inside.length < 2 || inside[0] === '..' || path.isAbsolute(inside.join(path.sep))) return null;
    return inside.some((segment) => NOT_A_POST_FILE.test(segment)) ? null : file;
  } catch {
    return null;
  }
}

/// Post assets are served inert: an SVG or HTML file opened directly can run nothing.
export const ASSET_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

function decodeSegment(segment: string): string | null {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded.includes('\0') || decoded.includes('/') || decoded.includes('\\') ? null : decoded;
  } catch {
    return null;
  }
}
