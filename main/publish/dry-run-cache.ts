/// The last dry runs, so the Publish dialog, opened again on a post that has not changed, lists
/// its images at once instead of preparing every image again. An entry holds while everything
/// the dry run read is as it was: the post's text, its folder's files (an image replaced under
/// the same name), every target's settings, and what the target and its image host remember
/// (a publish from any process rewrites those files).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PublishOptions, PublishResult } from '../../shared/publish';

const KEEP = 20;
/// A folder holding more than this many files is not signed, and not cached.
const MAX_FILES = 2000;

export interface DryRunInputs {
  postId: string;
  target: string;
  options: PublishOptions;
  text: string;
  /// Every target's settings: the target, its image host, and the blogs it links to.
  settings: unknown;
  postDir: string;
  /// Folders whose files say what the targets remember (asset maps, post keys).
  stateDirs: string[];
}

export class DryRunCache {
  private readonly entries = new Map<string, { signature: string; result: PublishResult }>();

  /// The dry run's result, from the cache when nothing it read has changed since.
  async get(inputs: DryRunInputs, run: () => Promise<PublishResult>): Promise<PublishResult> {
    const key = JSON.stringify([inputs.postId, inputs.target, inputs.options]);
    const signature = await signatureOf(inputs);
    const known = this.entries.get(key);
    if (signature !== null && known?.signature === signature) return known.result;
    const result = await run();
    this.entries.delete(key);
    // Signed again after the run: something changed during it means it is not kept.
    if (signature !== null && signature === (await signatureOf(inputs))) this.entries.set(key, { signature, result });
    while (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value!);
    return result;
  }

  clear(): void {
    this.entries.clear();
  }
}

async function signatureOf(inputs: DryRunInputs): Promise<string | null> {
  const hash = createHash('sha256').update(inputs.text).update('\0').update(JSON.stringify(inputs.settings));
  for (const dir of [inputs.postDir, ...inputs.stateDirs]) {
    const files = await filesIn(dir);
    if (files === null) return null;
    hash.update(`\0${dir}\0${files.join('\n')}`);
  }
  return hash.digest('hex');
}

/// Each file under `dir` as path, size and modification time; [] for a folder not there, null
/// for one too large to sign.
async function filesIn(dir: string): Promise<string[] | null> {
  const out: string[] = [];
  const folders = [dir];
  for (let seen = 0; folders.length > 0; ) {
    const folder = folders.pop()!;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    seen += entries.length;
    if (seen > MAX_FILES) return null;
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(file);
      if (!entry.isFile()) continue;
      const stat = await fs.stat(file).catch(() => null);
      if (stat) out.push(`${path.relative(dir, file)}\0${stat.size}\0${stat.mtimeMs}`);
    }
  }
  return out.sort();
}
