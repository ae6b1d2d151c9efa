/// The libraries opened lately, newest first, for the library menu.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './fs/atomic-write';

const MAX_RECENT = 10;

export class RecentLibraries {
  constructor(private readonly file: string) {}

  async list(): Promise<string[]> {
    try {
      return z.array(z.string()).parse(JSON.parse(await fs.readFile(this.file, 'utf8')));
    } catch {
      return [];
    }
  }

  async add(root: string): Promise<void> {
    const list = [root, ...(await this.list()).filter((item) => item !== root)].slice(0, MAX_RECENT);
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(list, null, 2));
  }
}
