/// The renderer's one way to reach the Node side. In the Electron app the preload puts a
/// bridge on `window.studio`; in the browser host the same calls go over HTTP.
import { createClient, type Envelope, type EventName, type Studio, type Subscribe, type Transport } from '../../shared/api';

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

const httpTransport: Transport = async (channel, args) => {
  let response: Response;
  try {
    response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Postwright’s host is not answering. Is `npm run web` still running?' } };
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'unauthorized', message: 'This tab’s session has ended. Open the address that `npm run web` printed.' } };
  }
  if (!response.ok) return { ok: false, error: { code: 'internal', message: `The host answered ${response.status}.` } };
  return (await response.json()) as Envelope<unknown>;
};

/// Server-sent events, one shared stream for every subscription.
function httpSubscribe(): Subscribe {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  return (event, listener) => {
    if (!listeners.has(event)) {
      listeners.set(event, new Set());
      source ??= new EventSource('api/events');
      source.addEventListener(event, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        for (const fn of listeners.get(event) ?? []) fn(payload);
      });
    }
    listeners.get(event)?.add(listener);
    return () => listeners.get(event)?.delete(listener);
  };
}

export const studio: Studio = window.studio
  ? createClient(bridgeTransport(window.studio), window.studio.on)
  : createClient(httpTransport, httpSubscribe());

export const host: 'electron' | 'browser' = window.studio ? 'electron' : 'browser';
