/// Wires every call of the contract to ipcMain, accepting messages only from the app's own
/// top frame, and forwards service events to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channels, type Envelope } from '../../shared/api';
import type { Services } from '../services';
import { IPC_EVENT, IPC_PREFIX } from './channels';
import { isAppUrl } from './security';

export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(services: Services): void {
  for (const { channel } of channels()) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, (event, args: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'unauthorized', message: 'Calls are accepted only from the Postwright window.' } };
      }
      return services.dispatch(channel, args);
    });
  }
}

export function forwardEvents(services: Services, window: BrowserWindow): () => void {
  return services.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event, payload);
  });
}
