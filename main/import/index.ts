/// Importing an existing blog: the sources, the run, and where the posts go.
import type { TargetSettings } from '../../shared/publish';
import { PublishError } from '../publish/errors';
import type { FetchLike } from '../publish/http';
import type { ImportSource } from './source';
import { BloggerAtomSource } from './blogger-atom-source';
import { WordPressSource } from './wordpress-source';
import { WxrSource } from './wxr-source';

export { runImport, type ImportOptions, type ImportProgress, type ImportSummary } from './run';
export type { ImportPage, ImportSource, RemotePost } from './source';
export { libraryImportTarget, type ImportTarget } from './target';
export { BloggerAtomSource, WordPressSource, WxrSource };

/// The source that reads a connected target's posts. Ghost (Admin API) and Blogger (API) come
/// here once their backends can read; a static site in git is already the user's files.
export function importSourceForTarget(settings: TargetSettings, secret: string | null, options: { fetch?: FetchLike; timeoutMs?: number } = {}): ImportSource {
  switch (settings.kind) {
    case 'wordpress':
      if (!secret) throw new PublishError('auth', `No application password is saved for ${settings.username} on ${settings.siteUrl}.`);
      return new WordPressSource({ target: settings.name, siteUrl: settings.siteUrl, username: settings.username }, secret, options);
    default:
      throw new PublishError('invalid', `Importing from a ${settings.kind} target is not possible yet; import an export file instead.`);
  }
}

/// An export file by its content: a WXR (WordPress) or an Atom feed (Blogger).
export function importSourceForFile(text: string, fileName: string): ImportSource {
  const head = text.slice(0, 4096);
  if (/<rss[\s>]/.test(head) && /wordpress\.org\/export/.test(text.slice(0, 20_000))) return new WxrSource(text, fileName);
  if (/<feed[\s>]/.test(head)) return new BloggerAtomSource(text, fileName);
  throw new PublishError('invalid', `${fileName} is neither a WordPress export (WXR) nor a Blogger export (Atom).`);
}
