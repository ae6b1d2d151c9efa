// The Node side's heap after long use, for `npm run bench` to call or on its own:
//   node --expose-gc scripts/bench/heap.mjs [--saves=1200] [--publishes=200]
// One process holds the services as the browser host does (library, publishing), then does an
// hour of a writer's work: a save every three seconds, each with the article rendered as
// publishing renders it (the post has a raw <iframe>, so DOMPurify on jsdom runs every time),
// and 200 publishes to a local git site. The heap is read after a full GC before and after.
// Prints one JSON object; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importForBench } from '../bundle-node.mjs';
import { generatePost } from './post.mjs';

const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test' };

export async function measureHeap({ saves = 1200, publishes = 200 } = {}) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const pipeline = await importForBench(EXPORTS, 'heap');
  const work = mkdtempSync(path.join(os.tmpdir(), 'pw-bench-heap-'));
  const services = await pipeline.openServices(path.join(work, 'library'), { secrets: new pipeline.MemorySecretStore() });
  try {
    const site = gitSite(work);
    await services.publishing.targets.add({ settings: { name: 'site', kind: 'static-git', repoPath: site, generator: 'hugo', branch: 'main', remote: 'origin' } });
    const post = await services.library.create('Heap bench');
    const id = post.summary.id;
    // Without the generated post's images, which this library does not have.
    const prose = pipeline.parsePostFile(generatePost(2_000).text).body.replace(/!\[[^\]]*\]\([^)]*\)/g, '');
    const body = `${prose}\n\n<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen></iframe>\n`;
    let hash = post.hash;
    let text = `---\ntitle: Heap bench\n---\n\n${body}`;
    const purify = pipeline.createNodePurify();
    const cycle = async (i) => {
      text = text.replace(/\n$/, ` ${i % 10}\n`);
      hash = (await services.library.save(id, text, hash)).hash;
      pipeline.renderArticle(pipeline.parsePostFile(text).body, purify);
    };
    // Warm up: every code path once, so the figure before counts what is loaded.
    for (let i = 0; i < 5; i++) await cycle(i);
    await services.publishing.publish(id, 'site');
    ({ hash, text } = await services.library.get(id));
    const before = await heapMB();

    const started = performance.now();
    for (let i = 0; i < saves; i++) await cycle(i);
    const savesMs = performance.now() - started;
    const afterSaves = await heapMB();
    const publishStarted = performance.now();
    for (let i = 0; i < publishes; i++) {
      await cycle(i);
      await services.publishing.publish(id, 'site');
      // Publishing records where the post went in its front matter: a new file on disk.
      ({ hash, text } = await services.library.get(id));
    }
    const publishMs = performance.now() - publishStarted;
    const after = await heapMB();
    return {
      saves,
      publishes,
      heapBeforeMB: before,
      heapAfterSavesMB: afterSaves,
      heapAfterMB: after,
      growthMB: round(after - before),
      savesPerSecond: round(saves / (savesMs / 1000)),
      publishMsEach: round(publishMs / publishes),
    };
  } finally {
    await services.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/// A bare repository as the site's remote and a clone to publish into, as a Hugo site in git.
function gitSite(work) {
  const remote = path.join(work, 'remote.git');
  const clone = path.join(work, 'site');
  const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: gitEnv, stdio: 'pipe' });
  git(work, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(work, 'clone', '--quiet', remote, clone);
  writeFileSync(path.join(clone, 'hugo.toml'), 'title = "Bench"\n');
  git(clone, 'add', '-A');
  git(clone, 'commit', '--quiet', '-m', 'A new blog');
  git(clone, 'push', '--quiet', '-u', 'origin', 'main');
  return clone;
}

/// Used heap after the pending jobs have run (jsdom frees its documents then) and a full GC.
async function heapMB() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    globalThis.gc();
  }
  return round(process.memoryUsage().heapUsed / 2 ** 20);
}

// What this bench loads of the project, bundled (importForBench).
const EXPORTS = [
      "export { openServices } from './main/services';",
      "export { MemorySecretStore } from './main/publish/secrets';",
      "export { renderArticle } from './shared/render/index';",
      "export { parsePostFile } from './shared/frontmatter';",
      "export { createNodePurify } from './main/render/node-purify';",
    ];

function round(n) {
  return Math.round(n * 10) / 10;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  console.log(JSON.stringify(await measureHeap({ saves: arg('saves', 1200), publishes: arg('publishes', 200) }), null, 2));
}
