/// The services every host serves, opened on a fresh library (`<root>/Blog`) for each test and
/// closed and removed after it, with `call` as a host calls a channel (a refusal throws).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openServices, type Services } from '../../main/services';

export interface ServicesPerTest {
  /// The temporary folder that holds the library folder `Blog`.
  readonly root: string;
  readonly services: Services;
  call<T>(channel: string, ...args: unknown[]): Promise<T>;
}

export function servicesPerTest(prefix: string, options?: Parameters<typeof openServices>[1]): ServicesPerTest {
  let root = '';
  let services: Services | undefined;
  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), prefix));
    services = await openServices(path.join(root, 'Blog'), options);
  });
  afterEach(async () => {
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });
  const opened = (): Services => {
    if (!services) throw new Error('the services open before each test');
    return services;
  };
  return {
    get root() {
      return root;
    },
    get services() {
      return opened();
    },
    async call<T>(channel: string, ...args: unknown[]): Promise<T> {
      const envelope = await opened().dispatch(channel, args);
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value as T;
    },
  };
}
