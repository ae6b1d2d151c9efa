// Readability of a long post is read in slices while the page is idle (stats/readability-cache.ts
// and renderer/idle.ts): a key pressed meanwhile waits for one slice, not for the whole post,
// and the figure comes out as if the post had been read at once. Tier 1: no DOM.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readingEase, addCounts, countProse, proseParagraphs, type ProseCounts } from '../../../shared/readability';
import { inIdleSlices } from '../../../renderer/idle';
import { ReadabilityCache } from '../../../renderer/src/stats/readability-cache';

const post = Array.from({ length: 120 }, (_, i) =>
  i % 10 === 0 ? `## Pool ${i}\n\n\`\`\`js\nconst crabs = ${i};\n\`\`\`` : `The anemones at pool ${i} closed slowly as the tide went out. We counted ${i} crabs before noon.`,
).join('\n\n');

function wholeReading(body: string) {
  let total: ProseCounts = { words: 0, sentences: 0, syllables: 0 };
  for (const paragraph of proseParagraphs(body)) total = addCounts(total, countProse(paragraph));
  return readingEase(total, 'en');
}

describe('reading a long post for readability while idle', () => {
  it('counts a few paragraphs per slice and ends with the figure of a whole reading', () => {
    const cache = new ReadabilityCache();
    let slices = 0;
    // Each slice has time for ten paragraphs.
    const slice = () => {
      slices++;
      let left = 10;
      return cache.warm(post, () => left-- > 0);
    };
    while (!slice()) expect(slices).toBeLessThan(100);
    expect(slices).toBe(Math.ceil(proseParagraphs(post).length / 10));
    expect(cache.of(post, 'en')).toEqual(wholeReading(post));
    // An edit: the next reading counts only what changed, and again matches a whole reading.
    const edited = post.replace('pool 57 closed slowly', 'pool 57 shut all at once');
    expect(cache.warm(edited, () => true)).toBe(true);
    expect(cache.of(edited, 'en')).toEqual(wholeReading(edited));
  });

  describe('inIdleSlices', () => {
    beforeEach(() => void vi.useFakeTimers());
    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });

    it('runs one slice per idle moment until the work says it is done, and stops when cancelled', () => {
      const idle: ((deadline: IdleDeadline) => void)[] = [];
      vi.stubGlobal('requestIdleCallback', (run: (deadline: IdleDeadline) => void) => idle.push(run));
      vi.stubGlobal('cancelIdleCallback', () => idle.splice(0));
      let remaining = 5;
      const seen: boolean[] = [];
      inIdleSlices((more) => {
        seen.push(more());
        remaining--;
        return remaining === 0;
      }, 1000);
      const deadline = (ms: number) => ({ didTimeout: false, timeRemaining: () => ms }) as IdleDeadline;
      for (let i = 0; i < 5; i++) idle.shift()!(deadline(i === 2 ? 0 : 10));
      expect(idle).toHaveLength(0);
      expect(seen).toEqual([true, true, false, true, true]);

      let runs = 0;
      const cancel = inIdleSlices(() => (runs++, false), 1000);
      idle.shift()!(deadline(10));
      cancel();
      expect(idle).toHaveLength(0);
      expect(runs).toBe(1);
    });

    it('waits for an idle moment to begin, then goes on in tasks of its own where the browser can post them, one slice each', () => {
      const idle: ((deadline: IdleDeadline) => void)[] = [];
      vi.stubGlobal('requestIdleCallback', (run: (deadline: IdleDeadline) => void) => idle.push(run));
      const background: { run: () => void; signal: AbortSignal }[] = [];
      vi.stubGlobal('scheduler', {
        postTask: (run: () => void, options: { priority: string; signal: AbortSignal }) => {
          expect(options.priority).toBe('user-visible');
          background.push({ run, signal: options.signal });
          return new Promise(() => {});
        },
      });
      let slices = 0;
      inIdleSlices(() => ++slices === 4, 1000);
      expect(background).toHaveLength(0);
      idle.shift()!({ didTimeout: false, timeRemaining: () => 20 } as IdleDeadline);
      // Within an idle period a new idle callback would wait for the next one (50 ms later).
      while (background.length) background.shift()!.run();
      expect(slices).toBe(4);
      expect(idle).toHaveLength(0);

      const cancel = inIdleSlices(() => false, 1000);
      idle.shift()!({ didTimeout: false, timeRemaining: () => 20 } as IdleDeadline);
      expect(background).toHaveLength(1);
      cancel();
      expect(background[0]!.signal.aborted).toBe(true);
    });

    it('keeps a slice short in a long idle moment, so a key pressed in it waits a few milliseconds at most', () => {
      const idle: ((deadline: IdleDeadline) => void)[] = [];
      vi.stubGlobal('requestIdleCallback', (run: (deadline: IdleDeadline) => void) => idle.push(run));
      let now = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => now);
      // Chromium may give an idle period of up to 50 ms; each unit of work here takes 1 ms.
      const start = now;
      let units = 0;
      inIdleSlices((more) => {
        while (more()) {
          now += 1;
          units++;
        }
        return false;
      }, 1000);
      idle.shift()!({ didTimeout: false, timeRemaining: () => 50 - (now - start) } as IdleDeadline);
      expect(units).toBeGreaterThan(0);
      expect(units).toBeLessThanOrEqual(8);
    });
  });
});
