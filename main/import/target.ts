/// Where imported posts go. The import only needs these few calls; `libraryImportTarget` wires
/// them to the Library, so every write is atomic and becomes a revision like any other save.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Library } from '../library/library';
import { resolveInside } from '../library/paths';
import { AssetMap } from '../publish/assets';
import { PostKeys } from '../publish/post-keys';
import { PublishRevisions, type PublishedRevision } from '../publish/publish-revision';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/// An image of an imported post that is already on the target it came from.
export interface RemoteImage {
  file: string;
  /// sha256 of the bytes, hex.
  hash: string;
  url: string;
  /// The target's id for it (WordPress media id), when known.
  id: string | null;
}

export interface RemoteLink {
  postId: string;
  target: string;
  remoteId: string;
  remoteModified: string | null;
  images: RemoteImage[];
}

export interface ImportTarget {
  /// Where ledgers and pending copies of conflicting posts live (`.postwright/imports`).
  readonly stateDir: string;
  exists(slug: string): Promise<boolean>;
  /// A new post `slug` with its images beside it; the text is written last.
  create(slug: string, text: string, files: ImportFile[]): Promise<{ id: string; hash: string }>;
  /// null when there is no such post (any more).
  read(id: string): Promise<{ text: string; hash: string } | null>;
  /// Replaces the post's text, refusing (throwing with `code: 'conflict'`) when it is no longer `baseHash`.
  write(id: string, text: string, baseHash: string, files?: ImportFile[]): Promise<{ hash: string }>;
  /// Every post's id: to find imported posts when the ledger is lost.
  list(): Promise<string[]>;
  /// Tells publishing about the remote post and its images, so the next publish updates that
  /// post and reuses those images instead of uploading copies.
  linkRemote?(link: RemoteLink): Promise<void>;
  /// What this library published as that remote post, if the blog still holds it (its stamp).
  published?(target: string, remoteId: string, stamp: string | null): Promise<PublishedRevision | null>;
}

export function libraryImportTarget(library: Library): ImportTarget {
  const postsDir = path.join(library.root, 'posts');
  const writeFiles = async (id: string, files: ImportFile[]) => {
    const dir = resolveInside(postsDir, id);
    await fs.mkdir(dir, { recursive: true });
    for (const file of files) {
      const full = resolveInside(dir, file.name);
      const same = await fs.stat(full).then((s) => s.size === file.bytes.length, () => false);
      // A static site's post may keep images in a folder of its own (img/crock.png).
      if (!same) await fs.mkdir(path.dirname(full), { recursive: true });
      if (!same) await writeFileAtomic(full, file.bytes, { root: library.root });
    }
  };
  return {
    stateDir: path.join(library.root, '.postwright', 'imports'),
    exists: (slug) => fs.access(resolveInside(postsDir, slug)).then(() => true, () => false),
    async create(slug, text, files) {
      await writeFiles(slug, files);
      const { hash } = await library.save(slug, text, null, 'save');
      return { id: slug, hash };
    },
    read: (id) => library.get(id).then((post) => ({ text: post.text, hash: post.hash }), () => null),
    async write(id, text, baseHash, files = []) {
      await writeFiles(id, files);
      return { hash: (await library.save(id, text, baseHash, 'outside-edit')).hash };
    },
    list: async () => (await library.list()).map((summary) => summary.id),
    published: (target, remoteId, stamp) => PublishRevisions.forTarget(library.root, target).find(remoteId, stamp),
    async linkRemote(link) {
      await PostKeys.forTarget(library.root, link.target).setRemote(link.postId, link.remoteId, link.remoteModified);
      const map = AssetMap.forTarget(library.root, link.target);
      const at = new Date().toISOString();
      for (const image of link.images) {
        const known = await map.get(image.hash);
        if (known && (known.id !== null || image.id === null)) continue;
        await map.uploaded({ file: image.file, hash: image.hash, bytes: new Uint8Array(), mimeType: '' }, { url: image.url, id: image.id }, at);
      }
    },
  };
}
