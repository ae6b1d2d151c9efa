// Keystroke timings in real Chromium, through the browser host: for each post, type into the
// marker paragraph one key at a time and time each key from its keydown to the frame that
// shows it in the editor, and to the frame that shows it in the preview. The same keys are
// then typed into the bare editor (bare-editor.mjs) on a page of its own, as the baseline,
// in rounds: each round loads both pages anew and types into a copy of the post of its own
// (`post.copies[round]`, as typed keys are saved into the post).
// Also: the time to open the post (editable editor, then preview), long tasks while typing,
// and the renderer's memory. Every wait is bounded. PW_BENCH_TRACE=<path prefix> also writes
// each typing trace to <prefix>-<time>.json, to look at in Chromium's performance panel.
import { chromium } from '@playwright/test';
import { openBareEditor } from './bare-editor.mjs';
import { MARKER, MARKER_LINE } from './post.mjs';

const TYPED = 'and the light moved ';
const KEY_TIMEOUT_MS = 5_000;
const POST_BUDGET_MS = 120_000;
const PREVIEW = '[data-testid="article-body"]';
// The article lives in the preview's sandboxed frame (same origin, no scripts of its own).
const PREVIEW_FRAME = '[data-testid="preview-frame"]';

/// Runs in the page. A sample starts at the event's timeStamp. Which frame first shows a target
/// is decided in a ResizeObserver callback, which the browser runs in every frame after all
/// animation-frame callbacks and layout, just before painting: a change made by any of that
/// frame's callbacks counts for that frame. The target's time is taken in the task after that
/// frame (tasks the page queues meanwhile can make it later than the paint; the editor's time
/// in the report is Chromium's own Event Timing instead, see eventTimingFromTrace).
function installProbe({ keyTimeoutMs, preview, frame }) {
  const previewDoc = () => (frame && document.querySelector(frame)?.contentDocument) || document;
  const longTasks = [];
  try {
    new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask' });
  } catch {
    // No Long Tasks API: the count stays empty.
  }
  let sample = null;
  const observer = new MutationObserver((records) => {
    if (!sample || sample.t0 === null) return;
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (node?.closest('.cm-content')) sample.editorChanged = true;
      if (preview && node?.closest(preview)) sample.previewChanged = true;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  if (preview && previewDoc() !== document) observer.observe(previewDoc(), { childList: true, subtree: true, characterData: true });
  // A one-pixel box whose width the probe flips in each frame, so the ResizeObserver runs in each.
  const tick = document.createElement('div');
  tick.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;opacity:0';
  document.body.append(tick);
  new ResizeObserver(() => {
    const s = sample;
    if (!s || s.t0 === null) return;
    for (const watcher of [...s.watchers]) {
      if (!watcher.ready()) continue;
      s.watchers.delete(watcher);
      s.frames[watcher.target] = s.frameCount;
      setTimeout(() => s.finish(watcher.target, performance.now() - s.t0), 0);
    }
  }).observe(tick);
  const watch = (s, target, ready) => {
    s.watchers.add({ target, ready });
    if (s.watchers.size > 1) return;
    const frame = () => {
      if (sample !== s || s.watchers.size === 0) return;
      s.frameCount++;
      s.frameAt ??= performance.now() - s.t0;
      tick.style.width = tick.style.width === '2px' ? '1px' : '2px';
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  const start = (event) => {
    const s = sample;
    if (!s || s.t0 !== null || event.type !== s.on) return;
    s.t0 = event.timeStamp;
    s.handlerAt = performance.now() - s.t0;
    watch(s, 'editor', s.editorReady);
    if (s.waitPreview) watch(s, 'preview', s.previewReady);
  };
  window.addEventListener('keydown', start, true);
  window.addEventListener('click', start, true);
  const text = (selector, doc = document) => doc.querySelector(selector)?.textContent ?? '';
  // CodeMirror's view of the editor (its DOM keeps a reference); its document's length.
  const editorLength = () => document.querySelector('.cm-content')?.cmTile?.root?.view?.state.doc.length ?? -1;
  window.__bench = {
    /// kind 'key': ready when the editor's / preview's DOM changed; 'open': when they show `title`.
    /// `withPreview` false: only the editor is waited for (the Write layout hides the preview).
    arm(kind, title, withPreview = true, length = null) {
      const waitPreview = preview && withPreview;
      let resolve;
      const done = new Promise((r) => (resolve = r));
      const times = {};
      const s = {
        on: kind === 'key' ? 'keydown' : 'click',
        waitPreview,
        frames: {},
        frameCount: 0,
        watchers: new Set(),
        t0: null,
        editorChanged: false,
        previewChanged: false,
        // Opened: the editor holds the post's text (its first screen may be any part of it).
        editorReady: () => (kind === 'key' ? s.editorChanged : editorLength() === length),
        previewReady: () => (kind === 'key' ? s.previewChanged : text('.article-title', previewDoc()) === title && previewDoc().querySelector(preview)?.childElementCount > 0),
        finish(target, ms) {
          times[target] ??= ms;
          if ('editor' in times && (!waitPreview || 'preview' in times)) resolve({ ...times, handlerAt: s.handlerAt, frameAt: s.frameAt, frames: s.frames });
        },
      };
      sample = s;
      this.result = Promise.race([done, new Promise((r) => setTimeout(() => r({ ...times, timedOut: true }), keyTimeoutMs))]).finally(() => {
        if (sample === s) sample = null;
      });
    },
    longTasksSince(at) {
      return longTasks.filter((task) => task.at >= at);
    },
  };
}

export async function measureKeystrokes({ url, posts, keystrokes, rounds = 3, executablePath, log, bareEditorScript, root }) {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const results = [];
    for (const post of posts) {
      // Rounds of the app and the bare editor in turns, each on a page loaded anew: how a
      // page's frames line up with the compositor's is decided when it loads (in some loads
      // every frame is presented a frame later, in the app or the bare editor alike), so one
      // load of each could put a whole frame between them that neither caused.
      const runs = [];
      for (let round = 0; round < rounds; round++) {
        await loadApp(page, url);
        const app = await appRound(page, cdp, post.copies?.[round] ?? post, keystrokes, { writeLayout: round === 0 });
        const size = await page.locator('.editor-pane').boundingBox();
        const bare = await openBareEditor(browser, { root, script: bareEditorScript, size, text: post.text });
        await bare.evaluate(installProbe, { keyTimeoutMs: KEY_TIMEOUT_MS, preview: null, frame: null });
        await placeCursorAtMarker(bare);
        const bareCdp = await bare.context().newCDPSession(bare);
        await bareCdp.send('Performance.enable');
        const baseline = await typeKeys(bare, bareCdp, keystrokes, { preview: false });
        await bare.close();
        runs.push({ ...app, bare: baseline });
      }
      const app = pooled(runs.map((run) => run.app));
      const bare = pooled(runs.map((run) => run.bare));
      const opens = runs.map((run) => run.open).filter((open) => open.editor !== undefined);
      log(`  ${post.words.toLocaleString('en')} words: ${app.editor.length} keys in the app, ${bare.editor.length} in the bare editor, over ${rounds} page loads of each`);
      results.push({
        words: post.words,
        // Median over the rounds (each a fresh page), the editor's and the preview's each.
        openEditorMs: opens.length ? percentile(opens.map((open) => open.editor), 50) : null,
        openPreviewMs: opens.length ? percentile(opens.map((open) => open.preview ?? Number.NaN).filter(Number.isFinite), 50) ?? null : null,
        app,
        write: runs[0].write,
        bare,
        longTasksMs: app.longTasksMs,
        heapAfterOpenMB: runs[0].heapAfterOpenMB,
        heapAfterTypingMB: runs[0].heapAfterTypingMB,
        domNodes: runs[0].domNodes,
      });
    }
    return { version: browser.version(), rounds, results };
  } finally {
    await browser.close();
  }
}

/// Loads the app anew and waits for the post it opens by itself at start.
async function loadApp(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.getByRole('listbox', { name: 'Posts' }).getByRole('option').first().waitFor();
  await page.frameLocator(PREVIEW_FRAME).locator(PREVIEW).getByText(MARKER).waitFor({ timeout: POST_BUDGET_MS });
  await page.evaluate(installProbe, { keyTimeoutMs: KEY_TIMEOUT_MS, preview: PREVIEW, frame: PREVIEW_FRAME });
}

/// Opens `post` ({ title, text }; timed, from another post), types into it with the preview beside the editor
/// and, when asked, again in the Write layout.
async function appRound(page, cdp, post, keystrokes, { writeLayout }) {
  const list = page.getByRole('listbox', { name: 'Posts' });
  const option = list.getByRole('option').filter({ hasText: post.title });
  // Opening is timed from another post: the app may have opened this one at start.
  const other = list.getByRole('option').filter({ hasNotText: post.title }).first();
  const alreadyOpen = (await option.getAttribute('aria-selected')) === 'true';
  if (alreadyOpen && (await other.count()) > 0) {
    await other.click();
    await page.locator('.toolbar-title').filter({ hasNotText: post.title }).waitFor();
  }
  await page.evaluate(([title, length]) => window.__bench.arm('open', title, true, length), [post.title, post.text.length]);
  await option.click();
  // With a single post there is nothing to open it from: no open time.
  const open = alreadyOpen && (await other.count()) === 0 ? {} : await page.evaluate(() => window.__bench.result);
  await page.locator('.toolbar-title').filter({ hasText: post.title }).waitFor();
  await page.frameLocator(PREVIEW_FRAME).locator(PREVIEW).getByText(MARKER).waitFor();
  const opened = await memory(cdp);

  await placeCursorAtMarker(page);
  const app = await typeKeys(page, cdp, keystrokes, { preview: true });
  const typed = await memory(cdp);
  let write = null;
  if (writeLayout) {
    // The Write layout hides the preview: what typing costs with the app around the editor.
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Write' }).click();
    await placeCursorAtMarker(page, TYPED.repeat(Math.ceil(keystrokes / TYPED.length)).slice(0, app.editor.length + app.timeouts));
    write = await typeKeys(page, cdp, keystrokes, { preview: false });
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Split' }).click();
  }
  return { open, app, write, heapAfterOpenMB: opened.heapMB, heapAfterTypingMB: typed.heapMB, domNodes: typed.nodes };
}

/// The samples of several typing runs as one; CPU per key averaged over all their keys.
function pooled(runs) {
  const all = (name) => runs.flatMap((run) => run[name]);
  const keys = runs.map((run) => run.editor.length + run.timeouts);
  const total = keys.reduce((a, b) => a + b, 0) || 1;
  const cpu = Object.fromEntries(Object.keys(runs[0].cpu).map((name) => [name, runs.reduce((sum, run, i) => sum + run.cpu[name] * keys[i], 0) / total]));
  return {
    editor: all('editor'),
    preview: all('preview'),
    timeouts: runs.reduce((sum, run) => sum + run.timeouts, 0),
    cpu,
    breakdown: all('breakdown'),
    presented: all('presented'),
    longTasksMs: all('longTasksMs'),
  };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
}

/// Types the keys one by one, each timed; then checks they all landed after the marker.
/// Also the renderer's main-thread CPU time per key (ThreadTime), which other jobs on a shared
/// machine disturb far less than wall-clock latency, with its script and style+layout parts.
async function typeKeys(page, cdp, keystrokes, { preview }) {
  const browser = page.context().browser();
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // Long tasks are counted between the first key and the last, not while tracing starts or stops.
  const from = await page.evaluate(() => performance.now());
  const before = await threadMetrics(cdp);
  const editor = [];
  const previewed = [];
  /// Per key: when the keydown handler ran, when the first frame began, in how many frames
  /// the editor and the preview showed it, and how long after the editor the preview did.
  const breakdown = [];
  let timeouts = 0;
  let typed = '';
  const deadline = Date.now() + POST_BUDGET_MS;
  for (let i = 0; i < keystrokes && Date.now() < deadline; i++) {
    // A writer's keys fall anywhere within a frame. Sent straight after the last key's paint,
    // they would all fall at the same point of it, and whether a key's handling makes that
    // frame or the next would be decided once for the whole run (one run read the app a frame
    // behind the bare editor, the next a frame ahead). The same waits for every page.
    await new Promise((resolve) => setTimeout(resolve, KEY_JITTER_MS[i % KEY_JITTER_MS.length]));
    await page.evaluate((withPreview) => window.__bench.arm('key', undefined, withPreview), preview);
    const key = TYPED[i % TYPED.length];
    await page.keyboard.type(key);
    typed += key;
    const times = await page.evaluate(() => window.__bench.result);
    if (times.timedOut) timeouts++;
    if (times.editor !== undefined) editor.push(times.editor);
    if (!times.timedOut) breakdown.push({ handlerMs: times.handlerAt, firstFrameMs: times.frameAt, editorFrames: times.frames.editor, previewFrames: times.frames.preview ?? null, previewLagMs: times.preview === undefined ? null : times.preview - times.editor });
    if (preview && times.preview !== undefined) previewed.push(times.preview);
  }
  const after = await threadMetrics(cdp);
  const longTasks = await page.evaluate((at) => window.__bench.longTasksSince(at), from);
  const trace = await browser.stopTracing();
  if (process.env.PW_BENCH_TRACE) await import('node:fs').then((fs) => fs.promises.writeFile(`${process.env.PW_BENCH_TRACE}-${Date.now()}.json`, trace));
  const presented = eventTimingFromTrace(trace);
  const keys = editor.length + timeouts;
  const perKey = (name) => ((after[name] - before[name]) * 1000) / Math.max(1, keys);
  const cpu = { threadMs: perKey('ThreadTime'), scriptMs: perKey('ScriptDuration'), styleLayoutMs: perKey('RecalcStyleDuration') + perKey('LayoutDuration') };
  const line = await cursorLine(page);
  if (!line.includes(`${MARKER_LINE}`) || !line.trimEnd().endsWith(typed.trimEnd())) throw new Error(`the keys were not typed after the marker; the cursor's line reads: ${JSON.stringify(line.slice(0, 120))}`);
  return { editor, preview: previewed, timeouts, cpu, breakdown, presented, longTasksMs: longTasks.map((task) => task.ms) };
}

// Waits of 0 to 16 ms before each key, spread evenly over a frame and shuffled once (fixed,
// so the app and the bare editor get the same ones).
const KEY_JITTER_MS = [11, 3, 15, 7, 0, 13, 5, 9, 16, 2, 12, 6, 1, 14, 8, 4, 10];

// Event Timing is recorded under this category; nothing heavier is traced.
const TRACE_CATEGORIES = ['devtools.timeline'];

/// Chromium's Event Timing for each keydown, from the trace: the time from the key's event to
/// the presentation of the frame that follows its handling (what Chromium itself reports as an
/// interaction's latency, in µs and not rounded as the page's PerformanceObserver rounds it).
export function eventTimingFromTrace(buffer) {
  const events = JSON.parse(buffer.toString()).traceEvents ?? [];
  const seen = new Set();
  const durations = [];
  for (const e of events) {
    const data = e.name === 'EventTiming' ? e.args?.data : null;
    if (data?.type !== 'keydown' || typeof data.duration !== 'number' || seen.has(data.timeStamp)) continue;
    seen.add(data.timeStamp);
    durations.push(data.duration);
  }
  return durations;
}

async function threadMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/// CodeMirror's search selects the marker (and what was typed after it before); ArrowRight
/// leaves the cursor at the selection's end, which End would not on a wrapped line. The stock
/// search field needs a change event for the query to take (the app's searches as you type).
export async function placeCursorAtMarker(page, typedBefore = '') {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+f');
  // The search panel's main field: the app's own find panel and CodeMirror's stock one both mark it.
  const field = page.locator('.cm-panels [main-field]');
  await field.fill(`${MARKER}${typedBefore}`);
  await field.dispatchEvent('change');
  await field.press('Enter');
  await field.press('Escape');
  await page.keyboard.press('ArrowRight');
  const line = await cursorLine(page);
  if (line !== `${MARKER_LINE}${typedBefore}`) throw new Error(`the cursor is not on the marker's line but on: ${JSON.stringify(line.slice(0, 120))}`);
}

/// The text of the editor line holding the cursor (the DOM selection's focus).
function cursorLine(page) {
  return page.evaluate(() => {
    const node = document.getSelection()?.focusNode;
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element?.closest('.cm-line')?.textContent ?? '';
  });
}

async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { heapMB: value('JSHeapUsedSize') / 1e6, nodes: value('Nodes') };
}
