/// A secret is bound to the origin that issued it and is sent nowhere else. The origin is kept
/// inside the stored secret (the keychain entry), not only in the library's targets file, which
/// users share, sync and put in git: whoever edits that file must not be able to redirect a
/// password, an API key or a refresh token to a server of their choosing.
import type { TargetSettings } from '../../shared/publish';
import { PublishError } from './errors';
import { googleEndpoints } from './google-endpoints';

export const ADDRESS_CHANGED = 'This target’s address was changed in the library’s targets file since you signed in; sign in again.';

const MARK = 'postwright-bound-secret';

export interface BoundSecret {
  value: string;
  /// `https://blog.example`: the only origin the value may be sent to.
  origin: string;
}

/// What the secret store keeps for a target.
export function sealSecret(value: string, origin: string): string {
  return JSON.stringify({ [MARK]: 1, origin, value });
}

/// The stored secret and the origin it is bound to. Secrets saved before origins were kept
/// take `legacyOrigin`: the site address in their key (WordPress, Ghost) or Google (Blogger),
/// never anything read from the targets file alone.
export function openSecret(stored: string, legacyOrigin: string): BoundSecret {
  if (stored.startsWith(`{"${MARK}"`)) {
    try {
      const json = JSON.parse(stored) as { origin?: unknown; value?: unknown };
      if (typeof json.origin === 'string' && typeof json.value === 'string') return { value: json.value, origin: json.origin };
    } catch {
      // not an envelope after all
    }
    throw new PublishError('auth', 'The saved sign-in for this target cannot be read. Sign in again from the target’s settings.');
  }
  return { value: stored, origin: legacyOrigin };
}

/// The origin a new secret for this target is issued by: the site the blogger typed or signed
/// in at, or Google's token service for a Blogger sign-in.
export function issuingOrigin(settings: TargetSettings): string | null {
  switch (settings.kind) {
    case 'wordpress':
    case 'ghost':
      return originOf(settings.siteUrl);
    case 'blogger':
      return originOf(googleEndpoints().token);
    case 'image-host':
      return settings.host.type === 's3' ? originOf(settings.host.endpoint) : null;
    default:
      return null;
  }
}

/// Scheme, host and port; user names and passwords in the address are not part of it.
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid:';
  }
}

/// Throws unless `url` is on the secret's origin.
export function assertBound(url: string, origin: string): void {
  if (originOf(url) !== origin) throw new PublishError('auth', ADDRESS_CHANGED);
}
