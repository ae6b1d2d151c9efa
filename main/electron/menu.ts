/// The application menu: the usual File, Edit, View, Window and Help entries. Commands the
/// renderer carries out are sent to it as `app.command` events.
import { app, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/api';
import { IPC_EVENT } from './channels';

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const send = (command: AppCommand) => () => getWindow()?.webContents.send(IPC_EVENT, 'app.command', { command });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Post', accelerator: 'CmdOrCtrl+N', click: send('new-post') },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Toggle Preview', accelerator: 'CmdOrCtrl+Alt+P', click: send('toggle-preview') },
        { label: 'Focus Mode', accelerator: 'CmdOrCtrl+Shift+F', click: send('toggle-focus') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Markdown Guide', click: () => void shell.openExternal('https://commonmark.org/help/') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
