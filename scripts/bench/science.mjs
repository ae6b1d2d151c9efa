// Citations' cost in the Node render pipeline, for `npm run bench` to call or on its own:
//   node scripts/bench/science.mjs
// The sample science post (tests/fixtures/science/review.md, eight citations from refs.bib, APA)
// against the same post with the citation syntax removed, and a generated 10,000-word post with
// 200 citations against the same post without them. Each render includes reading the
// bibliography and style (scienceRenderOptions), as `postwright render` does; the renderOnly
// columns render with them already read. Prints one JSON
// object; times are medians of several runs, and nothing here asserts a time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importForBench } from '../bundle-node.mjs';
import { generatePost } from './post.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'science');
const BUDGET_MS = 3_000;

/// `[see @a; @b, p. 7]` and `@a` (not `@fig:`-style labels, which are numbering, not citations).
const CITATION = /\[[^\]\n]*@[\w:-]+[^\]\n]*\]|(?<![\w@])@(?!fig:|tbl:|eq:|sec:)[A-Za-z][\w-]*\d{4}\b/g;
const stripCitations = (body) => body.replace(CITATION, '');

export async function measureScience() {
  const pipeline = await importForBench(EXPORTS, 'science');
  const post = pipeline.parsePostFile(readFileSync(path.join(fixtures, 'review.md'), 'utf8'));
  const scope = { dir: fixtures, root: fixtures };
  const keys = [...new Set([...readFileSync(path.join(fixtures, 'refs.bib'), 'utf8').matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]))];

  const render = async (data, body) => {
    const { options, problems } = await pipeline.scienceRenderOptions(data, scope);
    if (problems.length) throw new Error(problems.join('; '));
    return pipeline.renderArticle(body, pipeline.createNodePurify(), options);
  };
  const check = (html, citations) => {
    const count = (html.match(/class="citation"/g) ?? []).length;
    if (citations ? count !== citations : count !== 0) throw new Error(`expected ${citations} citations, rendered ${count}`);
  };

  const sampleWithout = stripCitations(post.body);
  check(await render(post.data, post.body), 8);
  check(await render({}, sampleWithout), 0);

  const generated = pipeline.parsePostFile(generatePost(10_000).text).body;
  const cited = withCitations(generated, keys, 200);
  check(await render(post.data, cited), 200);

  // The bibliography and style read once, then rendering alone with them.
  const { options } = await pipeline.scienceRenderOptions(post.data, scope);
  const purify = pipeline.createNodePurify();
  const only = (body, opts) => pipeline.renderArticle(body, purify, opts);
  const rows = [
    { post: 'sample review (APA)', words: words(post.body), citations: 8, withMs: await timed(() => render(post.data, post.body)), withoutMs: await timed(() => render({}, sampleWithout)), renderOnlyWithMs: await timed(() => only(post.body, options)), renderOnlyWithoutMs: await timed(() => only(sampleWithout, {})) },
    { post: 'generated (APA)', words: words(cited), citations: 200, withMs: await timed(() => render(post.data, cited)), withoutMs: await timed(() => render({}, generated)), renderOnlyWithMs: await timed(() => only(cited, options)), renderOnlyWithoutMs: await timed(() => only(generated, {})) },
  ];
  for (const row of rows) Object.assign(row, { ratio: round(row.withMs / row.withoutMs), renderOnlyRatio: round(row.renderOnlyWithMs / row.renderOnlyWithoutMs) });
  return { loadMs: await timed(() => pipeline.scienceRenderOptions(post.data, scope)), rows };
}

/// `count` citations spread evenly over the post's paragraphs, cycling through the keys.
function withCitations(body, keys, count) {
  const paragraphs = body.split('\n\n');
  const prose = paragraphs.map((p, i) => (/^[A-Za-z*]/.test(p) ? i : -1)).filter((i) => i >= 0);
  for (let n = 0; n < count; n++) {
    const at = prose[Math.floor((n * prose.length) / count)];
    const key = keys[n % keys.length];
    paragraphs[at] = `${paragraphs[at]} ${n % 3 === 0 ? `@${key} found the same` : `[@${key}, p. ${n + 1}]`}.`;
  }
  return paragraphs.join('\n\n');
}

const words = (text) => text.split(/\s+/).filter(Boolean).length;

async function timed(run) {
  await run();
  const times = [];
  const deadline = performance.now() + BUDGET_MS;
  while (times.length < 5 || (times.length < 20 && performance.now() < deadline)) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
}

// What this bench loads of the project, bundled (importForBench).
const EXPORTS = [
      "export { renderArticle } from './shared/render/index';",
      "export { parsePostFile } from './shared/frontmatter';",
      "export { scienceRenderOptions } from './main/science/render-options';",
      "export { createNodePurify } from './main/render/node-purify';",
    ];

function round(n) {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await measureScience(), null, 2));
}
