/// Per target, each post's key (the token written into the remote post so it can always be found
/// again) and the remote post it owns: `.postwright/targets/<target>/posts.json`. The key is
/// saved before the first create is sent, so a create whose answer is lost is looked for, not
/// repeated; and a copied post folder, which brings its original's front matter along, is caught.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveInside } from '../library/paths';

/// `modified`: the remote's stamp after our last write, so a remote edit is caught even when the
/// post's own record was lost (the file replaced, the front matter edited by hand).
const Entry = z.object({ key: z.string(), remoteId: z.string().nullable(), modified: z.string().nullable().default(null) });
export type KeyEntry = z.infer<typeof Entry>;
const KeysFile = z.object({ version: z.literal(1), posts: z.record(z.string(), Entry) });
type KeysFile = z.infer<typeof KeysFile>;

export class PostKeys {
  private data: KeysFile | null = null;

  constructor(private readonly file: string) {}

  static forTarget(libraryRoot: string, target: string): PostKeys {
    return new PostKeys(resolveInside(libraryRoot, '.postwright', 'targets', target, 'posts.json'));
  }

  /// The post's key, made and saved on first use (unless `persist` is false: the dry run).
  async keyFor(postId: string, persist = true): Promise<{ key: string; entry: KeyEntry | null }> {
    const data = await this.load();
    const entry = data.posts[postId];
    if (entry) return { key: entry.key, entry };
    const key = `pw-${randomBytes(10).toString('hex')}`;
    if (persist) {
      data.posts[postId] = { key, remoteId: null, modified: null };
      await this.save();
    }
    return { key, entry: null };
  }

  async setRemote(postId: string, remoteId: string, modified: string | null): Promise<void> {
    const data = await this.load();
    const entry = data.posts[postId];
    if (entry?.remoteId === remoteId && entry.modified === modified) return;
    data.posts[postId] = { key: entry?.key ?? `pw-${randomBytes(10).toString('hex')}`, remoteId, modified };
    await this.save();
  }

  /// Another post that owns this remote post, if any.
  async ownerOf(remoteId: string, except: string): Promise<string | null> {
    const posts = (await this.load()).posts;
    return Object.entries(posts).find(([id, entry]) => id !== except && entry.remoteId === remoteId)?.[0] ?? null;
  }

  private async load(): Promise<KeysFile> {
    if (this.data) return this.data;
    const text = await fs.readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    let parsed: unknown = null;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    const result = KeysFile.safeParse(parsed);
    this.data = result.success ? result.data : { version: 1, posts: {} };
    return this.data;
  }

  private async save(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
  }
}
