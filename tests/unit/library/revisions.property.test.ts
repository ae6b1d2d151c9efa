import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVISION_POLICY, revisionsToPrune, type Revision, type RevisionReason } from '../../../main/library/revisions';

const DAY = 24 * 3_600_000;
const NOW = new Date(Date.UTC(2026, 10, 25, 12, 0, 0));

const revisionsArb = fc
  .uniqueArray(
    fc.record({
      ageMs: fc.oneof(fc.integer({ min: -DAY, max: 2 * DAY }), fc.integer({ min: 0, max: 400 * DAY })),
      reason: fc.constantFrom<RevisionReason>('save', 'save', 'save', 'publish', 'restore', 'outside-edit'),
    }),
    { selector: (r) => r.ageMs, maxLength: 120 },
  )
  .map((items) =>
    items.map(({ ageMs, reason }): Revision => {
      const at = new Date(NOW.getTime() - ageMs).toISOString();
      return { id: `${at.replace(/[-:.]/g, '')}-${reason}`, postId: 'p', at, reason, bytes: 1, hash: 'h' };
    }),
  );

const policyArb = fc.record({
  maxPerPost: fc.integer({ min: 1, max: 60 }),
  keepAllForMs: fc.constantFrom(DEFAULT_REVISION_POLICY.keepAllForMs, 0, 3_600_000),
  dailyForMs: fc.constantFrom(DEFAULT_REVISION_POLICY.dailyForMs, 2 * DAY, 90 * DAY),
});

const newest = (revisions: Revision[]) => [...revisions].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];

describe('revisionsToPrune', () => {
  it('never deletes the newest revision or a publish revision', () => {
    fc.assert(
      fc.property(revisionsArb, policyArb, (revisions, policy) => {
        const dropped = revisionsToPrune(revisions, NOW, policy);
        if (revisions.length > 0) expect(dropped).not.toContain(newest(revisions));
        expect(dropped.filter((r) => r.reason === 'publish')).toEqual([]);
        for (const r of dropped) expect(revisions).toContain(r);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps at most maxPerPost, unless publish revisions alone are more', () => {
    fc.assert(
      fc.property(revisionsArb, policyArb, (revisions, policy) => {
        const kept = revisions.length - revisionsToPrune(revisions, NOW, policy).length;
        const publishes = revisions.filter((r) => r.reason === 'publish').length;
        const newestIsPublish = newest(revisions)?.reason === 'publish';
        const floor = publishes + (revisions.length > 0 && !newestIsPublish ? 1 : 0);
        expect(kept).toBeLessThanOrEqual(Math.max(policy.maxPerPost, floor));
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent: pruning what it kept deletes nothing more', () => {
    fc.assert(
      fc.property(revisionsArb, policyArb, (revisions, policy) => {
        const dropped = new Set(revisionsToPrune(revisions, NOW, policy));
        const kept = revisions.filter((r) => !dropped.has(r));
        expect(revisionsToPrune(kept, NOW, policy)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the last 24 h whole and one revision a day up to 30 days when under the cap', () => {
    fc.assert(
      fc.property(revisionsArb, (revisions) => {
        const dropped = new Set(revisionsToPrune(revisions, NOW, { maxPerPost: 10_000 }));
        const age = (r: Revision) => NOW.getTime() - Date.parse(r.at);
        for (const r of revisions) if (age(r) < DAY) expect(dropped.has(r)).toBe(false);
        const kept = revisions.filter((r) => !dropped.has(r));
        const days = new Map<string, number>();
        for (const r of kept) {
          if (age(r) < DAY || age(r) >= 30 * DAY || r.reason === 'publish') continue;
          const day = r.at.slice(0, 10);
          days.set(day, (days.get(day) ?? 0) + 1);
        }
        for (const count of days.values()) expect(count).toBeLessThanOrEqual(1);
        // Every day that had revisions in the daily range still has one (or a publish).
        for (const r of revisions) {
          if (age(r) < DAY || age(r) >= 30 * DAY) continue;
          expect(kept.some((k) => k.at.slice(0, 10) === r.at.slice(0, 10) && age(k) >= DAY)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
