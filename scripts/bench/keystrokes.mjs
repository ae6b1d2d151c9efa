// Keystroke-to-preview-painted in real Chromium, through the browser host: for each post, type
// into the marker paragraph one key at a time and time each key from its keydown to the first
// frame painted after the preview's DOM changed. Also the time to open the post and the
// renderer's memory. Every wait is bounded.
import { chromium } from '@playwright/test';
import { MARKER } from './post.mjs';

const TYPED = 'and the light moved ';
const KEY_TIMEOUT_MS = 5_000;
const POST_BUDGET_MS = 120_000;

/// Runs in the page: times from an input event to the first paint after the article body
/// changed (a MutationObserver, then requestAnimationFrame + setTimeout(0): after that frame).
function installProbe(keyTimeoutMs) {
  let pending = null;
  let observed = null;
  const observer = new MutationObserver(() => {
    const probe = pending;
    if (!probe || probe.t0 === null) return;
    pending = null;
    requestAnimationFrame(() => setTimeout(() => probe.resolve(performance.now() - probe.t0), 0));
  });
  const start = (event) => {
    if (pending && pending.t0 === null && event.type === pending.on) pending.t0 = event.timeStamp;
  };
  window.addEventListener('keydown', start, true);
  window.addEventListener('click', start, true);
  window.__bench = {
    arm(on) {
      const body = document.querySelector('[data-testid="article-body"]');
      if (body !== observed) {
        observer.disconnect();
        observer.observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
        observed = body;
      }
      let resolve;
      const done = new Promise((r) => (resolve = r));
      pending = { on, t0: null, resolve };
      this.result = Promise.race([done, new Promise((r) => setTimeout(() => r(null), keyTimeoutMs))]);
    },
  };
}

export async function measureKeystrokes({ url, posts, keystrokes, executablePath, log }) {
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
    await page.getByTestId('article-body').getByText(MARKER).waitFor();
    await page.evaluate(installProbe, KEY_TIMEOUT_MS);

    const results = [];
    for (const post of posts) {
      const option = list.getByRole('option').filter({ hasText: post.title });
      // Opening is timed from another post: the app may have opened this one at start.
      const other = list.getByRole('option').filter({ hasNotText: post.title }).first();
      if ((await option.getAttribute('aria-selected')) === 'true' && (await other.count()) > 0) {
        await other.click();
        await page.locator('.toolbar-title').filter({ hasNotText: post.title }).waitFor();
      }
      await page.evaluate(() => window.__bench.arm('click'));
      await option.click();
      const openMs = await page.evaluate(() => window.__bench.result);
      await page.locator('.toolbar-title').filter({ hasText: post.title }).waitFor();
      await page.getByTestId('article-body').getByText(MARKER).waitFor();
      const opened = await memory(cdp);

      await placeCursorAtMarker(page);
      const samples = [];
      let timeouts = 0;
      const deadline = Date.now() + POST_BUDGET_MS;
      for (let i = 0; i < keystrokes && Date.now() < deadline; i++) {
        await page.evaluate(() => window.__bench.arm('keydown'));
        await page.keyboard.type(TYPED[i % TYPED.length]);
        const ms = await page.evaluate(() => window.__bench.result);
        if (ms === null) timeouts++;
        else samples.push(ms);
      }
      const typed = await memory(cdp);
      log(`  ${post.words.toLocaleString('en')} words: ${samples.length} keystrokes timed in Chromium`);
      results.push({ words: post.words, openMs, samples, timeouts, heapAfterOpenMB: opened.heapMB, heapAfterTypingMB: typed.heapMB, domNodes: typed.nodes });
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
  }
}

/// CodeMirror's search puts the selection on the marker; End leaves the cursor after it.
async function placeCursorAtMarker(page) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+f');
  const field = page.locator('.cm-search input[name="search"]');
  await field.fill(MARKER);
  await field.press('Enter');
  await field.press('Escape');
  await page.keyboard.press('End');
}

async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { heapMB: value('JSHeapUsedSize') / 1e6, nodes: value('Nodes') };
}
