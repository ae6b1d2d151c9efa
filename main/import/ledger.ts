/// What an import has done, per source: `.postwright/imports/<source>.json`, remote id -> the
/// post it became, the remote version it was made from and the hash of the text written. It
/// makes a repeated run fast and a cancelled one resume; the posts' front matter stays the
/// truth, so a lost ledger costs a scan of the library, not duplicates.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

const Entry = z.object({
  postId: z.string(),
  /// versionOf() the remote post when it was last brought in ('' when adopted without knowing).
  version: z.string(),
  /// Hash of the post's text as the import wrote it: another hash now means it was edited here.
  hash: z.string(),
  remoteModified: z.string().nullable(),
  at: z.string(),
});
export type LedgerEntry = z.infer<typeof Entry>;
const LedgerFile = z.object({ version: z.literal(1), source: z.string(), posts: z.record(z.string(), Entry) });
type LedgerFile = z.infer<typeof LedgerFile>;

export class ImportLedger {
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly data: LedgerFile,
  ) {}

  static async open(dir: string, sourceId: string, label: string): Promise<ImportLedger> {
    if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(sourceId)) throw new Error(`“${sourceId}” cannot name an import ledger.`);
    const file = path.join(dir, `${sourceId}.json`);
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    let parsed: unknown = null;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    const result = LedgerFile.safeParse(parsed);
    return new ImportLedger(file, result.success ? result.data : { version: 1, source: label, posts: {} });
  }

  get(remoteId: string): LedgerEntry | null {
    return Object.hasOwn(this.data.posts, remoteId) ? this.data.posts[remoteId]! : null;
  }

  set(remoteId: string, entry: LedgerEntry): void {
    Object.defineProperty(this.data.posts, remoteId, { value: entry, enumerable: true, writable: true, configurable: true });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
    this.dirty = false;
  }
}
