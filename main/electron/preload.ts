/// The bridge the sandboxed renderer gets as `window.studio`: one function per call in the
/// contract, each answering with an envelope, and `on` for events. Never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { channels, type EventName } from '../../shared/api';
import { IPC_EVENT, IPC_PREFIX } from './channels';

const bridge: Record<string, unknown> = {
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const handler = (_: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};
for (const { channel, ns, method } of channels()) {
  const group = (bridge[ns] ??= {}) as Record<string, unknown>;
  group[method] = (...args: unknown[]) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, args);
}

contextBridge.exposeInMainWorld('studio', bridge);
