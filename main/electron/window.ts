/// The one place BrowserWindows are made, with the secure defaults every window gets.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import path from 'node:path';

export function secureWebPreferences(): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: path.join(__dirname, 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Postwright checks spelling itself, offline, with bundled dictionaries (renderer/src/spell/);
    // Chromium's checker would run too and download its dictionaries on Linux.
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

export function createSecureWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    show: false,
    backgroundColor: '#f7f5f0',
    title: 'Postwright',
    webPreferences: secureWebPreferences(),
  });
}
