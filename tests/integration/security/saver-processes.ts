/// Child processes running the real Library, for the tests of saves from several processes.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../scripts/bundle-node.mjs';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'library-saver-child.cjs');

export type SaveAnswer = { n: number; ok: true; hash: string } | { n: number; ok: false; code: string; message: string };

export function bundleLibrary(outfile: string): Promise<string> {
  return bundleForNode(["export { Library } from './main/library/library';"], outfile);
}

export class Saver {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  private lines: string[] = [];
  private waiting: Array<() => void> = [];
  private next = 0;

  constructor(bundle: string, root: string) {
    this.child = spawn(process.execPath, [childScript, bundle, root], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    let pending = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop()!;
      this.lines.push(...parts);
      for (const wake of this.waiting.splice(0)) wake();
    });
    void this.exited.then(() => {
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /// Resolves with the line, or null if the process ended first.
  private async line(match: (line: string) => boolean): Promise<string | null> {
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  async ready(): Promise<void> {
    if ((await this.line((l) => l === 'ready')) === null) throw new Error('the saver process ended before it was ready');
  }

  /// Sends a save; the promise gives its answer, or null when the process was killed first.
  save(id: string, text: string, base: string | null): Promise<SaveAnswer | null> {
    const n = this.next++;
    this.child.stdin!.write(`${JSON.stringify({ n, id, text, base })}\n`);
    return this.line((l) => l.startsWith(`{"n":${n},`)).then((l) => (l === null ? null : (JSON.parse(l) as SaveAnswer)));
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await this.exited;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
