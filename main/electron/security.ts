/// App-wide guards: no navigation away from the app, no new windows, links to the OS
/// browser only for https: and mailto:, and no permission unless listed.
import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/// Compares scheme and host: Node's URL gives custom schemes an opaque origin ("null").
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installSecurityGuards(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
