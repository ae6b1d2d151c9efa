// A CPU profile of typing, to see what a keystroke runs: `node scripts/bench/profile-keys.mjs
// [--words=50000] [--keys=40] [--layout=Split|Write] [--gap=120] [--wait=1500] [--find=word] [--search=word]`
// after `npm run build`. Not part of
// `npm run bench`; it reports where the main thread's time goes, not how fast it is.
//
// The renderer is built again without minifying (into node_modules/.cache, beside a copy of
// dist/main) so the profile names functions. Keys are typed at the bench post's marker line,
// 120 ms apart, with the sampling profiler on; each sample is put under one phase by its stack:
//   keystroke: the key's own events and CodeMirror's handling of them (until its frame paints),
//   preview:   the preview's update in the frame after,
//   other:     timers and idle work (counts, backups, spelling, CodeMirror's background parse).
// Then it lists the functions with the most time in each phase, and any known whole-text
// function (word counts, front matter, summaries, science context, the document as a string)
// found on the keystroke's or the preview's path.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { placeCursorAtMarker } from './keystrokes.mjs';
import { generatePost, MARKER } from './post.mjs';
import { chromiumPath, startWebHost } from './web-host.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const words = Number(arg('words', '50000'));
const keys = Number(arg('keys', '40'));
const layout = arg('layout', 'Split');
// Milliseconds between keys (the bench types faster: a key 0–16 ms after the last one's frame).
const gap = Number(arg('gap', '120'));
// Milliseconds from the post's preview showing to the first key (the bench waits none).
const wait = Number(arg('wait', '1500'));
// Typing with the find panel open on this search (each edit counts its matches again).
const find = arg('find', '');
// Typing this search into the find panel's field instead, over and over (search as you type:
// each key seeks the next match from the cursor).
const search = arg('search', '');

// Functions that read the whole post: none may run on a keystroke's path.
const WHOLE_TEXT = /^(textStats|summarizePost|parsePostFile|outlineOf|scienceContext|readabilityOf|proseParagraphs|currentText|stringify)$/;
const KEYSTROKE = /^(handleEvent|flush|forceFlush|dispatchDiscreteEvent|onKey)$/;

async function main() {
  const out = path.join(root, 'node_modules', '.cache', 'postwright-profile');
  await fs.rm(out, { recursive: true, force: true });
  await fs.cp(path.join(root, 'dist', 'main'), path.join(out, 'main'), { recursive: true });
  const built = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--minify', 'false', '--sourcemap', 'false', '--outDir', path.join(out, 'renderer'), '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('building the unminified renderer failed');

  const host = await startWebHost(path.join(out, 'main', 'web.cjs'), [{ name: 'bench', text: generatePost(words).text }]);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(host.url);
    await page.frameLocator('[data-testid="preview-frame"]').locator('[data-testid="article-body"]').getByText(MARKER).waitFor({ timeout: 120_000 });
    if (layout !== 'Split') await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: layout }).click();
    await placeCursorAtMarker(page);
    if (find) {
      await page.keyboard.press('ControlOrMeta+f');
      await page.locator('.cm-panels [main-field]').fill(find);
      // Back to the text where the cursor was, the panel left open.
      await page.evaluate(() => document.querySelector('.cm-content').focus());
    }
    if (search) await page.keyboard.press('ControlOrMeta+f');
    await page.waitForTimeout(wait);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    // Long tasks (> 50 ms) while typing, in the page's clock, to say what ran in them.
    await page.evaluate(() => {
      const tasks = [];
      new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
      Object.assign(window, { __longTasks: tasks });
    });
    const startedAt = await page.evaluate(() => performance.now());
    await cdp.send('Profiler.start');
    for (let i = 0; i < keys; i++) {
      if (search && i % search.length === 0 && i > 0) {
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.press('Backspace');
      }
      await page.keyboard.type(search ? search[i % search.length] : 'and the light moved '[i % 20]);
      await page.waitForTimeout(gap);
    }
    const { profile } = await cdp.send('Profiler.stop');
    const longTasks = await page.evaluate(() => window.__longTasks.filter((task) => task.start >= 0));
    report(profile, longTasks.filter((task) => task.start >= startedAt), startedAt);
  } finally {
    await browser.close();
    await host.stop();
  }
}

function report(profile, longTasks, startedAt) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node) => node.callFrame.functionName || '(anonymous)';
  const phases = { keystroke: new Map(), preview: new Map(), other: new Map() };
  const totals = { keystroke: 0, preview: 0, other: 0 };
  const wholeText = new Map();
  // What ran during the long tasks: samples placed on the page's clock (the profile starts
  // within a few ms of `startedAt`, well inside a task's 50 ms).
  const inLongTasks = new Map();
  let longMs = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at));
    const names = stack.map(name);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += ms;
    const when = startedAt + at;
    if (names[0] !== '(idle)' && longTasks.some((task) => when >= task.start && when <= task.start + task.duration)) {
      longMs += ms;
      for (const n of new Set(names)) inLongTasks.set(n, (inLongTasks.get(n) ?? 0) + ms);
    }
    if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(names[0])) return;
    const phase = names.some((n) => KEYSTROKE.test(n)) ? 'keystroke' : names.some((n) => n === 'patchLines' || n === 'LivePreview') ? 'preview' : 'other';
    totals[phase] += ms;
    for (const n of new Set(names)) phases[phase].set(n, (phases[phase].get(n) ?? 0) + ms);
    if (phase !== 'other') for (const n of names) if (WHOLE_TEXT.test(n)) wholeText.set(`${phase}: ${n}`, (wholeText.get(`${phase}: ${n}`) ?? 0) + ms);
  });
  const perKey = (ms) => (ms / keys).toFixed(2);
  console.log(`${words.toLocaleString('en')} words, ${keys} keys, ${layout} layout: main-thread JavaScript per key, ms`);
  for (const phase of Object.keys(phases)) {
    console.log(`\n${phase}: ${perKey(totals[phase])} ms per key; most time (inclusive):`);
    const top = [...phases[phase]].filter(([n]) => n !== '(anonymous)').sort((a, b) => b[1] - a[1]).slice(0, 12);
    for (const [n, ms] of top) console.log(`  ${perKey(ms).padStart(7)}  ${n}`);
  }
  console.log(`\nWhole-text functions on a keystroke's or the preview's path: ${wholeText.size === 0 ? 'none' : ''}`);
  for (const [n, ms] of wholeText) console.log(`  ${perKey(ms).padStart(7)}  ${n}`);
  const longest = longTasks.reduce((max, task) => Math.max(max, task.duration), 0);
  console.log(`\nLong tasks (> 50 ms) while typing: ${longTasks.length}${longTasks.length ? ` (longest ${longest.toFixed(0)} ms), ${longMs.toFixed(0)} ms sampled in them; most time (inclusive, ms in all):` : ''}`);
  const top = [...inLongTasks].filter(([n]) => n !== '(anonymous)' && n !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, 16);
  for (const [n, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)}  ${n}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
