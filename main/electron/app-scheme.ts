/// What `postwright://app/` answers, as plain Node (no 'electron' import) so it can be tested
/// without Electron: the built renderer, and the files beside each post of the library that is
/// open at the moment of the request (the user may have switched libraries since start-up).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ASSET_CSP, assetSegmentsFor, postFileFor, postFileType, RENDERER_CSP, staticFileFor } from '../web/policy';

/// Reads a file:// URL (Electron's net.fetch in the app).
export type FetchFile = (fileUrl: string) => Promise<Response>;

/// `open.library` is read on every request, never remembered.
export function appSchemeHandler(staticDir: string, open: { readonly library: { readonly root: string } }, fetchFile: FetchFile): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/files/')) {
      const segments = assetSegmentsFor(url.pathname.slice('/files/'.length));
      const file = segments && (await postFileFor(path.join(open.library.root, 'posts'), segments));
      if (!file) return new Response('Not found', { status: 404 });
      // As the browser host: a post's .js or .css is never served as code the app's CSP ('self') would run.
      return withHeaders(await fetchFile(pathToFileURL(file).toString()), ASSET_CSP, postFileType(file));
    }
    const file = staticFileFor(staticDir, url.pathname);
    if (!file) return new Response('Bad path', { status: 400 });
    const response = await fetchFile(pathToFileURL(file).toString());
    return withHeaders(response, file.endsWith('.html') ? RENDERER_CSP : null);
  };
}

/// As the browser host: nothing the app serves may be embedded or read by another origin.
function withHeaders(response: Response, csp: string | null, type?: string): Response {
  const headers = new Headers(response.headers);
  if (type) headers.set('Content-Type', type);
  if (csp) headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, headers });
}
