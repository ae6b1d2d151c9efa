/// One line per kind of target: which Publisher serves it. Nothing else here knows a backend.
import type { TargetSettings } from '../../shared/publish';
import { BloggerPublisher } from './blogger';
import { PublishError } from './errors';
import { GhostPublisher } from './ghost';
import { createImageHost, ImageHostPublisher } from './image-hosts/index';
import type { FetchLike } from './http';
import type { Publisher } from './publisher';
import { StaticGitPublisher } from './static-git';
import { WordPressPublisher } from './wordpress';

export interface BackendOptions {
  fetch?: FetchLike;
  /// Per request; uploads get `uploadTimeoutMs`.
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  now?: () => number;
}

/// A saved password belongs to the address it was saved for: one edited in the targets file
/// finds none, and the blogger should know why.
export const NOT_THIS_ADDRESS = 'If you had signed in to this target before, its address was changed in the library’s targets file since then; sign in again.';

export function needsSecret(settings: TargetSettings): boolean {
  return settings.kind === 'wordpress' || settings.kind === 'ghost' || settings.kind === 'blogger' || (settings.kind === 'image-host' && settings.host.type === 's3');
}

export function createPublisher(settings: TargetSettings, secret: string | null, options: BackendOptions = {}): Publisher {
  switch (settings.kind) {
    case 'wordpress':
      if (!secret) {
        throw new PublishError('auth', `No application password is saved for ${settings.username} on ${settings.siteUrl}. Create one under Users → Profile → Application Passwords in WordPress and add it to the target “${settings.name}”. ${NOT_THIS_ADDRESS}`);
      }
      return new WordPressPublisher(settings, secret, options);
    case 'static-git':
      return new StaticGitPublisher(settings, options);
    case 'ghost':
      if (!secret) throw new PublishError('auth', `No Admin API key is saved for ${settings.siteUrl}. Create a custom integration under Settings → Integrations in Ghost and add its Admin API key to the target “${settings.name}”. ${NOT_THIS_ADDRESS}`);
      return new GhostPublisher(settings, secret, options);
    case 'blogger':
      if (!secret) throw new PublishError('auth', `Postwright is not signed in to Blogger for the target “${settings.name}”. Sign in with Google in the target’s settings.`);
      return new BloggerPublisher(settings, secret, options);
    case 'image-host':
      return new ImageHostPublisher(settings.name, createImageHost(settings.host, secret, options), options);
  }
}
