/// Downloading the images a post uses into its folder, named by content hash like pasted images
/// (main/library/assets.ts): bounded in time and size, http(s) only, and only real images. A
/// download that fails keeps the remote address in the post and is reported, never fatal.
import { createHash } from 'node:crypto';
import { IMAGE_TYPES } from '../../shared/api';

export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

export interface DownloadOptions {
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export type Download = { ok: true; name: string; bytes: Uint8Array; hash: string } | { ok: false; reason: string };

/// One more try after a dropped connection (a reused keep-alive socket the server had closed).
export async function downloadImage(url: string, options: DownloadOptions = {}): Promise<Download> {
  const first = await downloadOnce(url, options);
  if (first.ok || !first.retry) return strip(first);
  return strip(await downloadOnce(url, options));
}

function strip(result: Download & { retry?: boolean }): Download {
  if (result.ok) return result;
  return { ok: false, reason: result.reason };
}

async function downloadOnce(url: string, options: DownloadOptions): Promise<Download & { retry?: boolean }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a web address' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: `${parsed.protocol} addresses are not downloaded` };
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await (options.fetch ?? fetch)(parsed.href, { signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
    }
    const bytes = await readLimited(response, maxBytes);
    if (!bytes) return { ok: false, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
    const type = sniffImage(bytes);
    if (!type) return { ok: false, reason: 'not an image Postwright can keep (PNG, JPEG, GIF, WebP, AVIF or SVG)' };
    const hash = createHash('sha256').update(bytes).digest('hex');
    return { ok: true, name: `${hash.slice(0, 16)}.${IMAGE_TYPES[type]}`, bytes, hash };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const name = (error as Error | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, reason: 'no answer in time' };
    return { ok: false, reason: (error as Error | null)?.message ?? 'download failed', retry: true };
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/// The image kind from the bytes themselves, never from what the server claims.
export function sniffImage(bytes: Uint8Array): keyof typeof IMAGE_TYPES | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /avi[fs]/.test(ascii(8, 12))) return 'image/avif';
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)))) return 'image/svg+xml';
  return null;
}
