// The Node render pipeline next to plain markdown-it, for `npm run bench` to call or on its own:
//   node scripts/bench/render-node.mjs [--huge]
// Also the CLI's cold start (`postwright render small.md`, needs `npm run build`) against
// plain markdown-it started the same way. Prints one JSON object. Times are medians of a few runs; nothing here asserts a time.
// `--huge` also renders a post just under the 20 MB limit once and reports its time and the
// process's peak resident memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importForBench } from '../bundle-node.mjs';
import { generatePost, MARKER } from './post.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUDGET_MS = 3_000;

export async function measureRenderNode({ sizes = [1_000, 10_000, 50_000], huge = false } = {}) {
  const pipeline = await importForBench(EXPORTS, 'render-node');
  const { default: MarkdownIt } = await import('markdown-it');
  const plain = new MarkdownIt();
  const purify = pipeline.createNodePurify();
  const rows = [];
  for (const words of sizes) {
    const body = pipeline.parsePostFile(generatePost(words).text).body;
    const bytes = Buffer.byteLength(body);
    const markdownIt = await timed(() => plain.render(body));
    const markdown = await timed(() => pipeline.renderMarkdown(body));
    const article = await timed(() => pipeline.renderArticle(body, purify));
    // Posts of the same size this process has not rendered before (their code and most of their
    // formulas are new to the KaTeX and highlight caches), as a first publish or CLI render has.
    const first = await timedFirst(words, (other) => pipeline.renderArticle(other, purify), (other) => plain.render(other), (text) => pipeline.parsePostFile(text).body);
    const firstRender = first.ms;
    const withIframe = `${body}\n\n<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen></iframe>\n`;
    const articleRawHtml = await timed(() => pipeline.renderArticle(withIframe, purify));
    const stats = await timed(() => pipeline.textStats(body));
    const summary = await timed(() => pipeline.summarizePost('bench', body, 0));
    rows.push({
      words,
      kB: round(bytes / 1e3),
      markdownItMs: round(markdownIt),
      markdownItMBps: round(bytes / 1e3 / markdownIt),
      oursMarkdownMs: round(markdown),
      articleMs: round(article),
      articleMBps: round(bytes / 1e3 / article),
      articleVsMarkdownIt: round(article / markdownIt),
      articleFirstRenderMs: round(firstRender),
      // A post this process has not rendered (what a CLI render or a first publish pays).
      articleFirstVsMarkdownIt: round(firstRender / markdownIt),
      // The same, paired: each unseen post against plain markdown-it on that same post, timed
      // right before it, the median of the nine ratios (a busy moment slows both sides).
      articleFirstVsMarkdownItPaired: round(first.pairedRatio),
      articleWithRawHtmlMs: round(articleRawHtml),
      textStatsMs: round(stats),
      summarizePostMs: round(summary),
      ...blockUpdates(pipeline, purify, body),
    });
  }
  const result = { rows, cliColdStart: coldStart() };
  if (huge) {
    let body = '';
    const unit = pipeline.parsePostFile(generatePost(50_000).text).body;
    while (body.length + unit.length < 19e6) body += `${unit}\n\n`;
    const started = performance.now();
    const html = pipeline.renderArticle(body, purify);
    result.huge = { MB: round(body.length / 1e6), ms: round(performance.now() - started), htmlMB: round(html.length / 1e6), peakRssMB: round(process.resourceUsage().maxRSS / 1e3) };
  }
  return result;
}

/// One character typed into the marker paragraph, 50 times: what the preview does per key.
function blockUpdates(pipeline, purify, body) {
  const article = new pipeline.IncrementalArticle(purify);
  article.render('bench', body);
  const at = body.indexOf(MARKER) + MARKER.length;
  const times = [];
  let patched = 0;
  for (let i = 1; i <= 50; i++) {
    const text = `${body.slice(0, at)}${'x'.repeat(i)}${body.slice(at)}`;
    const started = performance.now();
    const patch = article.patch('bench', text);
    if (patch) patched++;
    else article.render('bench', text);
    times.push(performance.now() - started);
  }
  return { blockUpdateP50Ms: round(percentile(times, 50)), blockUpdateP95Ms: round(percentile(times, 95)), blockUpdatesPatched: patched };
}

/// `postwright render` of a small post, process start to exit, against a Node process that
/// loads plain markdown-it and renders the same file: medians of runs taken in turns.
function coldStart(runs = 7) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-bench-cli-'));
  const file = path.join(dir, 'small.md');
  writeFileSync(file, '---\ntitle: Small\n---\n\n# Tide pools\n\nA *small* post with `code` and a [link](https://example.org).\n\n- one\n- two\n');
  const plain = "const M=require('markdown-it');process.stdout.write(new M().render(require('fs').readFileSync(process.argv[1],'utf8')))";
  const time = (args) => {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    return performance.now() - started;
  };
  const cli = [];
  const markdownIt = [];
  const empty = [];
  try {
    for (let i = 0; i < runs; i++) {
      cli.push(time([path.join(root, 'bin', 'postwright.cjs'), 'render', file]));
      markdownIt.push(time(['-e', plain, file]));
      empty.push(time(['-e', '0']));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (values) => percentile(values, 50);
  return { cliMs: round(median(cli)), markdownItMs: round(median(markdownIt)), nodeAloneMs: round(median(empty)), ratio: round(median(cli) / median(markdownIt)) };
}

/// Median of a few runs after a warm-up. Each run is a job of its own, as each render is in a
/// host: jsdom frees the documents a sanitize made only when the job ends, so runs in one
/// synchronous loop would pile them up and slow every later figure with garbage collection.
async function timed(run) {
  run();
  const times = [];
  const deadline = performance.now() + BUDGET_MS;
  while (times.length < 3 || (times.length < 20 && performance.now() < deadline)) {
    await nextJob();
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

function nextJob() {
  return new Promise((resolve) => setImmediate(resolve));
}

/// Median time of rendering, once each, posts generated with seeds the bench uses nowhere else
/// (nine of them: one render each is at the mercy of a busy machine), and the median of each
/// one's ratio to plain markdown-it rendering the same body just before it.
async function timedFirst(words, run, baseline, bodyOf, runs = 9) {
  const times = [];
  const ratios = [];
  for (let seed = 1_000; seed < 1_000 + runs; seed++) {
    const body = bodyOf(generatePost(words, seed).text);
    await nextJob();
    let started = performance.now();
    baseline(body);
    const plainMs = performance.now() - started;
    await nextJob();
    started = performance.now();
    run(body);
    const ms = performance.now() - started;
    times.push(ms);
    ratios.push(ms / plainMs);
  }
  return { ms: percentile(times, 50), pairedRatio: percentile(ratios, 50) };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// What this bench loads of the project, bundled (importForBench).
const EXPORTS = [
      "export { renderArticle, renderMarkdown } from './shared/render/index';",
      "export { IncrementalArticle } from './shared/render/incremental';",
      "export { parsePostFile } from './shared/frontmatter';",
      "export { textStats } from './shared/text-stats';",
      "export { summarizePost } from './shared/post';",
      "export { createNodePurify } from './main/render/node-purify';",
    ];

function round(n) {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureRenderNode({ huge: process.argv.includes('--huge') }), null, 2));
}
