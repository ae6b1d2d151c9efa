/// The remote side of a conflict: what the user sees in the diff, and what "bring the remote
/// version in" writes into the post.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { articleToMarkdown, emphasisMarkerOf } from '../../shared/html-to-markdown';
import type { RemoteVersion } from '../../shared/publish';
import { PublishError } from './errors';
import type { Publisher, RemoteSnapshot } from './publisher';

export function remoteVersion(publisher: Publisher, remote: RemoteSnapshot): RemoteVersion {
  return {
    title: remote.title,
    content: remote.content,
    markdown: articleToMarkdown(publisher.remoteHtml(remote)).markdown,
    modified: remote.modifiedAt ?? null,
    url: remote.url,
  };
}

export function conflictError(publisher: Publisher, remote: RemoteSnapshot, title: string): PublishError {
  const when = remote.modifiedAt ? ` (last changed there ${remote.modifiedAt})` : '';
  return new PublishError(
    'conflict',
    `“${title}” was changed on ${publisher.label} since you last published it${when}. Nothing was sent. ` +
      'Compare the two versions, then overwrite it with yours, bring the remote version into Postwright, or cancel.',
    { remote: remoteVersion(publisher, remote) },
  );
}

/// The remote's body as markdown, with images that came from this post's own files pointing at
/// those files again rather than at their copies on the blog (the name the post uses, when two
/// files hold the same image), and emphasis written with the post's own marker.
export async function remoteMarkdown(publisher: Publisher, remote: RemoteSnapshot, postDir: string, urlToHash: Map<string, string>): Promise<string> {
  const own = await fs.readFile(path.join(postDir, 'index.md'), 'utf8').catch(() => '');
  let { markdown } = articleToMarkdown(publisher.remoteHtml(remote), emphasisMarkerOf(own));
  const local = await localFilesByHash(postDir);
  for (const [url, hash] of urlToHash) {
    const files = local.get(hash) ?? [];
    const file = files.find((f) => own.includes(`(${f}`)) ?? files[0];
    if (file && markdown.includes(url)) markdown = markdown.split(url).join(file);
  }
  return markdown;
}

async function localFilesByHash(dir: string, prefix = '', depth = 0): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const add = (hash: string, file: string) => out.set(hash, [...(out.get(hash) ?? []), file]);
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const rel = prefix + entry.name;
    if (entry.isDirectory() && depth < 2 && !entry.name.startsWith('.')) {
      for (const [hash, files] of await localFilesByHash(path.join(dir, entry.name), `${rel}/`, depth + 1)) for (const file of files) add(hash, file);
    } else if (entry.isFile() && rel !== 'index.md' && !entry.name.startsWith('.')) {
      const bytes = await fs.readFile(path.join(dir, entry.name));
      add(createHash('sha256').update(bytes).digest('hex'), rel);
    }
  }
  return out;
}
