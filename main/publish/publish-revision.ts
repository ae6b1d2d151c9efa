/// The exact post each publish sent, kept per remote post:
/// `.postwright/targets/<target>/published/<remote id hash>.json`. Converting the blog's HTML back
/// to markdown can only come close (a blog rewrites markup, `*` and `_` render alike), so when the
/// remote still holds what a publish wrote, "bring theirs in" and an import give back the markdown
/// that was published, byte for byte, instead of a conversion.
///
/// "Still holds" is decided by the content part of the remote's stamp, the same one the publish
/// record keeps as `remote_modified`: every backend makes it from what the blog returns (WordPress,
/// Ghost and Blogger a fingerprint of title, body and status; a static site the file's git blob
/// id), so a post edited there and edited back counts as unchanged, and an import, which reads
/// the same fields, computes the same stamp.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveInside } from '../library/paths';

const Kept = z.object({
  /// The remote's stamp right after the publish wrote it.
  stamp: z.string(),
  postId: z.string(),
  /// The post's whole text as saved after the publish (front matter with the record, and body).
  text: z.string(),
  /// Each image as the post names it, and the URL the published article used for it.
  assets: z.array(z.object({ file: z.string(), url: z.string() })),
  at: z.string(),
});
export type PublishedRevision = z.infer<typeof Kept>;
const KeptFile = z.object({ version: z.literal(1), target: z.string(), remoteId: z.string(), revisions: z.array(Kept) });

/// A few per remote post: the blog may be set back to an earlier version of it.
const KEEP = 5;

export class PublishRevisions {
  constructor(private readonly dir: string) {}

  static forTarget(libraryRoot: string, target: string): PublishRevisions {
    return new PublishRevisions(resolveInside(libraryRoot, '.postwright', 'targets', target, 'published'));
  }

  /// Remembers what a publish sent; the newest first, one per stamp.
  async keep(target: string, remoteId: string, revision: PublishedRevision): Promise<void> {
    const file = this.fileOf(remoteId);
    const old = (await this.read(remoteId))?.revisions ?? [];
    const same = contentOf(revision.stamp);
    const revisions = [revision, ...old.filter((r) => contentOf(r.stamp) !== same)].slice(0, KEEP);
    await fs.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ version: 1, target, remoteId, revisions }) + '\n');
  }

  /// The publish the remote still holds, judged by its stamp now; null when it was changed there
  /// (or was never published from this library).
  async find(remoteId: string, stamp: string | null | undefined): Promise<PublishedRevision | null> {
    if (!stamp) return null;
    const content = contentOf(stamp);
    return (await this.read(remoteId))?.revisions.find((r) => contentOf(r.stamp) === content) ?? null;
  }

  private async read(remoteId: string): Promise<z.infer<typeof KeptFile> | null> {
    const text = await fs.readFile(this.fileOf(remoteId), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const parsed = KeptFile.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.remoteId === remoteId ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private fileOf(remoteId: string): string {
    return resolveInside(this.dir, `${createHash('sha256').update(remoteId).digest('hex').slice(0, 32)}.json`);
  }
}

/// The part of a stamp that changes with the content: "<time> <fingerprint>" -> the fingerprint;
/// a git blob id is content already.
export function contentOf(stamp: string): string {
  return stamp.trim().split(/\s+/).pop() ?? '';
}

/// After a publish: remembers the post as sent. A failure here loses only the exact way back
/// (a conversion is used instead), so it never turns a publish that went through into an error.
export async function keepPublished(libraryRoot: string, target: string, written: { id: string; modified: string | null }, postId: string, text: string, assets: ReadonlyArray<{ asset: { file: string }; url: string }>): Promise<void> {
  if (!written.modified) return;
  const revision = { stamp: written.modified, postId, text, assets: assets.map((p) => ({ file: p.asset.file, url: p.url })), at: new Date().toISOString() };
  await PublishRevisions.forTarget(libraryRoot, target).keep(target, written.id, revision).catch(() => undefined);
}
