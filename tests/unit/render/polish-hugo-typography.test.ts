// The preview shown as on a Hugo site curls quotes and sets dashes as Hugo's Goldmark
// typographer does: the same Markdown is built by the real Hugo (when installed) and rendered
// by the preview, and each block's text must read the same.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { textAsShown } from '../../../renderer/src/preview/theme-text';
import { renderArticle } from '../../../shared/render/index';
import { hugoTypography, newHugoQuotes } from '../../../shared/typographer-hugo';

const hasHugo = (() => {
  try {
    execFileSync('hugo', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const BODY = `He said "hello" and 'bye'. It's the '90s -- really --- yes... and "nested 'single' quotes".

Rock pools are small worlds. Each one is a lesson in "making do" -- salt, sun and waiting.

The last paragraph says it's all about patience...

"Start of para" and end "quote".

A 5'10" man. Don't "x"y and x"y" 'tis. The Smiths' dog, rock 'n' roll, I'm sure you'd say I've, we'll, they're.

Code \`"not" -- touched\` here, and *"emphasis"* too.

- "list item" it's
- a 'single' one

> "Quote" here -- too

"Hello," she said. "Why?" 'Yes!' (Maybe "this").

Dash-separated words, a - b, a--b, en--dash. Ellipsis.... Two ''double singles''. A "Monitor 21"" size.

| "Cell" | it's |
|---|---|
| 'a' -- b | c... |

Line one "opens
and closes" on the next line.
`;

let dir: string | undefined;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// Each block's text as the real Hugo builds it.
function hugoBlocks(markdown: string): string[] {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pw-hugo-typo-'));
  mkdirSync(path.join(dir, 'content', 'posts'), { recursive: true });
  mkdirSync(path.join(dir, 'layouts', '_default'), { recursive: true });
  writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "http://site.test/"\ntitle = "t"\n');
  writeFileSync(path.join(dir, 'layouts', '_default', 'single.html'), '{{ .Content }}');
  writeFileSync(path.join(dir, 'content', 'posts', 'a.md'), `---\ntitle: a\n---\n\n${markdown}`);
  execFileSync('hugo', ['--quiet'], { cwd: dir, stdio: 'ignore' });
  return blocksOf(new JSDOM(readFileSync(path.join(dir, 'public', 'posts', 'a', 'index.html'), 'utf8')).window.document.body);
}

function blocksOf(root: Element): string[] {
  return [...root.querySelectorAll('p, li, th, td')].map((el) => el.textContent!.trim());
}

describe('Hugo’s typography in the preview', () => {
  it.skipIf(!hasHugo)('reads as the real Hugo build of the same Markdown', () => {
    const expected = hugoBlocks(BODY);
    const { document } = new JSDOM('<!DOCTYPE html><body><div id="a"></div></body>').window;
    const article = document.getElementById('a')!;
    article.innerHTML = renderArticle(BODY, createNodePurify());
    textAsShown(article, 'hugo');
    expect(blocksOf(article)).toEqual(expected);
    expect(expected[1]).toContain('“making do” –');
  });

  it('leaves what it already curled as it is, so the preview can run it again after each patch', () => {
    // Angle quotes (Postwright's Markdown would take <<quote>> for HTML, so only here).
    expect(hugoTypography('<< and >>', newHugoQuotes())).toBe('\u00ab and \u00bb');
    const once = hugoTypography(`"Hello," she said -- it's 'x' "y"z...`, newHugoQuotes());
    expect(hugoTypography(once, newHugoQuotes())).toBe(once);
  });
});
