/// The Electron app: one secure window over the same services as the other hosts.
import { app, BrowserWindow, Menu } from 'electron';
import path from 'node:path';
import { resolveLibraryRoot } from '../library/location';
import { openServices, type Services } from '../services';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { APP_ORIGIN, handleAppScheme, registerAppScheme } from './protocol';
import { installSecurityGuards } from './security';
import { createSecureWindow } from './window';
import { loadWindowState, trackWindowState } from './window-state';

const libraryFlag = process.argv.find((arg) => arg.startsWith('--library='))?.slice('--library='.length);
let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

async function openWindow(): Promise<void> {
  if (!services) return;
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = await loadWindowState(stateFile);
  const window = createSecureWindow({ x: state.x, y: state.y, width: state.width, height: state.height, minWidth: 720, minHeight: 480 });
  mainWindow = window;
  if (state.maximized) window.maximize();
  trackWindowState(window, stateFile);
  const stopEvents = forwardEvents(services, window);
  window.on('closed', () => {
    stopEvents();
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  installSecurityGuards();
  const root = resolveLibraryRoot({ flag: libraryFlag, home: app.getPath('home') });
  services = await openServices(root);
  handleAppScheme(path.join(__dirname, '..', 'renderer'), () => root);
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
