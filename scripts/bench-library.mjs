// Benchmark of the library index (main/library/search-index.ts) on generated libraries of 1,000 and
// 10,000 posts. Not a test: it asserts nothing, it measures and reports.
//
//   node scripts/bench-library.mjs [--sizes=1000,10000] [--keep]
//
// Each measurement that the app does at start-up runs in a fresh Node process, as the app would.
// Prints a table and writes bench-results/library.json.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.join(here, '..');
const OPEN_RUNS = 3;
const QUERIES = 100;
const SAVES = 50;
const SEARCH_PASSES = 3;

async function main() {
  const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);
  const keep = process.argv.includes('--keep');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-bench-library-'));
  try {
    const bundle = await buildBundle(work);
    const results = [];
    for (const size of sizes) {
      const root = path.join(work, `library-${size}`);
      const generated = await generateLibrary(root, size);
      log(`${size} posts generated (${(generated.bytes / 1e6).toFixed(0)} MB, ${generated.words.toLocaleString('en')} words)`);
      const cold = await runChild(bundle, root, 'cold');
      const opens = [];
      for (let i = 0; i < OPEN_RUNS; i++) opens.push(await runChild(bundle, root, 'open'));
      const use = await runChild(bundle, root, 'use');
      const cacheBytes = (await fs.stat(path.join(root, '.postwright', 'index.json'))).size;
      results.push({
        posts: size,
        libraryMB: round(generated.bytes / 1e6),
        words: generated.words,
        coldListMs: cold.listMs,
        coldSearchableMs: cold.searchableMs,
        cacheMB: round(cacheBytes / 1e6),
        openListMs: median(opens.map((o) => o.listMs)),
        openSearchableMs: median(opens.map((o) => o.searchableMs)),
        openLongestBlockMs: Math.max(...opens.map((o) => o.longestBlockMs)),
        heapMB: median(opens.map((o) => o.heapMB)),
        searchP50Ms: use.search.p50,
        searchP95Ms: use.search.p95,
        searchMaxMs: use.search.max,
        firstPassSearchP50Ms: use.firstSearch.p50,
        firstPassSearchP95Ms: use.firstSearch.p95,
        saveP50Ms: use.save.p50,
        saveP95Ms: use.save.p95,
        flushMs: use.flushMs,
        slowestQueries: use.slowest,
      });
    }
    const machine = {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGB: round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      // Other work on the machine skews timings; recorded so a noisy run can be recognised.
      loadAverageAtEnd: os.loadavg().map(round),
    };
    printTable(results, machine);
    const { writeFileAtomic } = createRequire(import.meta.url)(bundle);
    await fs.mkdir(path.join(projectRoot, 'bench-results'), { recursive: true });
    const out = path.join(projectRoot, 'bench-results', 'library.json');
    await writeFileAtomic(out, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
    log(`written ${path.relative(process.cwd(), out)}`);
  } finally {
    if (keep) log(`kept ${work}`);
    else await fs.rm(work, { recursive: true, force: true });
  }
}

async function buildBundle(work) {
  const { bundleForNode } = await import('./bundle-node.mjs');
  const bundle = path.join(work, 'library-index.cjs');
  return bundleForNode(["export { LibraryIndex } from './main/library/search-index';", "export { writeFileAtomic } from './main/fs/atomic-write';"], bundle);
}

function runChild(bundle, root, phase) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', bundle, root, phase], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${phase} run failed (${code})`));
      resolve(JSON.parse(out));
    });
  });
}

// ---- in the child process: one measurement, reported as JSON on stdout ----

async function child(bundle, root, phase) {
  const { LibraryIndex, writeFileAtomic } = createRequire(import.meta.url)(bundle);
  const cacheFile = path.join(root, '.postwright', 'index.json');
  if (phase === 'cold') await fs.rm(cacheFile, { force: true });

  const blocks = watchEventLoop();
  const started = performance.now();
  const index = new LibraryIndex(root, cacheFile);
  await index.refresh();
  const listMs = performance.now() - started;
  await index.whenSearchable();
  const searchableMs = performance.now() - started;
  const longestBlockMs = blocks.stop();
  globalThis.gc?.();
  const result = { listMs: round(listMs), searchableMs: round(searchableMs), longestBlockMs: round(longestBlockMs), heapMB: round(process.memoryUsage().heapUsed / 1e6) };
  if (phase !== 'use') return process.stdout.write(JSON.stringify(result));

  // Three passes over the queries: the first is what a blogger meets right after opening; the
  // median of three per query is steadier on a shared machine.
  const vocabulary = await fs.readFile(path.join(root, 'vocabulary.json'), 'utf8').then(JSON.parse);
  const list = queries(vocabulary);
  const passes = [];
  for (let pass = 0; pass < SEARCH_PASSES; pass++) {
    passes.push(
      list.map(([query, filter]) => {
        const t = performance.now();
        index.search(query, filter);
        return performance.now() - t;
      }),
    );
  }
  const medians = list.map((_, i) => median(passes.map((times) => times[i])));
  const slowest = list
    .map(([query], i) => [medians[i], query])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5)
    .map(([ms, query]) => `${query} (${round(ms)} ms)`);

  const ids = index.summaries().map((s) => s.id);
  const saves = [];
  for (let i = 0; i < SAVES; i++) {
    const id = ids[(i * 7919) % ids.length];
    const file = path.join(root, 'posts', id, 'index.md');
    const text = `${await fs.readFile(file, 'utf8')}\nEdited in the benchmark, save ${i}.\n`;
    const t = performance.now();
    await writeFileAtomic(file, text);
    const stat = await fs.stat(file);
    index.update(id, text, stat.mtimeMs);
    saves.push(performance.now() - t);
  }
  const t = performance.now();
  await index.flush();
  const flushMs = performance.now() - t;
  process.stdout.write(
    JSON.stringify({
      ...result,
      search: stats(medians),
      firstSearch: stats(passes[0]),
      slowest,
      save: stats(saves),
      flushMs: round(flushMs),
    }),
  );
}

/// The longest stretch the event loop was blocked, sampled every 5 ms.
function watchEventLoop() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last - 5);
    },
  };
}

/// 100 queries a blogger might type: common, rare and mid-frequency words, words being typed
/// (prefixes), two and three words, title words, misses, and some with filters.
function queries({ words, titles, tags }) {
  const rnd = random(7);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const common = words.slice(0, 60);
  const mid = words.slice(200, 3000);
  const rare = words.slice(8000);
  const kinds = [
    () => [pick(common)],
    () => [pick(mid)],
    () => [pick(rare)],
    () => [pick(mid).slice(0, 2 + Math.floor(rnd() * 3))],
    () => [`${pick(mid)} ${pick(mid).slice(0, 3)}`],
    () => [`${pick(common)} ${pick(mid)}`],
    () => [`${pick(mid)} ${pick(mid)} ${pick(common)}`],
    () => [pick(titles).split(' ').slice(0, 2).join(' ')],
    () => ['zzqxv nothinglikethis'],
    () => [pick(mid), { status: 'published' }],
    () => [pick(mid), { tag: pick(tags) }],
  ];
  return Array.from({ length: QUERIES }, (_, i) => {
    const [query, filter] = kinds[i % kinds.length]();
    return [query, filter ?? {}];
  });
}

// ---- the generated library ----

const COMMON = `the of and to a in is that it for on with as was be this are by at from or have an but not you all
they we his her can more one about so what there if out up when which their would will time like just some into how than
them then only other new first also after people could these make use any two way work well back even good year because
most over know day much get very through where our own find think still take see come write post blog code need world
life home book city light water night story travel recipe garden coffee bread music photo camera winter summer morning
river mountain street train coffee kitchen friend family small long great little right old big high different large next
early young important few public bad same able last late hard major better best free sure clear whole real open short
simple easy quick slow warm cold fresh dark bright quiet loud happy strange favourite idea plan week month trip walk
road map guide tip list note draft edit publish design build test release version update bug fix feature server client
browser editor markdown theme font image video link page site domain email newsletter reader comment share week weekend`
  .split(/\s+/)
  .filter((w, i, all) => w && all.indexOf(w) === i);
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vo', 'an', 'el', 'or', 'ix', 'um', 'be', 'da', 'fi', 'go', 'hu', 'ja', 'pe', 'qui', 'ro', 'si', 'tu', 'wa', 'ze', 'ch', 'st', 'tr', 'pl', 'en', 'ar'];
const TAGS = ['travel', 'food', 'baking', 'coding', 'javascript', 'rust', 'photography', 'books', 'music', 'garden', 'family', 'notes', 'weekly', 'review', 'tutorial', 'personal', 'design', 'writing', 'cycling', 'hiking', 'coffee', 'science', 'history', 'film', 'games', 'diy', 'health', 'running', 'linux', 'productivity'];

async function generateLibrary(root, size) {
  const rnd = random(size);
  const words = [...COMMON];
  const seen = new Set(words);
  while (words.length < 40_000) {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (rnd() < 0.05) w = w[0].toUpperCase() + w.slice(1); // names
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  // Zipf: the word of rank r is used in proportion to 1/r, as in natural language.
  const cumulative = [];
  let total = 0;
  for (let r = 1; r <= words.length; r++) cumulative.push((total += 1 / r));
  const word = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const sentence = (n) => {
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(word());
    const s = parts.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };

  await fs.mkdir(path.join(root, 'posts'), { recursive: true });
  const titles = [];
  let bytes = 0;
  let wordCount = 0;
  const write = [];
  for (let i = 0; i < size; i++) {
    const title = sentence(3 + Math.floor(rnd() * 5)).slice(0, -1);
    titles.push(title);
    const id = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60)}-${i}`;
    const target = 300 + Math.floor(rnd() * 1200);
    const blocks = [];
    let count = 0;
    while (count < target) {
      const kind = rnd();
      if (kind < 0.08) {
        blocks.push(`## ${sentence(4).slice(0, -1)}`);
        count += 4;
      } else if (kind < 0.13) {
        const items = 3 + Math.floor(rnd() * 3);
        blocks.push(Array.from({ length: items }, () => `- ${sentence(6)}`).join('\n'));
        count += items * 6;
      } else if (kind < 0.16) {
        blocks.push(`\`\`\`js\nconst ${word()} = ${word()}(${Math.floor(rnd() * 100)});\n\`\`\``);
        count += 3;
      } else if (kind < 0.2) {
        blocks.push(`See [${sentence(3).slice(0, -1)}](https://example.com/${word()}) and ![${word()}](photo-${i}.jpg).`);
        count += 5;
      } else {
        const n = 3 + Math.floor(rnd() * 5);
        blocks.push(Array.from({ length: n }, () => sentence(8 + Math.floor(rnd() * 14))).join(' '));
        count += n * 15;
      }
    }
    wordCount += count;
    const tags = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => TAGS[Math.floor(rnd() * TAGS.length)]);
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 11 * 365) * 86_400_000).toISOString().slice(0, 10);
    const status = rnd() < 0.6 ? 'published' : 'draft';
    let text = `---\ntitle: "${title}"\ndate: ${date}\nstatus: ${status}\ntags: [${[...new Set(tags)].join(', ')}]\n---\n\n${blocks.join('\n\n')}\n`;
    if (rnd() < 0.15) text = text.replace(/\n/g, '\r\n'); // written on Windows
    bytes += Buffer.byteLength(text);
    // Throwaway data in a temp folder: plain writes, no fsync per file.
    write.push(fs.mkdir(path.join(root, 'posts', id)).then(() => fs.writeFile(path.join(root, 'posts', id, 'index.md'), text)));
    if (write.length >= 64) await Promise.all(write.splice(0));
  }
  await Promise.all(write);
  await fs.writeFile(path.join(root, 'vocabulary.json'), JSON.stringify({ words, titles, tags: TAGS }));
  return { bytes, words: wordCount };
}

// ---- helpers ----

function random(seed) {
  let state = createHash('sha256').update(String(seed)).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function round(n) {
  return Math.round(n * 10) / 10;
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function printTable(results, machine) {
  const rows = [
    ['posts', (r) => r.posts.toLocaleString('en')],
    ['library size', (r) => `${r.libraryMB} MB`],
    ['cold: post list ready', (r) => `${r.coldListMs} ms`],
    ['cold: full-text search ready', (r) => `${r.coldSearchableMs} ms`],
    ['cache file', (r) => `${r.cacheMB} MB`],
    ['open from cache: post list ready', (r) => `${r.openListMs} ms`],
    ['open from cache: search ready', (r) => `${r.openSearchableMs} ms`],
    ['open: longest event-loop block', (r) => `${r.openLongestBlockMs} ms`],
    ['heap after open', (r) => `${r.heapMB} MB`],
    ['search p50 / p95 (median of 3 runs)', (r) => `${r.searchP50Ms} / ${r.searchP95Ms} ms`],
    ['search max (median of 3 runs)', (r) => `${r.searchMaxMs} ms`],
    ['search p50 / p95, first run', (r) => `${r.firstPassSearchP50Ms} / ${r.firstPassSearchP95Ms} ms`],
    ['save + index update p50 / p95', (r) => `${r.saveP50Ms} / ${r.saveP95Ms} ms`],
    ['flush (write cache)', (r) => `${r.flushMs} ms`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const cells = rows.map(([name, f]) => [name.padEnd(width), ...results.map((r) => f(r).padStart(16))].join(' '));
  console.log(`\nLibrary index, ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverageAtEnd.join(' ')}`);
  console.log(cells.join('\n'));
  for (const r of results) console.log(`slowest queries at ${r.posts}: ${r.slowestQueries.join('; ')}`);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await main();
}
