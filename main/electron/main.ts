/// The Electron app: one secure window over the same services as the other hosts.
import { app, BrowserWindow, Menu } from 'electron';
import path from 'node:path';
import { resolveLibraryRoot } from '../library/location';
import { openServices, type Services } from '../services';
import { installContextMenu } from './context-menu';
import { IPC_EVENT } from './channels';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { APP_ORIGIN, handleAppScheme, registerAppScheme } from './protocol';
import { SafeStorageSecretStore } from './safe-storage';
import { installSecurityGuards } from './security';
import { createSecureWindow } from './window';
import { loadWindowState, trackWindowState } from './window-state';
import { electronExportHost } from './export-host';

const libraryFlag = process.argv.find((arg) => arg.startsWith('--library='))?.slice('--library='.length);
let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

/// The OS hands WordPress sign-in callbacks (postwright-signin://…) to the running app.
const SIGNIN_SCHEME = 'postwright-signin';
app.setAsDefaultProtocolClient(SIGNIN_SCHEME);

function handleSignInUrl(url: string | undefined): void {
  if (!url?.startsWith(`${SIGNIN_SCHEME}://`) || !services) return;
  void services.completeSignIn(url);
  mainWindow?.focus();
}

app.on('second-instance', (_event, argv) => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
  handleSignInUrl(argv.find((arg) => arg.startsWith(`${SIGNIN_SCHEME}://`)));
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  handleSignInUrl(url);
});

async function openWindow(): Promise<void> {
  if (!services) return;
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = await loadWindowState(stateFile);
  const window = createSecureWindow({ x: state.x, y: state.y, width: state.width, height: state.height, minWidth: 720, minHeight: 480 });
  mainWindow = window;
  if (state.maximized) window.maximize();
  trackWindowState(window, stateFile);
  installContextMenu(window.webContents);
  // Spell-check in the languages the user set in the OS (macOS always does).
  if (process.platform !== 'darwin') {
    const languages = app.getPreferredSystemLanguages().filter((code) => window.webContents.session.availableSpellCheckerLanguages.includes(code));
    if (languages.length > 0) window.webContents.session.setSpellCheckerLanguages(languages);
  }
  const stopEvents = forwardEvents(services, window);
  window.on('closed', () => {
    stopEvents();
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  flushBeforeClose(window);
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

/// Closing waits for the renderer to save the open post (at most a few seconds; the hot-exit
/// backup covers anything slower).
function flushBeforeClose(window: BrowserWindow): void {
  let flushed = false;
  window.on('close', (event) => {
    if (flushed) return;
    event.preventDefault();
    flushed = true;
    window.webContents.send(IPC_EVENT, 'app.command', { command: 'save-and-close' });
    setTimeout(() => !window.isDestroyed() && window.destroy(), 3000);
  });
}

app.whenReady().then(async () => {
  installSecurityGuards();
  const root = resolveLibraryRoot({ flag: libraryFlag, home: app.getPath('home') });
  services = await openServices(root, {
    watch: true,
    outbox: true,
    secrets: SafeStorageSecretStore.create(app.getPath('userData')) ?? undefined,
    signInScheme: `${SIGNIN_SCHEME}://wordpress`,
    exportHost: electronExportHost(() => mainWindow),
  });
  handleAppScheme(path.join(__dirname, '..', 'renderer'), services);
  registerIpc(services);
  Menu.setApplicationMenu(buildMenu(() => mainWindow));
  await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
}).catch((error: unknown) => {
  console.error('Postwright could not start:', error);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
