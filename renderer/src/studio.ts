/// The renderer's one way to reach the Node side. In the Electron app the preload puts a
/// bridge on `window.studio`; in the browser host the same calls go over HTTP.
import { createClient, type Envelope, type EventName, type Studio, type Subscribe, type Transport } from '../../shared/api';
import { openEventStream } from './event-stream';

type Bridge = Record<string, Record<string, (...args: unknown[]) => Promise<Envelope<unknown>>>> & {
  on: Subscribe;
};

declare global {
  interface Window {
    studio?: Bridge;
  }
}

function bridgeTransport(bridge: Bridge): Transport {
  return (channel, args) => {
    const [ns = '', method = ''] = channel.split('.');
    const fn = bridge[ns]?.[method];
    return fn ? fn(...args) : Promise.resolve({ ok: false, error: { code: 'internal', message: `No bridge for ${channel}` } });
  };
}

/// The browser host's key arrives in the address's fragment (`#token=…`), which no server
/// ever receives. It is kept in this tab's session storage, so a reload works, and taken out
/// of the address bar. Another origin (another port of 127.0.0.1 included) cannot read it.
const TOKEN_KEY = 'postwright.token';

function takeTokenFromAddress(): boolean {
  const offered = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!offered) return false;
  sessionStorage.setItem(TOKEN_KEY, offered);
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
  return true;
}

function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

const httpTransport: Transport = async (channel, args) => {
  let response: Response;
  try {
    response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      // A Blob, not the string: Chromium copies a string body on the calling thread, which for
      // a 50,000-word post (every save and backup) took 25-65 ms against 7-13 ms as a Blob.
      body: new Blob([JSON.stringify(args)], { type: 'application/json' }),
      credentials: 'omit',
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Postwright’s host is not answering. Is `postwright web` still running?' } };
  }
  if (response.status === 401) {
    const message = sessionStorage.getItem(TOKEN_KEY)
      ? 'This tab’s key is from an earlier run of Postwright. Open the address that `postwright web` printed this time.'
      : 'This tab has no key for Postwright. Open the whole address that `postwright web` printed, including the part after #.';
    return { ok: false, error: { code: 'unauthorized', message } };
  }
  if (!response.ok) return { ok: false, error: { code: 'internal', message: `The host answered ${response.status}.` } };
  return (await response.json()) as Envelope<unknown>;
};

/// Server-sent events, one shared stream for every subscription.
function httpSubscribe(): Subscribe {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let open = false;
  return (event, listener) => {
    if (!open) {
      open = true;
      openEventStream('api/events', authHeaders, (message) => {
        const payload: unknown = JSON.parse(message.data);
        for (const fn of listeners.get(message.event as EventName) ?? []) fn(payload);
      });
    }
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)?.add(listener);
    return () => listeners.get(event)?.delete(listener);
  };
}

/// Where the files beside posts load from: `files/` in the desktop app; in the browser host a
/// path holding its read-only files key (an <img> cannot send the API's header). Every other
/// call waits for it, so no post reaches the screen before its images can be addressed.
let filesBase = 'files/';
let filesBaseKnown: Promise<void> | null = null;

const gatedHttpTransport: Transport = (channel, args) => {
  filesBaseKnown ??= httpTransport('library.filesBase', []).then((envelope) => {
    if (envelope.ok) filesBase = envelope.value as string;
    else filesBaseKnown = null;
  });
  return channel === 'library.filesBase' ? httpTransport(channel, args) : filesBaseKnown.then(() => httpTransport(channel, args));
};

if (!window.studio) {
  takeTokenFromAddress();
  // Pasting a new run's address into this tab changes only the fragment, which loads nothing:
  // start again with the new key (and the new run's files key).
  window.addEventListener('hashchange', () => {
    if (takeTokenFromAddress()) window.location.reload();
  });
}

export const studio: Studio = window.studio
  ? createClient(bridgeTransport(window.studio), window.studio.on)
  : createClient(gatedHttpTransport, httpSubscribe());

export const host: 'electron' | 'browser' = window.studio ? 'electron' : 'browser';

/// The address of a file beside a post (`photo.jpg`, `./img/a.png`) for <img src>, in either host.
export function assetUrl(postId: string, src: string): string {
  return `${filesBase}${encodeURIComponent(postId)}/${src.replace(/^\.\//, '')}`;
}
