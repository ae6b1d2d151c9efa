/// Fetching a blog's public files for a theme snapshot: no cookies, no credentials, no
/// secret ever; each file capped in size and time; redirects followed by hand so a stylesheet
/// or font cannot lead off the blog's origin.
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface Fetched {
  url: string;
  type: string;
  bytes: Buffer;
}

export class ThemeFetchError extends Error {}

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 20_000;

/// `origin` null lets the page itself move (example.com to www.example.com); files it uses
/// must then stay on the origin it ended on.
export async function fetchCapped(fetchFn: FetchLike, url: string, maxBytes: number, origin: string | null): Promise<Fetched> {
  let at = url;
  for (let hop = 0; ; hop++) {
    if (!/^https?:$/.test(new URL(at).protocol)) throw new ThemeFetchError(`${at} is not a web address`);
    if (origin !== null && new URL(at).origin !== origin) throw new ThemeFetchError(`${at} is on another site`);
    let response: Response;
    try {
      response = await fetchFn(at, { redirect: 'manual', credentials: 'omit', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: '*/*' } });
    } catch (error) {
      throw new ThemeFetchError(`${at} could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS || !URL.canParse(location, at)) throw new ThemeFetchError(`${url} redirects too often`);
      at = new URL(location, at).href;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ThemeFetchError(`${at} answered ${response.status}`);
    }
    return { url: at, type: response.headers.get('content-type') ?? '', bytes: await readCapped(response, maxBytes, at) };
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ThemeFetchError(`${url} is larger than ${Math.round(maxBytes / 1024)} KB`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ThemeFetchError(`${url} is larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
