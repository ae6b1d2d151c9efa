/// IPC channel names shared by the main process and the preload.
export const IPC_PREFIX = 'studio:';
export const IPC_EVENT = 'studio:event';
