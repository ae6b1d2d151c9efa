/// The local files a post uses (images in the body, the cover) and, per target, which of them
/// are already there: `.postwright/targets/<target>/assets.json`, keyed by content hash, so an
/// unchanged image is never uploaded twice, whatever post or file name it comes with.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isRelativeAsset, renderArticle, type RenderOptions } from '../../shared/render';
import { writeFileAtomic } from '../fs/atomic-write';
import { PathOutsideLibraryError, resolveInside, resolveInsideReal } from '../library/paths';
import { createNodePurify } from '../render/node-purify';
import { PublishError } from './errors';
import type { LocalAsset, RemoteAsset } from './publisher';

const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  svg: 'image/svg+xml', mp4: 'video/mp4', webm: 'video/webm', mp3: 'audio/mpeg', ogg: 'audio/ogg', m4a: 'audio/mp4',
  vtt: 'text/vtt', pdf: 'application/pdf',
};

/// The asset references of a post's body, exactly as the render pipeline resolves them (markdown
/// images and raw <img>/<video>/<source> alike), in order of first use.
export function assetReferences(body: string, options: Pick<RenderOptions, 'diagrams'> = {}): string[] {
  return [...assetUses(body, options).keys()];
}

/// Each asset reference with the alt text of its first image that has one ('' when none does):
/// what an upload is described by. Every reference is rendered as a placeholder name, so its
/// <img> is found however the reference was escaped on the way.
export function assetUses(body: string, options: Pick<RenderOptions, 'diagrams'> = {}): Map<string, string> {
  const refs: string[] = [];
  const html = renderArticle(body, createNodePurify(), {
    ...options,
    resolveAsset: (src) => {
      if (!refs.includes(src)) refs.push(src);
      return `pw-asset-${refs.indexOf(src)}.png`;
    },
  });
  const uses = new Map(refs.map((ref) => [ref, '']));
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) {
    const index = /\ssrc="pw-asset-(\d+)\.png"/.exec(tag)?.[1];
    const alt = decodeHtml(/\salt="([^"]*)"/.exec(tag)?.[1] ?? '').trim();
    const ref = index === undefined ? undefined : refs[Number(index)];
    if (ref !== undefined && alt && !uses.get(ref)) uses.set(ref, alt);
  }
  return uses;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/// The file a reference names: "./a.png", "a.png?v=2" and "img/a.png" inside the post's folder.
export function assetFile(ref: string): string {
  return ref.replace(/[?#].*$/, '').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/// Reads every referenced file. A reference to a file that is not in the post's folder stops the
/// publish: published, it would be a broken image.
export async function loadAssets(postDir: string, refs: string[], postTitle: string): Promise<Map<string, LocalAsset>> {
  const assets = new Map<string, LocalAsset>();
  for (const ref of refs) {
    if (!isRelativeAsset(ref)) continue;
    const file = assetFile(ref);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(await resolveInsideReal(postDir, ...file.split('/')));
    } catch (error) {
      const outside = error instanceof PathOutsideLibraryError;
      throw new PublishError(
        'invalid',
        outside
          ? `“${postTitle}” uses “${ref}”, which is outside the post’s folder. Copy the file into the post’s folder and refer to it by its name.`
          : `“${postTitle}” uses the file “${ref}”, which is not in the post’s folder, so it would be missing on your blog. Put the file beside the post or fix the path.`,
        { cause: error },
      );
    }
    const ext = path.extname(file).slice(1).toLowerCase();
    const hash = createHash('sha256').update(bytes).digest('hex');
    assets.set(ref, { file, hash, bytes, mimeType: TYPES[ext] ?? 'application/octet-stream' });
  }
  return assets;
}

/// `source`: the local file's own hash when what was uploaded is a prepared copy (key = hash of
/// the original and the preparation settings), so the blog's copy still maps back to the file.
/// `prepared`: uploaded by a Postwright that prepares images; entries without it were imported
/// from the blog or uploaded before, and stand for the original file as it is.
const Stored = z.object({ url: z.string(), id: z.string().nullable(), file: z.string(), at: z.string(), source: z.string().optional(), prepared: z.boolean().optional() });
const MapFile = z.object({
  version: z.literal(1),
  assets: z.record(z.string(), Stored),
  /// Uploads started but not confirmed: the next attempt looks for them before uploading again.
  uploading: z.record(z.string(), z.string()).default({}),
});
type MapFile = z.infer<typeof MapFile>;

export class AssetMap {
  private data: MapFile | null = null;

  constructor(private readonly file: string) {}

  static forTarget(libraryRoot: string, target: string): AssetMap {
    return new AssetMap(resolveInside(libraryRoot, '.postwright', 'targets', target, 'assets.json'));
  }

  async get(hash: string): Promise<RemoteAsset | null> {
    const entry = (await this.load()).assets[hash];
    return entry ? { url: entry.url, id: entry.id } : null;
  }

  /// The copy of a file as it is that is already on the blog (imported from it, or uploaded before
  /// images were prepared): an image of an imported post stays where it is.
  async unprepared(hash: string): Promise<RemoteAsset | null> {
    const entry = (await this.load()).assets[hash];
    return entry && !entry.prepared ? { url: entry.url, id: entry.id } : null;
  }

  async wasUploading(hash: string): Promise<boolean> {
    return hash in (await this.load()).uploading;
  }

  async startUpload(asset: LocalAsset, at: string): Promise<void> {
    (await this.load()).uploading[asset.hash] = at;
    await this.save();
  }

  /// `source`: set by the publish pipeline (the original's hash) for every upload it makes.
  async uploaded(asset: LocalAsset, remote: RemoteAsset, at: string, source?: string): Promise<void> {
    const data = await this.load();
    const prepared = source === undefined ? {} : source === asset.hash ? { prepared: true } : { source, prepared: true };
    data.assets[asset.hash] = { url: remote.url, id: remote.id, file: asset.file, at, ...prepared };
    delete data.uploading[asset.hash];
    await this.save();
  }

  /// Copies what this map knows into `other`, keeping what `other` knows already: a blog that
  /// switches image hosts keeps the images it published where they are.
  async copyInto(other: AssetMap): Promise<void> {
    const mine = (await this.load()).assets;
    const theirs = await other.load();
    theirs.assets = { ...mine, ...theirs.assets };
    await other.save();
  }

  /// The blog no longer has it (deleted from its media library): the next publish uploads it again.
  async forget(hash: string): Promise<void> {
    const data = await this.load();
    if (!(hash in data.assets)) return;
    delete data.assets[hash];
    await this.save();
  }

  /// url -> hash of the local file, to map a remote post's images back to the post's own files.
  async byUrl(): Promise<Map<string, string>> {
    return new Map(Object.entries((await this.load()).assets).map(([hash, entry]) => [entry.url, entry.source ?? hash]));
  }

  private async load(): Promise<MapFile> {
    if (this.data) return this.data;
    const text = await fs.readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    const parsed = text === null ? null : MapFile.safeParse(safeJson(text));
    // An unreadable map only costs uploads; it must not stop publishing.
    this.data = parsed?.success ? parsed.data : { version: 1, assets: {}, uploading: {} };
    return this.data;
  }

  private async save(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
