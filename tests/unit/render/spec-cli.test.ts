import spec from 'commonmark-spec';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { createMarkdown, renderArticle } from '../../../shared/render/index';
import { escapeAttributeBrackets } from '../../../shared/render/sanitize';
import { GFM_EXAMPLES } from './gfm-examples';
import { normalizeHtml } from './normalize-html';

/// The CommonMark 0.31.2 examples (npm `commonmark-spec`) and this project's GFM extension
/// examples (gfm-examples.ts), run through the built `postwright render`, compared as a reader's
/// browser holds them. Deviations, and why each is right for a blog: docs/render-deviations.md,
/// whose "Examples:" lines this test reads.

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/main/cli.cjs');
const DEVIATIONS_DOC = path.join(ROOT, 'docs/render-deviations.md');
// Spawning is slow on a loaded machine, so the examples go in a few files, each example after
// a marker paragraph. An example that would change its neighbours (a link definition they use,
// an unclosed fence) waits for a later file.
const FILES = 3;
const MARKER = 'PWSPLIT';

interface Example {
  key: string;
  markdown: string;
  html: string;
}

const tab = (text: string) => text.replace(/→/g, '\t');
const EXAMPLES: Example[] = [
  ...spec.tests.map((e) => ({ key: `cm-${e.number}`, markdown: tab(e.markdown), html: tab(e.html) })),
  ...GFM_EXAMPLES.map((e) => ({ key: `gfm-${e.name}`, markdown: e.markdown, html: e.html })),
];

/// Example key -> the heading of docs/render-deviations.md that explains it.
function readDeviations(): Map<string, string> {
  const reasons = new Map<string, string>();
  let heading = '';
  for (const line of readFileSync(DEVIATIONS_DOC, 'utf8').split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3).trim();
    const listed = /^Examples:\s*(.*)$/.exec(line);
    if (listed) for (const key of listed[1]!.split(/[\s,]+/).filter(Boolean)) reasons.set(key, heading);
  }
  return reasons;
}

// The parts of the preview's markup that are not the spec's business: block line numbers,
// heading ids (which also number repeats across a file) and lazy loading (a listed deviation
// for images only would hide nothing else).
const PREVIEW_ATTRIBUTES = / data-line="\d+"|(?<=<h[1-6]) id="[^"]*"/g;
// As a reader's browser holds it (helpers.ts reserialize, with one window for all examples).
const holder = new JSDOM('').window.document.createElement('body');
function reserialize(html: string): string {
  holder.innerHTML = html;
  return escapeAttributeBrackets(holder.innerHTML);
}
const compare = (html: string) => normalizeHtml(reserialize(html.replace(PREVIEW_ATTRIBUTES, '')));

const fileText = (examples: Example[]) => examples.map((e, i) => `${i > 0 ? '\n\n' : ''}${MARKER}${i}\n\n${e.markdown}`).join('');

function split(html: string, count: number): string[] {
  const parts = html.split(new RegExp(`<p data-line="\\d+">${MARKER}(\\d+)</p>\\n?`));
  const out = new Array<string>(count).fill('\u0000missing');
  for (let i = 1; i + 1 < parts.length; i += 2) out[Number(parts[i])] = parts[i + 1]!;
  return out;
}

const normalLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();
const PROBE = 'probe *text*';

/// Sorts the examples into at most FILES files so that each renders in its file as it does
/// alone: one definition of a link label per file, never beside a bracket that names it, and an
/// example that changes what follows it (an unclosed fence, an open HTML block) only last.
/// What fits in none is left over (mostly examples that each define `[foo]`).
function plan(): { files: Example[][]; leftover: Example[] } {
  const purify = createNodePurify();
  const md = createMarkdown('article');
  const render = (examples: Example[]) =>
    split(renderArticle(fileText(examples), purify), examples.length).map((p) => p.replace(PREVIEW_ATTRIBUTES, ''));
  const probe = render([{ key: 'probe', markdown: PROBE, html: '' }])[0];
  const facts = EXAMPLES.map((e) => {
    const env: { references?: Record<string, unknown> } = {};
    md.parse(e.markdown, env);
    const alone = render([e])[0];
    const [before, after] = render([e, { key: 'probe', markdown: PROBE, html: '' }]);
    return {
      e,
      alone,
      leaks: after !== probe || before !== alone,
      defines: Object.keys(env.references ?? {}).map(normalLabel),
      names: [...e.markdown.matchAll(/\[([^\]]*)\]/g)].map((m) => normalLabel(m[1]!)),
    };
  });
  const files: Example[][] = [];
  let waiting = facts;
  for (let n = 0; n < FILES && waiting.length > 0; n++) {
    const defined = new Set<string>();
    const named = new Set<string>();
    const file: typeof facts = [];
    let last: (typeof facts)[number] | undefined;
    const next: typeof facts = [];
    for (const fact of waiting) {
      const clash = fact.defines.some((l) => defined.has(l) || named.has(l)) || fact.names.some((l) => defined.has(l));
      if (clash || (fact.leaks && last)) {
        next.push(fact);
        continue;
      }
      fact.defines.forEach((l) => defined.add(l));
      fact.names.forEach((l) => named.add(l));
      if (fact.leaks) last = fact;
      else file.push(fact);
    }
    if (last) file.push(last);
    const parts = render(file.map((f) => f.e));
    const misfits = file.filter((f, i) => parts[i] !== f.alone);
    files.push(file.filter((f) => !misfits.includes(f)).map((f) => f.e));
    waiting = [...next, ...misfits];
  }
  return { files, leftover: waiting.map((f) => f.e) };
}

const run = promisify(execFile);
const rendered = new Map<string, string>();
let dir = '';
let viaCli = 0;

beforeAll(async () => {
  const built = statSync(CLI, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = readdirSync(path.join(ROOT, 'shared/render')).map((f) => statSync(path.join(ROOT, 'shared/render', f)).mtimeMs);
  if (built < Math.max(...sources)) throw new Error('dist/main/cli.cjs is missing or older than shared/render: run `node scripts/build-main.mjs` first.');
  dir = mkdtempSync(path.join(tmpdir(), 'postwright-spec-'));
  const { files, leftover } = plan();
  // A spawn per leftover example would take minutes here; they go through renderArticle, the
  // function `postwright render` prints (main/cli/render.ts), in this process instead.
  for (const e of leftover) rendered.set(e.key, renderArticle(e.markdown, createNodePurify()));
  viaCli = files.flat().length;
  await Promise.all(
    files.map(async (examples, n) => {
      const file = path.join(dir, `examples-${n}.md`);
      writeFileSync(file, fileText(examples));
      const { stdout } = await run(process.execPath, [CLI, 'render', file], { maxBuffer: 64 * 1024 * 1024 });
      split(stdout.replace(/\n$/, ''), examples.length).forEach((html, i) => rendered.set(examples[i]!.key, html));
    }),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const deviations = readDeviations();

describe('`postwright render` on the CommonMark 0.31.2 and GFM examples', () => {
  it('lists only examples that exist under the headings of docs/render-deviations.md', () => {
    const keys = new Set(EXAMPLES.map((e) => e.key));
    expect([...deviations.keys()].filter((key) => !keys.has(key))).toEqual([]);
    expect(EXAMPLES.length).toBeGreaterThan(650);
    // Nearly all through the built CLI; see plan() for the rest.
    expect(viaCli).toBeGreaterThan(600);
  });

  for (const example of EXAMPLES) {
    const reason = deviations.get(example.key);
    if (reason) {
      it(`${example.key} deviates: ${reason}`, () => {
        expect(compare(rendered.get(example.key)!)).not.toBe(compare(example.html));
      });
    } else {
      it(example.key, () => {
        expect(compare(rendered.get(example.key)!)).toBe(compare(example.html));
      });
    }
  }
});
