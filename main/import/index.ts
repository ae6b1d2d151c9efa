/// Importing an existing blog: the sources, the run, and where the posts go.
import type { TargetSettings } from '../../shared/publish';
import { PublishError } from '../publish/errors';
import { NOT_THIS_ADDRESS } from '../publish/backends';
import type { FetchLike } from '../publish/http';
import type { ImportSource } from './source';
import { BloggerAtomSource } from './blogger-atom-source';
import { BloggerSource } from './blogger-source';
import { GhostExportSource, ghostExportData } from './ghost-export-source';
import { GhostSource } from './ghost-source';
import { StaticGitSource } from './static-git-source';
import { WordPressSource } from './wordpress-source';
import { WxrSource } from './wxr-source';

export { runImport, type ImportOptions, type ImportProgress, type ImportSummary } from './run';
export type { ImportPage, ImportSource, RemotePost } from './source';
export { libraryImportTarget, type ImportTarget } from './target';
export { BloggerAtomSource, BloggerSource, GhostExportSource, GhostSource, WordPressSource, WxrSource };

/// The source that reads a connected target's posts (WordPress, Ghost, Blogger, a static site in git).
export function importSourceForTarget(settings: TargetSettings, secret: string | null, options: { fetch?: FetchLike; timeoutMs?: number } = {}): ImportSource {
  switch (settings.kind) {
    case 'wordpress':
      if (!secret) throw new PublishError('auth', `No application password is saved for ${settings.username} on ${settings.siteUrl}. ${NOT_THIS_ADDRESS}`);
      return new WordPressSource({ target: settings.name, siteUrl: settings.siteUrl, username: settings.username }, secret, options);
    case 'ghost':
      if (!secret) throw new PublishError('auth', `No Admin API key is saved for ${settings.siteUrl}. ${NOT_THIS_ADDRESS}`);
      return new GhostSource({ target: settings.name, siteUrl: settings.siteUrl }, secret, options);
    case 'blogger':
      if (!secret) throw new PublishError('auth', `No Blogger sign-in is saved for ${settings.blogUrl}: sign in to Blogger again from the target’s settings.`);
      return new BloggerSource({ target: settings.name, blogId: settings.blogId, blogUrl: settings.blogUrl, clientId: settings.clientId, apiBase: settings.apiBase, tokenUrl: settings.tokenUrl }, secret, options);
    case 'static-git':
      return new StaticGitSource(settings);
    default:
      throw new PublishError('invalid', `Importing from a ${settings.kind} target is not possible yet; import an export file instead.`);
  }
}

/// An export file by its content: a WXR (WordPress), an Atom feed (Blogger) or a Ghost JSON
/// export (`{db: [{data: {posts: […]}}]}`; `siteUrl` turns its `__GHOST_URL__` back into the blog's address).
export function importSourceForFile(text: string, fileName: string, options: { siteUrl?: string } = {}): ImportSource {
  const head = text.slice(0, 4096);
  if (/^\s*\{/.test(head)) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON after all: the messages below say what is expected
    }
    if (ghostExportData(parsed)) return new GhostExportSource(parsed, fileName, options);
  }
  if (/<rss[\s>]/.test(head) && /wordpress\.org\/export/.test(text.slice(0, 20_000))) return new WxrSource(text, fileName);
  if (/<feed[\s>]/.test(head)) return new BloggerAtomSource(text, fileName);
  throw new PublishError('invalid', `${fileName} is neither a WordPress export (WXR), a Blogger export (Atom) nor a Ghost export (JSON).`);
}
