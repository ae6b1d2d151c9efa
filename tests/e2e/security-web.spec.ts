/// The browser host's key must never reach another local server. A second server on another
/// 127.0.0.1 port records everything the studio's browser sends it (images in a post,
/// navigations in the same browser); every header, cookie and address piece it got is then
/// replayed against the API, which must refuse each one.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import type { RunningHost } from './host';

// A 2×2 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4/5/h/38GBgYGBgYGAAk+Af8bfhkhAAAAAElFTkSuQmCC', 'base64');

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/// Another local server the blogger happens to run (a dev server, a notebook, …).
async function otherServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    if (/\.png$/.test(req.url ?? '')) res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Other server</title><p>hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function writePost(library: string, id: string, title: string, body: string, files: Record<string, Buffer> = {}): void {
  const dir = path.join(library, 'posts', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\ntitle: ${title}\n---\n\n${body}\n`);
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
}

/// Everything in a request that could be a credential: whole headers, cookie values, and
/// every word of the address and the headers.
function candidates(request: Received): string[] {
  const found = new Set<string>();
  const add = (text: string) => {
    for (const word of text.split(/[\s;,=&/?#:"]+/)) if (word.length >= 8) found.add(word);
  };
  add(decodeURIComponent(request.url));
  for (const value of Object.values(request.headers)) for (const text of [value ?? ''].flat()) add(text);
  return [...found];
}

async function replay(api: APIRequestContext, host: RunningHost, request: Received): Promise<string[]> {
  const accepted: string[] = [];
  const attempts: Array<Record<string, string>> = [];
  if (request.headers.cookie) attempts.push({ Cookie: request.headers.cookie });
  if (request.headers.authorization) attempts.push({ Authorization: request.headers.authorization });
  for (const word of candidates(request)) attempts.push({ Authorization: `Bearer ${word}` });
  for (const headers of attempts) {
    const answer = await api.post(`${host.origin}/api/posts.list`, { headers: { 'Content-Type': 'application/json', ...headers }, data: [] });
    if (answer.status() !== 401) accepted.push(`${request.url} ${JSON.stringify(headers)} -> ${answer.status()}`);
  }
  return accepted;
}

test('nothing the studio’s browser sends another local server authorizes the API', async ({ host, library, studio, page, context, request }) => {
  const other = await otherServer();
  try {
    const at = `http://127.0.0.1:${other.port}`;
    writePost(
      library,
      'loopback-images',
      'Loopback images',
      [
        `![markdown image](${at}/markdown.png)`,
        `<img alt="html image" src="${at}/html.png">`,
        `![reference image][ref]`,
        `<img alt="srcset image" srcset="http://localhost:${other.port}/srcset.png 2x">`,
        '',
        `[ref]: ${at}/reference.png`,
      ].join('\n'),
    );
    await studio.open(host);
    await studio.openPost('Loopback images');
    const images = studio.articleBody.locator('img');
    await expect(images).toHaveCount(4);
    // Each image has been tried (loaded or refused) before the other server is examined.
    await expect.poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete))).toBe(true);

    // The same tab, then a new tab of the same browser, go to the other server.
    await page.goto(`${at}/landing`);
    await expect(page.getByText('hello')).toBeVisible();
    const tab = await context.newPage();
    await tab.goto(`${at}/tab?from=studio`);
    await expect(tab.getByText('hello')).toBeVisible();
    await tab.close();

    expect(other.received.length).toBeGreaterThanOrEqual(2);
    const accepted: string[] = [];
    for (const received of other.received) accepted.push(...(await replay(request, host, received)));
    expect(accepted).toEqual([]);
    expect(JSON.stringify(other.received)).not.toContain(host.token);
  } finally {
    await other.close();
  }
});

test('the key leaves the address bar, survives a reload in the tab, and a bare address says what to do', async ({ host, studio, page, context }) => {
  await studio.open(host);
  await expect(page).toHaveURL(`${host.origin}/`);
  const cookies = await context.cookies();
  expect(cookies).toEqual([]);
  await page.reload();
  await expect(studio.posts.getByRole('option').first()).toBeVisible();

  const fresh = await context.newPage();
  await fresh.goto(`${host.origin}/`);
  await expect(fresh.getByRole('alert')).toContainText('Open the whole address');
  // Pasting the printed address into that tab changes only its fragment; the studio opens.
  await fresh.goto(host.url);
  await expect(fresh.getByRole('listbox', { name: 'Posts' }).getByRole('option').first()).toBeVisible();
  await expect(fresh).toHaveURL(`${host.origin}/`);
  await fresh.close();
});

test('images beside a post still show in the preview, without the API key in their address', async ({ host, library, studio, page }) => {
  writePost(
    library,
    'rock-pools',
    'Rock pools',
    ['![anemone](anemone.png)', '', '![crab](./img/crab.png)', '', '<img alt="limpet" src="limpet.png">'].join('\n'),
    { 'anemone.png': PNG, 'img/crab.png': PNG, 'limpet.png': PNG },
  );
  const stored = await page.context().cookies();
  expect(stored).toEqual([]);
  await studio.open(host);
  await studio.openPost('Rock pools');
  for (const name of ['anemone', 'crab', 'limpet']) {
    const image = studio.articleBody.getByRole('img', { name });
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    expect(await image.evaluate((img) => (img as HTMLImageElement).src)).not.toContain(host.token);
  }
  // The same after a reload in the tab (the key now comes from session storage).
  await page.reload();
  await studio.openPost('Rock pools');
  await expect.poll(() => studio.articleBody.getByRole('img', { name: 'crab' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
});
