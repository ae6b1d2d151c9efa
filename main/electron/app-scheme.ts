/// What `postwright://app/` answers, as plain Node (no 'electron' import) so it can be tested
/// without Electron: the built renderer, and the files beside each post of the library that is
/// open at the moment of the request (the user may have switched libraries since start-up).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveInsideReal } from '../library/paths';
import { ASSET_CSP, assetSegmentsFor, RENDERER_CSP, staticFileFor } from '../web/policy';

/// Reads a file:// URL (Electron's net.fetch in the app).
export type FetchFile = (fileUrl: string) => Promise<Response>;

/// `open.library` is read on every request, never remembered.
export function appSchemeHandler(staticDir: string, open: { readonly library: { readonly root: string } }, fetchFile: FetchFile): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/files/')) {
      const segments = assetSegmentsFor(url.pathname.slice('/files/'.length));
      const file = segments && (await resolveInsideReal(path.join(open.library.root, 'posts'), ...segments).catch(() => null));
      if (!file) return new Response('Not found', { status: 404 });
      return withHeaders(await fetchFile(pathToFileURL(file).toString()), ASSET_CSP);
    }
    const file = staticFileFor(staticDir, url.pathname);
    if (!file) return new Response('Bad path', { status: 400 });
    const response = await fetchFile(pathToFileURL(file).toString());
    return withHeaders(response, file.endsWith('.html') ? RENDERER_CSP : null);
  };
}

/// As the browser host: nothing the app serves may be embedded or read by another origin.
function withHeaders(response: Response, csp: string | null): Response {
  const headers = new Headers(response.headers);
  if (csp) headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, headers });
}
