// The open post while the writer types: what a keystroke costs the session, and when the
// preview and the counts hear of it. Tier 1: no DOM, a small in-memory studio.
import { ChangeSet, Text } from '@codemirror/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError, type Studio } from '../../../shared/api';
import { applyEdits } from '../../../main/library/backups';
import { AUTOSAVE_DELAY_MS, DocumentSession } from '../../../renderer/src/document';
import { DocumentInfo, INFO_QUIET_MS } from '../../../renderer/src/state/document-info';
import { PreviewFeed } from '../../../renderer/src/state/preview-feed';

/// The host's side, in memory: what was saved and what was backed up (each backup's whole
/// text, and what each call carried).
function memoryStudio() {
  const saved: string[] = [];
  const backups: string[] = [];
  const sent: { kind: 'put' | 'patch'; chars: number }[] = [];
  const stored = { text: null as string | null, hash: '' };
  const keep = (text: string) => {
    stored.text = text;
    stored.hash = `b${backups.push(text)}`;
    return stored.hash;
  };
  const studio = {
    posts: { save: async ({ text }: { text: string }) => (saved.push(text), { hash: `h${saved.length}` }) },
    backups: {
      put: async ({ text }: { text: string }) => (sent.push({ kind: 'put', chars: text.length }), keep(text)),
      patch: async ({ base, edits }: { base: string; edits: [number, number, string][] }) => {
        if (stored.text === null || base !== stored.hash) throw new StudioError('conflict', 'moved on');
        sent.push({ kind: 'patch', chars: edits.reduce((n, [, , insert]) => n + insert.length, 0) });
        return keep(applyEdits(stored.text, edits));
      },
      discard: async () => void (stored.text = null),
    },
  } as unknown as Studio;
  return { studio, saved, backups, sent };
}

/// CodeMirror's document for `text`, counting how often it is copied into a string.
function editorDoc(text: string, reads: { count: number }) {
  const doc = Text.of(text.split('\n'));
  return { toString: () => (reads.count++, doc.toString()) };
}

const START = '---\ntitle: Tide pools\n---\n\nThe crab';

let frames: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/// Paints one frame, then runs the tasks queued from it.
function paintFrame() {
  const due = frames;
  frames = [];
  due.forEach((run) => run());
  vi.advanceTimersByTime(0);
}

describe('typing into the open post', () => {
  it('tells status listeners once, when the post becomes edited, and copies the text only to save it', async () => {
    const { studio, saved } = memoryStudio();
    const session = new DocumentSession(studio, 'tides', START, 'h0');
    const heard = vi.fn();
    session.subscribe(heard);
    const reads = { count: 0 };
    let text = START;
    for (const key of ' moved sideways') {
      text += key;
      session.edit(editorDoc(text, reads));
    }
    expect(heard).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot().dirty).toBe(true);
    expect(reads.count).toBe(0);

    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saved).toEqual([`${START} moved sideways`]);
    expect(reads.count).toBe(1);
    expect(session.getSnapshot().dirty).toBe(false);
    session.dispose();
  });

  it('backs up the latest text once typing leaves room for it', async () => {
    const { studio, backups } = memoryStudio();
    const session = new DocumentSession(studio, 'tides', START, 'h0');
    session.edit(`${START} moved`);
    await vi.advanceTimersByTimeAsync(500);
    session.edit(`${START} moved sideways`);
    await vi.advanceTimersByTimeAsync(600);
    expect(backups).toEqual([`${START} moved sideways`]);
    session.dispose();
  });
});

describe('hot-exit backups while typing in a long post', () => {
  /// Types `keys` one every 300 ms (autosave waits for a longer pause), at `at` and on.
  async function typeSlowly(session: DocumentSession, state: { doc: Text; states: string[] }, keys: string, at: number) {
    for (const key of keys) {
      const changes = ChangeSet.of({ from: at, insert: key }, state.doc.length);
      state.doc = changes.apply(state.doc);
      state.states.push(state.doc.toString());
      session.edit(state.doc, changes);
      at += key.length;
      await vi.advanceTimersByTimeAsync(300);
    }
  }

  it('send the whole text once, then only the keys typed since, each backup a text the writer had', async () => {
    const { studio, backups, sent } = memoryStudio();
    const long = `${START}\n\n${'The tide pool was quiet that morning. '.repeat(2000)}`;
    const session = new DocumentSession(studio, 'tides', long, 'h0');
    const state = { doc: Text.of(long.split('\n')), states: [] as string[] };
    await typeSlowly(session, state, ' Crabs moved', 200);
    await typeSlowly(session, state, '\nsideways', 40_000);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    // The first backup is the whole post; the next ones carry only the keys typed since.
    expect(sent[0]!.kind).toBe('put');
    expect(sent[0]!.chars).toBeGreaterThan(long.length);
    expect(sent.slice(1).every((call) => call.kind === 'patch' && call.chars <= 4)).toBe(true);
    for (const text of backups) expect(state.states).toContain(text);
    session.dispose();
  });

  it('sends the whole text again when the backup moved on (saved and discarded meanwhile)', async () => {
    const { studio, backups, sent } = memoryStudio();
    const session = new DocumentSession(studio, 'tides', START, 'h0');
    const state = { doc: Text.of(START.split('\n')), states: [] as string[] };
    await typeSlowly(session, state, 'abcd', START.length);
    expect(sent.map((call) => call.kind)).toEqual(['put']);
    await studio.backups.discard('tides');
    await typeSlowly(session, state, 'efgh', START.length + 4);
    expect(sent.map((call) => call.kind)).toEqual(['put', 'put']);
    expect(state.states).toContain(backups.at(-1));
    session.dispose();
  });
});

describe('the preview feed', () => {
  it('hands the preview one text per frame, the latest, in the frame after the one that paints the keys', () => {
    const session = new DocumentSession(memoryStudio().studio, 'tides', START, 'h0');
    const feed = new PreviewFeed(session);
    const shown: string[] = [];
    feed.subscribe(() => shown.push(feed.getSnapshot().text));
    const reads = { count: 0 };
    session.edit(editorDoc(`${START} m`, reads));
    session.edit(editorDoc(`${START} mo`, reads));
    session.edit(editorDoc(`${START} mov`, reads));
    expect(shown).toEqual([]);
    expect(reads.count).toBe(0);
    // The keys' own frame paints the editor: the preview has not been touched in it.
    paintFrame();
    expect(shown).toEqual([]);
    expect(reads.count).toBe(0);
    // The next frame's callbacks change the preview before that frame is laid out and painted.
    paintFrame();
    expect(shown).toEqual([`${START} mov`]);
    expect(reads.count).toBe(1);
    paintFrame();
    expect(shown).toHaveLength(1);
    session.dispose();
    feed.dispose();
  });

  it('hands over the editor’s document with its changes merged per frame, never the whole text as a string', () => {
    const session = new DocumentSession(memoryStudio().studio, 'tides', START, 'h0');
    const feed = new PreviewFeed(session);
    feed.subscribe(() => undefined);
    const first = feed.getSnapshot();
    const toString = vi.spyOn(Text.prototype, 'toString');
    let doc = first.doc;
    for (const key of ['a', 'b', 'c']) {
      const changes = ChangeSet.of({ from: doc.length, insert: key }, doc.length);
      doc = changes.apply(doc);
      session.edit(doc, changes);
    }
    paintFrame();
    paintFrame();
    const fed = feed.getSnapshot();
    expect(fed.doc).toBe(doc);
    expect(toString).not.toHaveBeenCalled();
    toString.mockRestore();
    expect(fed.changesSince(first)?.apply(first.doc).toString()).toBe(`${START}abc`);
    session.dispose();
    feed.dispose();
  });

  it('reads nothing while no preview shows, and catches up when one does', async () => {
    const session = new DocumentSession(memoryStudio().studio, 'tides', START, 'h0');
    const feed = new PreviewFeed(session);
    const reads = { count: 0 };
    session.edit(editorDoc(`${START} moved`, reads));
    paintFrame();
    expect(reads.count).toBe(0);
    expect(feed.getSnapshot().text).toBe(START);
    const heard = vi.fn();
    feed.subscribe(heard);
    expect(feed.getSnapshot().text).toBe(`${START} moved`);
    await Promise.resolve();
    expect(heard).toHaveBeenCalled();
    session.dispose();
    feed.dispose();
  });

  it('shows a newly opened post after the frame that shows it in the editor, keeping the last one till then', () => {
    const studio = memoryStudio().studio;
    const before = new PreviewFeed(new DocumentSession(studio, 'tides', START, 'h0'));
    const session = new DocumentSession(studio, 'crabs', '# Crabs', 'h1');
    const feed = new PreviewFeed(session, before.getSnapshot());
    const heard = vi.fn();
    feed.subscribe(heard);
    expect(shownText(feed)).toEqual({ id: 'tides', text: START });
    paintFrame();
    expect(shownText(feed)).toEqual({ id: 'tides', text: START });
    paintFrame();
    expect(shownText(feed)).toEqual({ id: 'crabs', text: '# Crabs' });
    expect(heard).toHaveBeenCalledTimes(1);
    feed.dispose();
  });
});

describe('titles and counts', () => {
  it('catch up once typing pauses, and are told only when they change', () => {
    const session = new DocumentSession(memoryStudio().studio, 'tides', START, 'h0');
    const info = new DocumentInfo(session);
    expect(info.facts.get()).toMatchObject({ title: 'Tide pools', stats: { words: 2 } });
    const heard = vi.fn();
    info.facts.subscribe(heard);
    session.edit(`${START} moved`);
    vi.advanceTimersByTime(INFO_QUIET_MS / 2);
    session.edit(`${START} moved sideways`);
    expect(info.facts.get().stats.words).toBe(2);
    vi.advanceTimersByTime(INFO_QUIET_MS + 1000);
    expect(info.facts.get()).toMatchObject({ title: 'Tide pools', stats: { words: 4 } });
    expect(heard).toHaveBeenCalledTimes(1);
    // A change that leaves title and counts as they were is not news.
    session.edit(`${START} moved sideways`.replace('crab', 'Crab'));
    vi.advanceTimersByTime(INFO_QUIET_MS + 1000);
    expect(heard).toHaveBeenCalledTimes(1);
    info.dispose();
    session.dispose();
  });
});

describe('an outside edit while the writer types', () => {
  it('never replaces keys typed while the new text was being read: it becomes a conflict', async () => {
    let answer: (post: { text: string; hash: string }) => void = () => undefined;
    const studio = {
      posts: { get: () => new Promise((resolve) => (answer = resolve)), save: async () => ({ hash: 'h' }) },
      backups: { put: async () => undefined, discard: async () => undefined },
    } as unknown as Studio;
    const session = new DocumentSession(studio, 'tide-pools', START, 'base');
    const reload = session.outsideChange('theirs');
    await Promise.resolve();
    session.edit(`${START} scuttled`);
    answer({ text: `${START} (edited elsewhere)`, hash: 'theirs' });
    expect(await reload).toBe('conflict');
    expect(session.currentText()).toBe(`${START} scuttled`);
    session.dispose();
  });
});

function shownText(feed: PreviewFeed): { id: string; text: string } {
  const fed = feed.getSnapshot();
  return { id: fed.id, text: fed.text };
}
