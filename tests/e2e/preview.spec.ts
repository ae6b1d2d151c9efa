import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { xssPayloads } from '../fixtures/xss-payloads';
import { expect, test } from './fixtures';
import { ROOT } from './host';

function writePost(library: string, id: string, text: string): string {
  const dir = path.join(library, 'posts', id);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.md');
  writeFileSync(file, text);
  return file;
}

const LAB_POST = `---
title: Measuring pH with red cabbage
date: 2026-11-20
tags: [chemistry, kitchen-science]
---

Red cabbage juice is a natural **pH indicator**: it turns *pink* in acids and green in bases.[^1]

## Method

1. Chop half a cabbage and simmer it for ten minutes.
2. Strain the purple liquid into clear glasses.
3. Add ~~a little~~ one teaspoon of each test liquid.

| Liquid | Colour | Estimated pH |
|--------|--------|-------------:|
| Lemon juice | pink | 2 |
| Baking soda | green | 9 |

- [x] lemon juice
- [ ] laundry detergent

The hydrogen ion concentration is $[H^+] = 10^{-\\text{pH}}$, so

$$
\\text{pH} = -\\log_{10}[H^+]
$$

\`\`\`js
const ph = (h) => -Math.log10(h);
\`\`\`

<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/abc123" title="Cabbage indicator"></iframe>

See https://example.org/cabbage for more.

[^1]: Anthocyanins change shape with pH.
`;

test('the preview shows exactly the HTML that `postwright render` prints', async ({ host, library, studio }) => {
  const file = writePost(library, 'red-cabbage', LAB_POST);
  await studio.open(host);
  await studio.openPost('Measuring pH with red cabbage');
  await expect(studio.articleBody.locator('.katex-display')).toBeVisible();

  const cli = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'postwright.cjs'), 'render', file], { encoding: 'utf8' });
  const preview = await studio.articleBody.evaluate((element) => element.innerHTML);
  expect(preview).toBe(cli.replace(/\n$/, ''));
  // And it is the real article, not an empty string on both sides.
  await expect(studio.articleBody.locator('table tbody tr')).toHaveCount(2);
  await expect(studio.articleBody.locator('.footnotes li')).toHaveCount(1);
  await expect(studio.articleBody.locator('input[type=checkbox]')).toHaveCount(2);
  await expect(studio.articleBody.locator('code.language-js .hljs-keyword').first()).toHaveText('const');
  await expect(studio.articleBody.locator('iframe[src^="https://www.youtube-nocookie.com/embed/"]')).toHaveCount(1);
  await expect(studio.articleBody.locator('a[href="https://example.org/cabbage"]')).toHaveCount(1);
});

test('no known XSS payload runs in the preview', async ({ host, library, studio, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const body = xssPayloads.map((payload, index) => `Payload ${index}\n\n${payload}\n`).join('\n');
  writePost(library, 'xss', `---\ntitle: Hostile post\n---\n\n${body}\n\nEnd of payloads.\n`);
  await studio.open(host);
  await studio.openPost('Hostile post');
  await expect(studio.articleBody).toContainText('End of payloads.');
  // Give timers, image errors and animations a moment to fire if anything survived.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 500))));
  await studio.articleBody.locator('a').evaluateAll((links) => links.forEach((link) => link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))));

  expect(dialogs).toEqual([]);
  const leftovers = await studio.articleBody.evaluate((root) => {
    const found: string[] = [];
    for (const element of root.querySelectorAll('*')) {
      if (['SCRIPT', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK', 'FORM', 'STYLE'].includes(element.tagName)) found.push(element.tagName);
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith('on')) found.push(`${element.tagName}[${attribute.name}]`);
        if (/^\s*(javascript|vbscript|data):/i.test(attribute.value) && ['href', 'src', 'action', 'xlink:href', 'formaction'].includes(attribute.name)) {
          found.push(`${element.tagName}[${attribute.name}=${attribute.value}]`);
        }
      }
    }
    return found;
  });
  expect(leftovers).toEqual([]);
  await expect(page).toHaveURL(new RegExp(`^${host.origin}/`));
});

test('after typing, block by block, the preview still shows exactly what `postwright render` prints', async ({ host, library, studio, page }) => {
  const file = writePost(library, 'red-cabbage', LAB_POST);
  await studio.open(host);
  await studio.openPost('Measuring pH with red cabbage');
  await expect(studio.articleBody.locator('.katex-display')).toBeVisible();

  // Into the middle of the first paragraph, then new blocks, a heading turned into text
  // (it joins the paragraph above), a list item and a deletion.
  await studio.editorContent.getByText('Red cabbage juice is').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Purple, then **blue**.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('\n## Safety\n\nWear goggles.\n- gloves\napron'); // Enter continues the list
  await studio.editorContent.getByText('## Method').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await studio.typeAtEnd('\nOne more line, typed last.');
  await studio.save();

  const render = () => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'postwright.cjs'), 'render', file], { encoding: 'utf8' }).replace(/\n$/, '');
  await expect(studio.articleBody.getByRole('heading', { name: 'Safety' })).toBeVisible();
  await expect.poll(() => studio.articleBody.evaluate((element) => element.innerHTML)).toBe(render());
  await expect(studio.articleBody.locator('li')).toContainText(['gloves', 'apron', 'Chop half', 'Strain', 'Add', 'lemon juice', 'laundry detergent']);
});

test('links in the preview: a footnote scrolls the preview, an outside link leaves it in place', async ({ host, library, studio, page }) => {
  writePost(library, 'red-cabbage', LAB_POST);
  await studio.open(host);
  await studio.openPost('Measuring pH with red cabbage');
  const footnote = studio.articleBody.locator('.footnotes li');
  await expect(footnote).toHaveCount(1);
  await studio.articleBody.locator('.footnote-ref a').click();
  await expect(footnote).toBeInViewport();
  await studio.articleBody.locator('a[href="https://example.org/cabbage"]').click();
  // The preview frame still shows the article; nothing navigated it (or the app) away.
  await expect(studio.articleBody.locator('.katex-display')).toBeVisible();
  expect(page.frames().map((frame) => frame.url())).not.toContain('https://example.org/cabbage');
  await expect(page).toHaveURL(new RegExp(`^${host.origin}/`));
});

test('a long post typed into as soon as it opens: the preview, filled in a part at a time, ends exactly as `postwright render` prints', async ({ host, library, studio, page }) => {
  // 1,000 blocks (about 15,000 words): long enough to be shown in parts.
  const blocks = Array.from({ length: 500 }, (_, i) => `## Pool ${i}\n\nThe anemones at pool ${i} closed as the tide went out; we counted $c_{${i}} = ${i % 37}$ crabs.`);
  const file = writePost(library, 'long-survey', `---\ntitle: A long survey\n---\n\n${blocks.join('\n\n')}\n\nThe last line.[^1]\n\n[^1]: Counted twice.\n`);
  await studio.open(host);
  await studio.openPost('A long survey');
  // The first key goes in as soon as the editor shows the post, while the preview fills in.
  await studio.editorContent.getByText('The anemones at pool 0 closed').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Typed at once.');
  await studio.typeAtEnd('\n\nAnd at the very end.');
  await studio.save();

  const render = () => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'postwright.cjs'), 'render', file], { encoding: 'utf8' }).replace(/\n$/, '');
  // The article as shown, its sections unwrapped (the preview groups a long post into them).
  const shown = () => studio.articleBody.evaluate((body) => [...body.childNodes].map((node) => (node.nodeName.toLowerCase() === 'pw-section' ? (node as Element).innerHTML : node.nodeType === 1 ? (node as Element).outerHTML : node.textContent)).join(''));
  await expect.poll(shown, { timeout: 20_000 }).toBe(render());
  await expect(studio.articleBody).toContainText('Typed at once.');
  await expect(studio.articleBody.locator('pw-section').first()).toBeAttached();
  await expect(studio.articleBody.locator('.footnotes li')).toHaveCount(1);
});
