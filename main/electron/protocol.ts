/// `postwright://app/` serves the built renderer and the files beside each post. A custom
/// secure scheme instead of file:// gives the page a real origin for CSP and IPC checks.
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ASSET_CSP, assetSegmentsFor, postFileFor, postFileType, RENDERER_CSP, staticFileFor } from '../web/policy';

export const APP_SCHEME = 'postwright';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/// Must run before the app is ready.
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppScheme(staticDir: string, libraryRoot: () => string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/files/')) {
      const segments = assetSegmentsFor(url.pathname.slice('/files/'.length));
      const file = segments && (await postFileFor(path.join(libraryRoot(), 'posts'), segments));
      if (!file) return new Response('Not found', { status: 404 });
      // Same rule as the browser host: a post's .js or .css is never served as code the app's CSP ('self') would run.
      return withHeaders(await net.fetch(pathToFileURL(file).toString()), ASSET_CSP, postFileType(file));
    }
    const file = staticFileFor(staticDir, url.pathname);
    if (!file) return new Response('Bad path', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return file.endsWith('.html') ? withHeaders(response, RENDERER_CSP) : response;
  });
}

function withHeaders(response: Response, csp: string, type?: string): Response {
  const headers = new Headers(response.headers);
  if (type) headers.set('Content-Type', type);
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}
