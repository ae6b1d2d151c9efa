// The Node render pipeline next to plain markdown-it, for `npm run bench` to call or on its own:
//   node scripts/bench/render-node.mjs [--huge]
// Prints one JSON object. Times are medians of a few runs; nothing here asserts a time.
// `--huge` also renders a post just under the 20 MB limit once and reports its time and the
// process's peak resident memory.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from '../bundle-node.mjs';
import { generatePost } from './post.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUDGET_MS = 3_000;

export async function measureRenderNode({ sizes = [1_000, 10_000, 50_000], huge = false } = {}) {
  const pipeline = await import(pathToFileURL(await bundle()).href);
  const { default: MarkdownIt } = await import('markdown-it');
  const plain = new MarkdownIt();
  const rows = [];
  for (const words of sizes) {
    const body = pipeline.parsePostFile(generatePost(words).text).body;
    const markdownIt = timed(() => plain.render(body));
    const article = timed(() => pipeline.renderArticle(body, pipeline.createNodePurify));
    const withIframe = `${body}\n\n<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen></iframe>\n`;
    const articleRawHtml = timed(() => pipeline.renderArticle(withIframe, pipeline.createNodePurify));
    const stats = timed(() => pipeline.textStats(body));
    const summary = timed(() => pipeline.summarizePost('bench', body, 0));
    rows.push({
      words,
      kB: round(Buffer.byteLength(body) / 1e3),
      markdownItMs: round(markdownIt),
      articleMs: round(article),
      articleVsMarkdownIt: round(article / markdownIt),
      articleWithRawHtmlMs: round(articleRawHtml),
      textStatsMs: round(stats),
      summarizePostMs: round(summary),
    });
  }
  const result = { rows };
  if (huge) {
    let body = '';
    const unit = pipeline.parsePostFile(generatePost(50_000).text).body;
    while (body.length + unit.length < 19e6) body += `${unit}\n\n`;
    const started = performance.now();
    const html = pipeline.renderArticle(body, pipeline.createNodePurify);
    result.huge = { MB: round(body.length / 1e6), ms: round(performance.now() - started), htmlMB: round(html.length / 1e6), peakRssMB: round(process.resourceUsage().maxRSS / 1e3) };
  }
  return result;
}

function timed(run) {
  run();
  const times = [];
  const deadline = performance.now() + BUDGET_MS;
  while (times.length < 3 || (times.length < 20 && performance.now() < deadline)) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function bundle() {
  // Inside node_modules so the bundle's own imports (markdown-it, jsdom…) resolve.
  const outfile = path.join(root, 'node_modules', '.cache', 'postwright-bench', `render-node-${process.pid}.mjs`);
  return bundleForNode(
    [
      "export { renderArticle } from './shared/render/index';",
      "export { parsePostFile } from './shared/frontmatter';",
      "export { textStats } from './shared/text-stats';",
      "export { summarizePost } from './shared/post';",
      "export { createNodePurify } from './main/render/node-purify';",
    ],
    outfile,
    { format: 'esm', externalPackages: true },
  );
}

function round(n) {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureRenderNode({ huge: process.argv.includes('--huge') }), null, 2));
}
