/// A publishing library set up against the test WordPress, as the WordPress suites start it: the
/// blog running, WordPress's block library warmed, the posts written, the publish service started
/// with the target `blog` signed in as the blog's admin.
import { expect } from 'vitest';
import type { PublishService } from '../../main/publish/service';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, type TestLibrary } from './publish-fixtures';

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface WordPressBlog {
  wp: WordPress;
  lib: TestLibrary;
  service: PublishService;
  /// The settings of the target `blog`, for adding it to another library too.
  settings(): { name: string; kind: 'wordpress'; siteUrl: string; username: string };
  /// The blog's REST API as its admin; a refusal fails the test with the route and status.
  rest<T>(route: string, init?: RequestInit): Promise<T>;
  stop(): Promise<void>;
}

/// `write` puts the posts in the library before the service starts. On a busy machine WordPress's
/// block library can take a minute to load: give the suite's beforeAll a long timeout.
export async function startWordPressBlog(write: (lib: TestLibrary) => void | Promise<void>): Promise<WordPressBlog> {
  const [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
  const service = lib.service();
  const stop = async () => {
    service.close();
    lib.remove();
    await wp.stop();
  };
  const settings = () => ({ name: 'blog', kind: 'wordpress' as const, siteUrl: wp.url, username: wp.username });
  try {
    await write(lib);
    await service.start();
    await service.targets.add({ settings: settings(), secret: wp.appPassword });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    wp,
    lib,
    service,
    settings,
    async rest<T>(route: string, init: RequestInit = {}) {
      const response = await fetch(`${wp.url}/wp-json${route}`, { ...init, headers: { Authorization: basic(wp.username, wp.appPassword), 'Content-Type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(30_000) });
      expect(response.ok, `${route}: ${response.status}`).toBe(true);
      return (await response.json()) as T;
    },
    stop,
  };
}
