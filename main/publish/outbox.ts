/// Publishes that could not reach their target (offline, a server error, "slow down") wait here,
/// one file each in the library's `.postwright/outbox/`, and are tried again with exponential
/// backoff and jitter, never sooner than the server's Retry-After. A new Outbox over the same
/// folder (after a restart) carries on. The clock and timers are injected so tests need no waiting.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OutboxEntry, type PublishFailure, type PublishOptions } from '../../shared/publish';
import { writeFileAtomic } from '../fs/atomic-write';
import { asPublishError, isRetryable, type PublishError } from './errors';

export interface Clock {
  now(): number;
  /// `run` returns the attempt's promise, so a test clock can wait for it to finish.
  setTimeout(run: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(() => void run(), ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: () => Math.random(),
};

export interface OutboxOptions {
  dir: string;
  /// Publishes the entry's post again; throws a PublishError when it fails.
  run(entry: OutboxEntry): Promise<{ url: string }>;
  clock?: Clock;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
}

export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly timers = new Map<string, unknown>();
  private readonly listeners = new Set<(entry: OutboxEntry) => void>();
  private readonly clock: Clock;
  private stopped = false;
  private started = false;

  constructor(private readonly options: OutboxOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /// Loads what an earlier run left and schedules it.
  async start(): Promise<void> {
    this.started = true;
    await this.refresh();
  }

  /// Reads entries written by an earlier run or by another process (the CLI next to the app)
  /// that this one has not seen; a started outbox schedules them.
  async refresh(): Promise<void> {
    const names = await fs.readdir(this.options.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      if (this.entries.has(name.slice(0, -'.json'.length))) continue;
      const text = await fs.readFile(path.join(this.options.dir, name), 'utf8').catch(() => null);
      const parsed = text === null ? null : OutboxEntry.safeParse(safeJson(text));
      if (!parsed?.success) continue;
      const entry = parsed.data;
      this.entries.set(entry.id, entry);
      if (!this.started) continue;
      const status = entry.status;
      if (status.state === 'retrying') this.schedule(entry.id, Date.parse(status.nextAt) - this.clock.now());
      else if (status.state === 'queued' || status.state === 'running') this.schedule(entry.id, 0);
    }
  }

  onChange(listener: (entry: OutboxEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /// Queues a publish that failed with `error` on its first try. One entry per post and
  /// target: a newer publish of the same post replaces the waiting one.
  /// Reads the folder first: the entry may have been written by another process.
  async enqueue(postId: string, target: string, options: PublishOptions, error: PublishError): Promise<OutboxEntry> {
    await this.refresh();
    const existing = this.list().find((e) => e.postId === postId && e.target === target);
    const entry: OutboxEntry = existing
      ? { ...existing, options, attempts: existing.attempts + 1 }
      : { id: newId(this.clock.now()), postId, target, options, createdAt: new Date(this.clock.now()).toISOString(), attempts: 1, status: { state: 'queued' } };
    await this.failed(entry, error);
    return this.entries.get(entry.id) ?? entry;
  }

  async cancel(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    await this.forget(entry, { state: 'cancelled' });
    return true;
  }

  /// Drops the waiting entry for a post and target: it was just published another way.
  async settle(postId: string, target: string): Promise<void> {
    await this.refresh();
    for (const entry of this.list()) if (entry.postId === postId && entry.target === target && entry.status.state !== 'running') await this.forget(entry, null);
  }

  /// Tries the entry at once and waits for that attempt (the CLI's `outbox run`); returns how
  /// it ended, or null when there is no such entry or another process is running it.
  async runNow(id: string): Promise<OutboxEntry['status'] | null> {
    await this.refresh();
    let last: OutboxEntry['status'] | null = null;
    const stop = this.onChange((entry) => {
      if (entry.id === id) last = entry.status;
    });
    try {
      await this.attempt(id);
    } finally {
      stop();
    }
    return last;
  }

  retryNow(id: string): void {
    if (this.entries.has(id)) this.schedule(id, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  /// Exponential with "equal jitter" (half fixed, half random), so many clients coming back
  /// online do not all retry in the same second; never before Retry-After.
  delayFor(attempts: number, retryAfterMs?: number): number {
    const base = this.options.baseDelayMs ?? 2_000;
    const max = this.options.maxDelayMs ?? 15 * 60_000;
    const exp = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
    const jittered = exp / 2 + this.clock.random() * (exp / 2);
    return Math.max(Math.round(jittered), retryAfterMs ?? 0);
  }

  private schedule(id: string, ms: number): void {
    if (this.stopped) return;
    const old = this.timers.get(id);
    if (old !== undefined) this.clock.clearTimeout(old);
    this.timers.set(id, this.clock.setTimeout(() => this.attempt(id), Math.max(0, ms)));
  }

  private async attempt(id: string): Promise<void> {
    this.timers.delete(id);
    const entry = this.entries.get(id);
    if (!entry || entry.status.state === 'running' || this.stopped) return;
    await this.put({ ...entry, status: { state: 'running' } });
    try {
      const { url } = await this.options.run(entry);
      await this.forget(this.entries.get(id) ?? entry, { state: 'done', url });
    } catch (error) {
      const current = this.entries.get(id);
      if (!current) return; // cancelled while it ran
      await this.failed({ ...current, attempts: current.attempts + 1 }, asPublishError(error, entry.target));
    }
  }

  private async failed(entry: OutboxEntry, error: PublishError): Promise<void> {
    // The conflict's remote text is for the dialog, not for the queue file.
    const reason: PublishFailure = { kind: error.kind, message: error.message };
    if (error.retryAfterMs !== undefined) reason.retryAfterMs = error.retryAfterMs;
    const maxAttempts = this.options.maxAttempts ?? 20;
    if (!isRetryable(error.kind) || entry.attempts >= maxAttempts) {
      await this.put({ ...entry, status: { state: 'failed', reason } });
      return;
    }
    const delay = this.delayFor(entry.attempts, error.retryAfterMs);
    await this.put({ ...entry, status: { state: 'retrying', nextAt: new Date(this.clock.now() + delay).toISOString(), reason } });
    this.schedule(entry.id, delay);
  }

  private async put(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.id, entry);
    await fs.mkdir(this.options.dir, { recursive: true });
    await writeFileAtomic(this.file(entry.id), JSON.stringify(entry, null, 2) + '\n');
    this.emit(entry);
  }

  private async forget(entry: OutboxEntry, status: OutboxEntry['status'] | null): Promise<void> {
    this.entries.delete(entry.id);
    const timer = this.timers.get(entry.id);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(entry.id);
    await fs.rm(this.file(entry.id), { force: true });
    if (status) this.emit({ ...entry, status });
  }

  private emit(entry: OutboxEntry): void {
    for (const listener of this.listeners) listener(entry);
  }

  private file(id: string): string {
    return path.join(this.options.dir, `${id}.json`);
  }
}

function newId(now: number): string {
  return `${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
