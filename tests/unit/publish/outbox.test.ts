/// The outbox with a hand-driven clock: backoff with jitter, Retry-After, giving up, restarts
/// and cancelling, all without waiting.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../shared/publish';
import { PublishError } from '../../../main/publish/errors';
import { Outbox, type Clock } from '../../../main/publish/outbox';

class ManualClock implements Clock {
  time = Date.parse('2025-01-01T00:00:00Z');
  randomValue = 0.5;
  private timers: Array<{ at: number; run: () => unknown; id: number }> = [];
  private nextId = 1;
  now = () => this.time;
  random = () => this.randomValue;
  setTimeout = (run: () => unknown, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  /// Moves time on, running what falls due and waiting for each attempt to finish.
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      await due.run();
    }
    this.time = until;
  }
  get pending(): number[] {
    return this.timers.map((t) => t.at - this.time);
  }
}

describe('Outbox', () => {
  let dir: string;
  let clock: ManualClock;
  let results: Array<() => Promise<{ url: string }>>;
  let runs: string[];
  let seen: OutboxEntry[];
  const make = () => {
    const outbox = new Outbox({
      dir,
      clock,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      maxAttempts: 5,
      run: async (entry) => {
        runs.push(entry.postId);
        const next = results.shift();
        if (!next) throw new PublishError('network', 'still offline');
        return next();
      },
    });
    outbox.onChange((entry) => seen.push(entry));
    return outbox;
  };
  const states = () => seen.map((e) => e.status.state);

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-outbox-')), 'outbox');
    clock = new ManualClock();
    results = [];
    runs = [];
    seen = [];
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('retries with growing, jittered delays until the publish goes through', async () => {
    const outbox = make();
    const entry = await outbox.enqueue('post', 'blog', {}, new PublishError('network', 'offline'));
    expect(entry.status).toMatchObject({ state: 'retrying', nextAt: '2025-01-01T00:00:00.750Z', reason: { kind: 'network', message: 'offline' } });
    await clock.advance(749);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual(['post']);
    // Second failure: base 2 s, half fixed and half random (0.5 here) → 1.5 s.
    expect(clock.pending).toEqual([1_500]);
    results.push(async () => ({ url: 'https://blog.test/post' }));
    await clock.advance(1_500);
    expect(states()).toEqual(['retrying', 'running', 'retrying', 'running', 'done']);
    expect(seen.at(-1)!.status).toEqual({ state: 'done', url: 'https://blog.test/post' });
    expect(outbox.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps jitter between half and all of the exponential delay, capped', () => {
    const outbox = make();
    clock.randomValue = 0;
    expect(outbox.delayFor(1)).toBe(500);
    clock.randomValue = 0.999999;
    expect(outbox.delayFor(3)).toBe(4_000);
    expect(outbox.delayFor(30)).toBe(60_000);
  });

  it('never retries before the server’s Retry-After', async () => {
    const outbox = make();
    const entry = await outbox.enqueue('post', 'blog', {}, new PublishError('rate-limited', 'slow down', { retryAfterMs: 30_000 }));
    expect(entry.status).toMatchObject({ state: 'retrying', nextAt: '2025-01-01T00:00:30.000Z', reason: { retryAfterMs: 30_000 } });
    await clock.advance(29_999);
    expect(runs).toEqual([]);
    await clock.advance(1);
    expect(runs).toEqual(['post']);
  });

  it('gives up with the reason after too many tries, or at once when retrying cannot help', async () => {
    const outbox = make();
    await outbox.enqueue('post', 'blog', {}, new PublishError('server', 'HTTP 500'));
    await clock.advance(10 * 60_000);
    expect(runs).toHaveLength(4);
    expect(seen.at(-1)!.status).toEqual({ state: 'failed', reason: { kind: 'network', message: 'still offline' } });

    results.push(async () => Promise.reject(new PublishError('auth', 'password revoked')));
    const other = await outbox.enqueue('other', 'blog', {}, new PublishError('network', 'offline'));
    await clock.advance(60_000);
    expect(outbox.list().find((e) => e.id === other.id)!.status).toEqual({ state: 'failed', reason: { kind: 'auth', message: 'password revoked' } });
    expect(clock.pending).toEqual([]);
  });

  it('carries on after a restart from what is on disk', async () => {
    const first = make();
    const entry = await first.enqueue('post', 'blog', { status: 'draft' }, new PublishError('network', 'offline'));
    first.stop();
    await clock.advance(60_000);
    expect(runs).toEqual([]);

    const second = make();
    await second.start();
    expect(second.list()).toMatchObject([{ id: entry.id, postId: 'post', options: { status: 'draft' } }]);
    results.push(async () => ({ url: 'https://blog.test/post' }));
    await clock.advance(0);
    expect(runs).toEqual(['post']);
    expect(second.list()).toEqual([]);
  });

  it('keeps one entry per post and target, and can cancel it', async () => {
    const outbox = make();
    const a = await outbox.enqueue('post', 'blog', {}, new PublishError('network', 'offline'));
    const b = await outbox.enqueue('post', 'blog', { overwrite: true }, new PublishError('network', 'offline'));
    expect(b.id).toBe(a.id);
    expect(outbox.list()).toMatchObject([{ options: { overwrite: true }, attempts: 2 }]);
    expect(await outbox.cancel(a.id)).toBe(true);
    expect(seen.at(-1)!.status).toEqual({ state: 'cancelled' });
    await clock.advance(60_000);
    expect(runs).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('forgets a waiting entry when the post was published another way', async () => {
    const outbox = make();
    await outbox.enqueue('post', 'blog', {}, new PublishError('network', 'offline'));
    await outbox.settle('post', 'blog');
    await clock.advance(60_000);
    expect(runs).toEqual([]);
    expect(outbox.list()).toEqual([]);
  });
});

describe('Outbox shared between processes (the CLI never starts the timers)', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pw-outbox-')), 'outbox');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));
  const fresh = () => new Outbox({ dir, clock: { now: () => Date.parse('2025-01-01T00:00:00Z'), setTimeout: () => 0, clearTimeout: () => undefined, random: () => 0.5 }, run: async () => ({ url: '' }) });

  it('a second offline publish of the same post to the same target replaces the first entry', async () => {
    const first = await fresh().enqueue('post', 'blog', {}, new PublishError('network', 'offline'));
    const second = await fresh().enqueue('post', 'blog', { status: 'draft' }, new PublishError('network', 'offline'));
    expect(second.id).toBe(first.id);
    expect(readdirSync(dir)).toEqual([`${first.id}.json`]);
    const reloaded = fresh();
    await reloaded.start();
    reloaded.stop();
    expect(reloaded.list()).toMatchObject([{ postId: 'post', target: 'blog', options: { status: 'draft' }, attempts: 2 }]);
  });

  it('a later successful publish removes the waiting entry another process left', async () => {
    await fresh().enqueue('post', 'blog', {}, new PublishError('network', 'offline'));
    await fresh().enqueue('other', 'blog', {}, new PublishError('network', 'offline'));
    await fresh().settle('post', 'blog');
    const reloaded = fresh();
    await reloaded.start();
    reloaded.stop();
    expect(reloaded.list().map((e) => e.postId)).toEqual(['other']);
  });
});
