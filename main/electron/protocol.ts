/// `postwright://app/` serves the built renderer and the files beside each post. A custom
/// secure scheme instead of file:// gives the page a real origin for CSP and IPC checks.
import { net, protocol } from 'electron';
import { appSchemeHandler } from './app-scheme';

export const APP_SCHEME = 'postwright';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/// Must run before the app is ready.
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/// `open` is the app's services: the library is looked up per request, so after the user
/// switches libraries the page sees the new one's files.
export function handleAppScheme(staticDir: string, open: { readonly library: { readonly root: string } }): void {
  protocol.handle(APP_SCHEME, appSchemeHandler(staticDir, open, (fileUrl) => net.fetch(fileUrl)));
}
