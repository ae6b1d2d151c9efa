/// Looks a DOI up the way reference managers do: content negotiation on the DOI resolver
/// (`https://doi.org/<doi>` with `Accept: application/vnd.citationstyles.csl+json`), which
/// redirects to the registration agency (api.crossref.org, data.datacite.org) that answers with
/// the reference as CSL-JSON. Every failure is phrased for the blogger and adds nothing.
///
/// Tests point the resolver at a stand-in on this machine through POSTWRIGHT_TEST_DOI_BASE, an
/// environment variable no library file can set; like POSTWRIGHT_TEST_GOOGLE_BASE it is taken
/// only for a loopback http address.
import type { CslItem } from '../../shared/render/science/citeproc';

export const DOI_RESOLVER = 'https://doi.org';
export const TEST_DOI_BASE_ENV = 'POSTWRIGHT_TEST_DOI_BASE';
const CSL_JSON = 'application/vnd.citationstyles.csl+json';
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const LOOPBACK = ['127.0.0.1', '[::1]', 'localhost'];

export class DoiError extends Error {
  override name = 'DoiError';
  constructor(
    readonly reason: 'not-a-doi' | 'not-found' | 'offline' | 'timeout' | 'unavailable' | 'malformed' | 'setup',
    message: string,
  ) {
    super(message);
  }
}

/// The DOI in what was pasted: a bare `10.1234/abc`, `doi:10.1234/abc`, or a doi.org or
/// dx.doi.org address (percent-encoded or not). A full stop or comma a sentence left at the end
/// is dropped. Throws a DoiError for anything that is not a DOI.
export function normalizeDoi(input: string): string {
  let text = input.trim().replace(/^<(.*)>$/s, '$1').trim();
  text = text.replace(/^doi:\s*/i, '');
  const address = /^(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/(.+)$/i.exec(text);
  if (address) {
    text = address[1]!;
    try {
      text = decodeURIComponent(text);
    } catch {
      // A lone % in the DOI itself: keep the text as pasted.
    }
  }
  text = text.replace(/[.,;]+$/, '');
  if (!/^10\.\d{4,9}\/\S+$/.test(text)) {
    const shown = input.trim().length > 80 ? `${input.trim().slice(0, 80)}…` : input.trim();
    throw new DoiError('not-a-doi', `“${shown}” is not a DOI. A DOI starts with 10., a number and a slash, like 10.1038/nature12373 (or https://doi.org/10.1038/nature12373).`);
  }
  return text;
}

/// The resolver's address: doi.org, or the loopback stand-in a test names. Read at each use.
export function doiResolverBase(): string {
  const base = process.env[TEST_DOI_BASE_ENV]?.trim().replace(/\/+$/, '');
  if (!base) return DOI_RESOLVER;
  if (!isLoopbackHttp(base)) {
    throw new DoiError('setup', `${TEST_DOI_BASE_ENV} is set to “${base}”, which is not a test server on this machine (http://127.0.0.1:port). Unset it to use doi.org.`);
  }
  return base;
}

function isLoopbackHttp(address: string): boolean {
  const url = URL.canParse(address) ? new URL(address) : null;
  return Boolean(url && url.protocol === 'http:' && LOOPBACK.includes(url.hostname) && !url.username && !url.password);
}

/// Each character a URL path would misread is escaped; the slashes of the DOI stay.
function doiPath(doi: string): string {
  return doi.split('/').map(encodeURIComponent).join('/');
}

export interface FetchDoiOptions {
  /// Gives up after this long; 20 s by default (the resolver and Crossref can be slow).
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/// The reference registered for a (normalized) DOI, as a CSL-JSON item.
export async function fetchDoi(doi: string, options: FetchDoiOptions = {}): Promise<CslItem> {
  const base = doiResolverBase();
  const testing = base !== DOI_RESOLVER;
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  let url = `${base}/${doiPath(doi)}`;
  let response: Response;
  try {
    for (let hop = 0; ; hop++) {
      response = await doFetch(url, { headers: { Accept: `${CSL_JSON}, application/json;q=0.9` }, redirect: 'manual', signal });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (!location) break;
      await response.body?.cancel();
      const next = new URL(location, url);
      // The resolver sends us on to the registration agency: over https only (or to the stand-in).
      if (hop >= MAX_REDIRECTS || !(next.protocol === 'https:' || (testing && isLoopbackHttp(next.origin)))) {
        throw new DoiError('malformed', `doi.org sent the lookup of ${doi} somewhere Postwright does not follow (${next.origin}). Nothing was added.`);
      }
      url = next.href;
    }
  } catch (error) {
    throw asDoiError(error, doi, signal);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new DoiError('not-found', `No source is registered under the DOI ${doi}. Check it for a typo; doi.org does not know it.`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DoiError('unavailable', `The DOI service could not answer for ${doi} just now (status ${response.status}). Try again in a minute.`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) {
    await response.body?.cancel();
    throw new DoiError('malformed', `The DOI ${doi} is registered with an agency that does not give its reference in a form Postwright reads (it answered with ${type.split(';')[0] || 'no type'}). Nothing was added; copy the reference from the publisher's page instead.`);
  }
  const text = await readCapped(response, doi, signal);
  return checkItem(text, doi);
}

function asDoiError(error: unknown, doi: string, signal: AbortSignal): Error {
  if (error instanceof DoiError) return error;
  if (signal.aborted) return new DoiError('timeout', `The DOI service took too long to answer for ${doi}. Try again in a minute; nothing was added.`);
  const code = ((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? '') as string;
  const unreachable = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'];
  if (unreachable.includes(code) || (error as Error).message === 'fetch failed') {
    return new DoiError('offline', `Could not reach doi.org to look up ${doi}: this computer seems to be offline. Nothing was added; try again when you are connected.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function readCapped(response: Response, doi: string, signal: AbortSignal): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BYTES) {
        await reader.cancel();
        throw new DoiError('malformed', `The answer for ${doi} is larger than 5 MB, which no single reference is. Nothing was added.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw asDoiError(error, doi, signal);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/// What the agency answered, checked: one CSL-JSON object with at least a title or a type.
export function checkItem(text: string, doi: string): CslItem {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DoiError('malformed', `The answer for ${doi} was not a reference Postwright can read (not valid JSON). Nothing was added.`);
  }
  if (Array.isArray(data) && data.length === 1) data = data[0];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DoiError('malformed', `The answer for ${doi} was not a reference Postwright can read (not a single entry). Nothing was added.`);
  }
  const item = data as Record<string, unknown>;
  const title = Array.isArray(item.title) ? item.title[0] : item.title;
  if (typeof title !== 'string' && typeof item.type !== 'string') {
    throw new DoiError('malformed', `The answer for ${doi} was not a reference Postwright can read (it has no title or type). Nothing was added.`);
  }
  return { ...item, id: typeof item.id === 'string' ? item.id : doi, DOI: typeof item.DOI === 'string' ? item.DOI : doi } as CslItem;
}
