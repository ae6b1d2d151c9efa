import path from 'node:path';

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
