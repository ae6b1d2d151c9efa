// Keystroke timings in real Chromium, through the browser host: for each post, type into the
// marker paragraph one key at a time and time each key from its keydown to the frame that
// shows it in the editor, and to the frame that shows it in the preview. The same keys are
// then typed into the bare editor (bare-editor.mjs) on a page of its own, as the baseline.
// Also: the time to open the post (editable editor, then preview), long tasks while typing,
// and the renderer's memory. Every wait is bounded.
import { chromium } from '@playwright/test';
import { openBareEditor } from './bare-editor.mjs';
import { MARKER, MARKER_LINE } from './post.mjs';

const TYPED = 'and the light moved ';
const KEY_TIMEOUT_MS = 5_000;
const POST_BUDGET_MS = 120_000;
const PREVIEW = '[data-testid="article-body"]';
// The article lives in the preview's sandboxed frame (same origin, no scripts of its own).
const PREVIEW_FRAME = '[data-testid="preview-frame"]';

/// Runs in the page. A sample starts at the event's timeStamp; a target counts as painted when
/// the task after the first animation frame in which it is ready has started (that frame has
/// been painted). The frame callback is registered in the keydown/click capture listener,
/// before anything the app schedules for the same event, so it runs first in its frame.
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
  const watch = (s, target, ready) => {
    const frame = () => {
      if (sample !== s) return;
      if (ready()) setTimeout(() => s.finish(target, performance.now() - s.t0), 0);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  const start = (event) => {
    const s = sample;
    if (!s || s.t0 !== null || event.type !== s.on) return;
    s.t0 = event.timeStamp;
    watch(s, 'editor', s.editorReady);
    if (preview) watch(s, 'preview', s.previewReady);
  };
  window.addEventListener('keydown', start, true);
  window.addEventListener('click', start, true);
  const text = (selector, doc = document) => doc.querySelector(selector)?.textContent ?? '';
  window.__bench = {
    /// kind 'key': ready when the editor's / preview's DOM changed; 'open': when they show `title`.
    arm(kind, title) {
      let resolve;
      const done = new Promise((r) => (resolve = r));
      const times = {};
      const s = {
        on: kind === 'key' ? 'keydown' : 'click',
        t0: null,
        editorChanged: false,
        previewChanged: false,
        // The front matter shows folded ("Title · draft · 1 tag"), so the title alone marks the post.
        editorReady: () => (kind === 'key' ? s.editorChanged : text('.cm-content').includes(title)),
        previewReady: () => (kind === 'key' ? s.previewChanged : text('.article-title', previewDoc()) === title && previewDoc().querySelector(preview)?.childElementCount > 0),
        finish(target, ms) {
          times[target] ??= ms;
          if ('editor' in times && (!preview || 'preview' in times)) resolve(times);
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

export async function measureKeystrokes({ url, posts, keystrokes, executablePath, log, bareEditorScript, root }) {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url);
    const list = page.getByRole('listbox', { name: 'Posts' });
    await list.getByRole('option').first().waitFor();
    // The app opens a post by itself at start; let that finish before timing anything.
    await page.frameLocator(PREVIEW_FRAME).locator(PREVIEW).getByText(MARKER).waitFor();
    await page.evaluate(installProbe, { keyTimeoutMs: KEY_TIMEOUT_MS, preview: PREVIEW, frame: PREVIEW_FRAME });

    const results = [];
    for (const post of posts) {
      const option = list.getByRole('option').filter({ hasText: post.title });
      // Opening is timed from another post: the app may have opened this one at start.
      const other = list.getByRole('option').filter({ hasNotText: post.title }).first();
      const alreadyOpen = (await option.getAttribute('aria-selected')) === 'true';
      if (alreadyOpen && (await other.count()) > 0) {
        await other.click();
        await page.locator('.toolbar-title').filter({ hasNotText: post.title }).waitFor();
      }
      await page.evaluate((title) => window.__bench.arm('open', title), post.title);
      await option.click();
      // With a single post there is nothing to open it from: no open time.
      const open = alreadyOpen && (await other.count()) === 0 ? {} : await page.evaluate(() => window.__bench.result);
      await page.locator('.toolbar-title').filter({ hasText: post.title }).waitFor();
      await page.frameLocator(PREVIEW_FRAME).locator(PREVIEW).getByText(MARKER).waitFor();
      const opened = await memory(cdp);

      await placeCursorAtMarker(page);
      const typingFrom = await page.evaluate(() => performance.now());
      const app = await typeKeys(page, cdp, keystrokes, { preview: true });
      const longTasks = await page.evaluate((at) => window.__bench.longTasksSince(at), typingFrom);
      const typed = await memory(cdp);
      // The Write layout hides the preview: what typing costs with the app around the editor.
      await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Write' }).click();
      await placeCursorAtMarker(page, TYPED.repeat(Math.ceil(keystrokes / TYPED.length)).slice(0, app.editor.length + app.timeouts));
      const write = await typeKeys(page, cdp, keystrokes, { preview: false });
      await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Split' }).click();

      const size = await page.locator('.editor-pane').boundingBox();
      const bare = await openBareEditor(browser, { root, script: bareEditorScript, size, text: post.text });
      await bare.evaluate(installProbe, { keyTimeoutMs: KEY_TIMEOUT_MS, preview: null, frame: null });
      await placeCursorAtMarker(bare);
      const bareCdp = await bare.context().newCDPSession(bare);
      await bareCdp.send('Performance.enable');
      const baseline = await typeKeys(bare, bareCdp, keystrokes, { preview: false });
      await bare.close();

      log(`  ${post.words.toLocaleString('en')} words: ${app.editor.length} keys in the app, ${baseline.editor.length} in the bare editor`);
      results.push({
        words: post.words,
        openEditorMs: open.editor ?? null,
        openPreviewMs: open.preview ?? null,
        app,
        write,
        bare: baseline,
        longTasksMs: longTasks.map((task) => task.ms),
        heapAfterOpenMB: opened.heapMB,
        heapAfterTypingMB: typed.heapMB,
        domNodes: typed.nodes,
      });
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
  }
}

/// Types the keys one by one, each timed; then checks they all landed after the marker.
/// Also the renderer's main-thread CPU time per key (ThreadTime), which other jobs on a shared
/// machine disturb far less than wall-clock latency, with its script and style+layout parts.
async function typeKeys(page, cdp, keystrokes, { preview }) {
  const before = await threadMetrics(cdp);
  const editor = [];
  const previewed = [];
  let timeouts = 0;
  let typed = '';
  const deadline = Date.now() + POST_BUDGET_MS;
  for (let i = 0; i < keystrokes && Date.now() < deadline; i++) {
    await page.evaluate(() => window.__bench.arm('key'));
    const key = TYPED[i % TYPED.length];
    await page.keyboard.type(key);
    typed += key;
    const times = await page.evaluate(() => window.__bench.result);
    if (times.timedOut) timeouts++;
    if (times.editor !== undefined) editor.push(times.editor);
    if (preview && times.preview !== undefined) previewed.push(times.preview);
  }
  const after = await threadMetrics(cdp);
  const keys = editor.length + timeouts;
  const perKey = (name) => ((after[name] - before[name]) * 1000) / Math.max(1, keys);
  const cpu = { threadMs: perKey('ThreadTime'), scriptMs: perKey('ScriptDuration'), styleLayoutMs: perKey('RecalcStyleDuration') + perKey('LayoutDuration') };
  const line = await cursorLine(page);
  if (!line.includes(`${MARKER_LINE}`) || !line.trimEnd().endsWith(typed.trimEnd())) throw new Error(`the keys were not typed after the marker; the cursor's line reads: ${JSON.stringify(line.slice(0, 120))}`);
  return { editor, preview: previewed, timeouts, cpu };
}

async function threadMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/// CodeMirror's search selects the marker (and what was typed after it before); ArrowRight
/// leaves the cursor at the selection's end, which End would not on a wrapped line. The stock
/// search field needs a change event for the query to take (the app's searches as you type).
async function placeCursorAtMarker(page, typedBefore = '') {
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
