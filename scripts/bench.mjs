// `npm run bench`: how fast the preview follows typing. Not a test: it asserts nothing, it
// measures and reports.
//
//   node scripts/bench.mjs [--sizes=1000,10000,50000] [--keystrokes=60] [--rounds=3] [--no-build] [--saves=1200] [--publishes=200]
//
// 1. Keystroke to editor painted (Chromium's Event Timing, from a trace) and to preview painted
//    (in frames after the editor's, and in ms), p50/p95, in real Chromium through the browser
//    host, on generated posts, beside the bare editor (the same CodeMirror, no app) in the same
//    run; with the time to open each post, long tasks while typing, and the JS heap. Each
//    size is typed in rounds, the app and the bare editor in turns, each on a page loaded anew.
// 2. The render pipeline in Node against plain markdown-it on the same text (the same post
//    again, and posts not rendered before), one block update, and the CLI's cold start
//    (scripts/bench/render-node.mjs); the heap of one services process after long use.
// Prints a table and writes bench-results/preview.json.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBareEditor } from './bench/bare-editor.mjs';
import { measureKeystrokes } from './bench/keystrokes.mjs';
import { generatePost } from './bench/post.mjs';
import { measureRenderNode } from './bench/render-node.mjs';
import { chromiumPath, startWebHost } from './bench/web-host.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
  const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
  const keystrokes = Number(arg('keystrokes', '60'));
  const rounds = Number(arg('rounds', '3'));
  if (!process.argv.includes('--no-build')) {
    log('building (npm run build; skip with --no-build)…');
    const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  // Each round types into a copy of its own (typed keys are saved into the post), titled apart.
  const posts = sizes.map((size) => {
    const post = generatePost(size);
    const copies = Array.from({ length: rounds }, (_, round) => {
      const title = `${post.title}, round ${round + 1}`;
      return { title, text: post.text.replace(`title: ${post.title}\n`, `title: ${title}\n`) };
    });
    return { ...post, size, copies };
  });

  const host = await startWebHost(
    path.join(root, 'dist', 'main', 'web.cjs'),
    posts.flatMap((post) => post.copies.map((copy, round) => ({ name: `bench-${post.size}-${round + 1}`, text: copy.text }))),
  );
  let chromium;
  try {
    log('timing keystrokes in Chromium…');
    const bareEditorScript = await bundleBareEditor(root);
    chromium = await measureKeystrokes({ url: host.url, posts, keystrokes, rounds, executablePath: chromiumPath(), log, bareEditorScript, root });
  } finally {
    await host.stop();
  }
  log('timing the render pipeline in Node…');
  const node = await measureRenderNode({ sizes });
  log('heap of one services process after an hour of saves and renders, and publishes…');
  const heap = measureHeapInChild({ saves: arg('saves', '1200'), publishes: arg('publishes', '200') });

  const machine = {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromium.version,
  };
  const typingRounds = chromium.rounds;
  const report = {
    machine,
    typingRounds,
    keystrokes: chromium.results.map((r) => {
      const stats = (samples) => ({ p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)), maxMs: round(Math.max(...samples)) });
      // Keystroke to editor painted: Chromium's Event Timing (keydown to the presentation of
      // its frame), for the app and the bare editor alike.
      const editor = stats(r.app.presented);
      const bare = stats(r.bare.presented);
      const framesAfter = r.app.breakdown.filter((b) => b.previewFrames !== null).map((b) => b.previewFrames - b.editorFrames);
      // In which frame after the key the editor showed it (1 = the very next): counted by the
      // page itself, so untouched by when the compositor presents a frame, which in some page
      // loads adds a whole frame to Event Timing for every key.
      const framesToEditor = (breakdown) => {
        const frames = breakdown.map((b) => b.editorFrames).filter((n) => typeof n === 'number');
        return { p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(...frames), inFirstFrame: round((100 * frames.filter((n) => n === 1).length) / Math.max(1, frames.length)) };
      };
      return {
        words: r.words,
        keystrokes: r.app.editor.length,
        timeouts: r.app.timeouts + r.bare.timeouts,
        editor,
        bareEditor: bare,
        editorRatio: { p50: ratio(editor.p50Ms, bare.p50Ms), p95: ratio(editor.p95Ms, bare.p95Ms) },
        // The probe's own timing (to the first task after the painted frame), for comparison.
        editorProbe: stats(r.app.editor),
        bareEditorProbe: stats(r.bare.editor),
        preview: stats(r.app.preview),
        previewFramesAfterEditor: { p50: percentile(framesAfter, 50), p95: percentile(framesAfter, 95), max: Math.max(...framesAfter) },
        editorFrames: { app: framesToEditor(r.app.breakdown), bare: framesToEditor(r.bare.breakdown) },
        writeLayout: { editor: stats(r.write.presented), ratio: { p50: ratio(percentile(r.write.presented, 50), bare.p50Ms), p95: ratio(percentile(r.write.presented, 95), bare.p95Ms) }, cpuPerKeyMs: roundAll(r.write.cpu) },
        cpuPerKeyMs: { app: roundAll(r.app.cpu), bare: roundAll(r.bare.cpu), ratio: ratio(r.app.cpu.threadMs, r.bare.cpu.threadMs) },
        longTasks: { count: r.longTasksMs.filter((ms) => ms > 50).length, maxMs: round(Math.max(0, ...r.longTasksMs)) },
        // The same count in the bare editor (CodeMirror's own background parse can take one).
        bareLongTasks: { count: r.bare.longTasksMs.filter((ms) => ms > 50).length, maxMs: round(Math.max(0, ...r.bare.longTasksMs)) },
        openEditorMs: r.openEditorMs === null ? null : round(r.openEditorMs),
        openPreviewMs: r.openPreviewMs === null ? null : round(r.openPreviewMs),
        heapAfterOpenMB: round(r.heapAfterOpenMB),
        heapAfterTypingMB: round(r.heapAfterTypingMB),
        domNodes: r.domNodes,
        samplesMs: { editor: r.app.presented.map(round), preview: r.app.preview.map(round), bareEditor: r.bare.presented.map(round), previewFramesAfterEditor: framesAfter },
      };
    }),
    render: node,
    heap,
  };
  await fs.mkdir(path.join(root, 'bench-results'), { recursive: true });
  await fs.writeFile(path.join(root, 'bench-results', 'preview.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
}

/// scripts/bench/heap.mjs in a process of its own, which needs --expose-gc.
function measureHeapInChild({ saves, publishes }) {
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'scripts', 'bench', 'heap.mjs'), `--saves=${saves}`, `--publishes=${publishes}`], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) return { error: run.stderr.trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(run.stdout);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
}

function round(n) {
  return n === null || Number.isNaN(n) ? n : Math.round(n * 10) / 10;
}

function roundAll(object) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, round(value)]));
}

function ratio(a, b) {
  return Number.isFinite(a) && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function printTable({ machine, typingRounds, keystrokes, render, heap }) {
  const table = (title, head, rows) => {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
    const line = (cells) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ');
    console.log(`\n${title}\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  };
  const words = (n) => n.toLocaleString('en');
  console.log(`Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, Chromium ${machine.chromium}`);
  table(
    `Keystroke to painted, ms (Chromium, browser host, typing at the marker halfway down; ${typingRounds} rounds, the app and the bare editor in turns, each on a page loaded anew). Editor: Chromium's Event Timing, keydown to the frame presented; bare = the same CodeMirror alone. Preview: frames after the editor's, and ms by the page probe. Open: median of the rounds`,
    ['words', 'keys', 'editor p50/p95', 'bare p50/p95', 'ratio p50/p95', 'key shown in the next frame: app / bare', 'preview frames after editor p50/p95', 'preview ms p50/p95', 'long tasks >50ms (max): app / bare', 'open: editor / preview ms', 'JS heap MB (open/typed)', 'DOM nodes'],
    keystrokes.map((r) => [
      words(r.words),
      r.keystrokes + (r.timeouts ? ` (+${r.timeouts} timed out)` : ''),
      `${r.editor.p50Ms} / ${r.editor.p95Ms}`,
      `${r.bareEditor.p50Ms} / ${r.bareEditor.p95Ms}`,
      `${r.editorRatio.p50} / ${r.editorRatio.p95}`,
      `${r.editorFrames.app.inFirstFrame}% / ${r.editorFrames.bare.inFirstFrame}%`,
      `${r.previewFramesAfterEditor.p50} / ${r.previewFramesAfterEditor.p95}`,
      `${r.preview.p50Ms} / ${r.preview.p95Ms}`,
      `${r.longTasks.count} (${r.longTasks.maxMs}) / ${r.bareLongTasks.count} (${r.bareLongTasks.maxMs})`,
      `${r.openEditorMs ?? '-'} / ${r.openPreviewMs ?? '-'}`,
      `${r.heapAfterOpenMB} / ${r.heapAfterTypingMB}`,
      r.domNodes,
    ]),
  );
  table(
    'Main-thread CPU per key, ms (ThreadTime; script, style+layout): app in Split, app in Write (no preview), bare editor; ratio Split/bare',
    ['words', 'app CPU (script, style+layout)', 'Write layout: CPU; editor p50/p95 (ratio)', 'bare CPU (script, style+layout)', 'ratio'],
    keystrokes.map((r) => [
      words(r.words),
      `${r.cpuPerKeyMs.app.threadMs} (${r.cpuPerKeyMs.app.scriptMs}, ${r.cpuPerKeyMs.app.styleLayoutMs})`,
      `${r.writeLayout.cpuPerKeyMs.threadMs}; ${r.writeLayout.editor.p50Ms} / ${r.writeLayout.editor.p95Ms} (${r.writeLayout.ratio.p50} / ${r.writeLayout.ratio.p95})`,
      `${r.cpuPerKeyMs.bare.threadMs} (${r.cpuPerKeyMs.bare.scriptMs}, ${r.cpuPerKeyMs.bare.styleLayoutMs})`,
      r.cpuPerKeyMs.ratio,
    ]),
  );
  table(
    'Render in Node, ms per post (MB/s): plain markdown-it vs our pipeline, the same post again (formulas and code cached) and posts not rendered before (median of 9); one block update per key',
    ['words', 'kB', 'markdown-it', 'ours, markdown', 'ours, article (again)', 'ratio', 'article of an unseen post', 'ratio of the medians (paired: median of each post against markdown-it on it)', 'block update p50/p95', 'patched'],
    render.rows.map((r) => [
      words(r.words),
      r.kB,
      `${r.markdownItMs} (${r.markdownItMBps})`,
      r.oursMarkdownMs,
      `${r.articleMs} (${r.articleMBps})`,
      r.articleVsMarkdownIt,
      r.articleFirstRenderMs,
      `${r.articleFirstVsMarkdownIt} (${r.articleFirstVsMarkdownItPaired})`,
      `${r.blockUpdateP50Ms} / ${r.blockUpdateP95Ms}`,
      `${r.blockUpdatesPatched}/50`,
    ]),
  );
  const cli = render.cliColdStart;
  console.log(`\nCLI cold start, \`postwright render\` of a small post: ${cli.cliMs} ms against ${cli.markdownItMs} ms for Node with plain markdown-it (ratio ${cli.ratio}; Node alone ${cli.nodeAloneMs} ms)`);
  if (heap.error) console.log(`\nHeap bench failed: ${heap.error}`);
  else console.log(`\nNode heap, one services process: ${heap.heapBeforeMB} MB before, ${heap.heapAfterSavesMB} MB after ${heap.saves} saves with renders, ${heap.heapAfterMB} MB after ${heap.publishes} publishes too (growth ${heap.growthMB} MB)`);
  console.log('\nJSON: bench-results/preview.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
