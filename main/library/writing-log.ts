/// Words written today, per library: for each post, the word count it had when the day began
/// (or when it was first seen that day) and the latest one. Today's figure is the net change
/// summed over posts, so deleting a paragraph counts against it, as a writer would count.
/// Kept in `.postwright/writing-log.json`, so it survives a restart and travels with the library.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';

export const WRITING_LOG = path.join('.postwright', 'writing-log.json');

const Entry = z.object({ start: z.number().int().min(0), now: z.number().int().min(0) });
const LogFile = z.object({
  /// The local day (YYYY-MM-DD) the entries belong to.
  day: z.string(),
  posts: z.record(z.string(), Entry),
  /// The last count seen of each post on an earlier day: tomorrow's starting point.
  last: z.record(z.string(), z.number().int().min(0)).default({}),
});
type LogFile = z.infer<typeof LogFile>;

export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export class WritingLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /// Net words added today across the library's posts.
  async today(): Promise<number> {
    return total(await this.read());
  }

  /// Records a post's current word count; returns today's total. Calls are queued so two
  /// quick records cannot lose each other's entry.
  record(postId: string, words: number): Promise<number> {
    const run = this.queue.then(async () => {
      const log = await this.read();
      const entry = log.posts[postId];
      if (entry) entry.now = words;
      else log.posts[postId] = { start: log.last[postId] ?? words, now: words };
      await fs.mkdir(path.join(this.root, '.postwright'), { recursive: true });
      await writeFileAtomic(path.join(this.root, WRITING_LOG), JSON.stringify(log, null, 1), { root: this.root });
      return total(log);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<LogFile> {
    const day = localDay(this.now());
    let log: LogFile;
    try {
      log = LogFile.parse(JSON.parse(await fs.readFile(path.join(this.root, WRITING_LOG), 'utf8')));
    } catch {
      return { day, posts: {}, last: {} };
    }
    if (log.day === day) return log;
    // A new day: yesterday's latest counts become today's starting points.
    const last = { ...log.last };
    for (const [id, entry] of Object.entries(log.posts)) last[id] = entry.now;
    return { day, posts: {}, last };
  }
}

function total(log: LogFile): number {
  return Object.values(log.posts).reduce((sum, entry) => sum + (entry.now - entry.start), 0);
}
