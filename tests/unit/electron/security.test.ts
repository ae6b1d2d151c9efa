/// main/electron/ with a stand-in for the 'electron' module, which cannot load outside Electron.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  return {
    handlers,
    openExternal: vi.fn(async () => undefined),
    BrowserWindow: vi.fn(function (this: { options: unknown }, options: unknown) {
      this.options = options;
    }),
    ipcHandle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  shell: { openExternal: electron.openExternal },
  ipcMain: { handle: electron.ipcHandle },
  app: { on: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
}));

const { createSecureWindow } = await import('../../../main/electron/window');
const { guardWebContents, isSafeExternalUrl } = await import('../../../main/electron/security');
const { registerIpc, isTrustedSender } = await import('../../../main/electron/ipc');

beforeEach(() => electron.openExternal.mockClear());

describe('window security', () => {
  it('every window is isolated, sandboxed and without Node', () => {
    const window = createSecureWindow({ width: 800, height: 600 }) as unknown as { options: { webPreferences: Record<string, unknown> } };
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(String(window.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
  });

  it('only https: and mailto: links go to the OS browser', () => {
    expect(isSafeExternalUrl('https://example.org/post')).toBe(true);
    expect(isSafeExternalUrl('mailto:editor@example.org')).toBe(true);
    for (const url of ['http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  function fakeContents() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    return {
      listeners,
      open: (url: string) => openHandler?.({ url }),
      contents: {
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
        on: (event: string, fn: (...args: unknown[]) => void) => listeners.set(event, fn),
      },
    };
  }

  it('denies window.open, handing safe links to the OS browser', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents as never);
    expect(fake.open('https://example.org')).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.org');
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });

  it('stops navigation away from the app', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents as never);
    const navigate = fake.listeners.get('will-navigate');
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate?.(inside, 'postwright://app/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });
});

describe('IPC', () => {
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender(frame('postwright://app/index.html') as never)).toBe(true);
    expect(isTrustedSender(frame('https://www.youtube.com/embed/x') as never)).toBe(false);
    expect(isTrustedSender(frame('postwright://app/index.html', {}) as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });

  it('registers every contract call and refuses strangers', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: [] }));
    registerIpc({ dispatch } as never);
    expect([...electron.handlers.keys()]).toContain('studio:posts.save');
    const handler = electron.handlers.get('studio:posts.list');
    expect(await handler?.(frame('https://evil.example/'), [])).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handler?.(frame('postwright://app/index.html'), [])).toEqual({ ok: true, value: [] });
    expect(dispatch).toHaveBeenCalledWith('posts.list', []);
  });
});
