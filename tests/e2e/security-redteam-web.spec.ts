/// The browser host attacked from inside the studio's own page: files a post folder carries
/// (a script, a stylesheet, an SVG) must never become code or style of the studio, whose CSP
/// trusts everything from its own origin ('self').
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const POST = 'borrowed-code';

function writeHostilePost(library: string): void {
  const dir = path.join(library, 'posts', POST);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Borrowed code\n---\n\nA post that brought files of its own.\n');
  const steal = 'sessionStorage.getItem("postwright.token")';
  writeFileSync(path.join(dir, 'payload.js'), `window.__stolen = ${steal};`);
  writeFileSync(path.join(dir, 'worker.js'), 'self.postMessage("ran");');
  writeFileSync(path.join(dir, 'payload.mjs'), `window.__stolen = ${steal};`);
  writeFileSync(path.join(dir, 'payload.css'), 'body { --stolen: yes; }');
  writeFileSync(
    path.join(dir, 'drawing.svg'),
    `<svg xmlns="http://www.w3.org/2000/svg"><script>document.title = 'ran: ' + ${steal};</script><rect width="2" height="2"/></svg>`,
  );
}

/// The files address the studio itself uses, asked with the tab's own key.
async function filesBase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('postwright.token') ?? '';
    const answer = await fetch('api/library.filesBase', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '[]' });
    return ((await answer.json()) as { value: string }).value;
  });
}

test('a script or stylesheet beside a post never runs or applies in the studio, whatever loads it', async ({ host, library, studio, page }) => {
  writeHostilePost(library);
  await studio.open(host);
  const base = `${await filesBase(page)}${POST}/`;

  const outcome = await page.evaluate(async (base) => {
    // Resolves with the element's load or error event: the browser has decided either way.
    const settle = (element: HTMLScriptElement | HTMLLinkElement) =>
      new Promise<string>((resolve) => {
        element.addEventListener('load', () => resolve('loaded'));
        element.addEventListener('error', () => resolve('refused'));
        document.head.append(element);
      });
    const classic = Object.assign(document.createElement('script'), { src: `${base}payload.js` });
    const module = Object.assign(document.createElement('script'), { src: `${base}payload.mjs`, type: 'module' });
    const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `${base}payload.css` });
    const worker = await new Promise<string>((resolve) => {
      const w = new Worker(`${base}worker.js`);
      w.addEventListener('message', () => resolve('ran'));
      w.addEventListener('error', () => resolve('refused'));
    });
    return {
      classic: await settle(classic),
      module: await settle(module),
      style: await settle(style),
      worker,
      stolen: (window as unknown as { __stolen?: string }).__stolen ?? null,
      css: getComputedStyle(document.body).getPropertyValue('--stolen'),
    };
  }, base);

  expect(outcome).toEqual({ classic: 'refused', module: 'refused', style: 'refused', worker: 'refused', stolen: null, css: '' });
});

test('an SVG beside a post, opened directly, runs nothing and still draws', async ({ host, library, studio, page, context }) => {
  writeHostilePost(library);
  await studio.open(host);
  const base = `${await filesBase(page)}${POST}/`;
  const tab = await context.newPage();
  const answer = await tab.goto(`${host.origin}/${base}drawing.svg`);
  expect(answer?.status()).toBe(200);
  await expect(tab.locator('rect')).toHaveCount(1);
  expect(await tab.title()).not.toContain('ran');
  await tab.close();
});
