/// Remembers the window's size, position and maximized state between runs.
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
type WindowState = z.infer<typeof WindowState>;

const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };

export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const state = WindowState.parse(JSON.parse(await fs.readFile(file, 'utf8')));
    return isOnSomeDisplay(state) ? state : { ...state, x: undefined, y: undefined };
  } catch {
    return DEFAULT_STATE;
  }
}

/// A window saved on a monitor that is no longer attached would open out of sight.
function isOnSomeDisplay(state: WindowState): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const bounds: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  const area = screen.getDisplayMatching(bounds).workArea;
  return bounds.x < area.x + area.width && bounds.x + bounds.width > area.x && bounds.y < area.y + area.height && bounds.y + bounds.height > area.y;
}

export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    void writeFileAtomic(file, JSON.stringify(state)).catch(() => undefined);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
