/// `postwright://app/files/…` after the user opens another library: the page must get the new
/// library's files. The handler is the one the app installs, fed the app's real services.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { openServices, type Services } from '../../../main/services';

// Loaded as the other main/electron tests load it; this file of that folder needs no Electron.
const { appSchemeHandler } = await import('../../../main/electron/app-scheme');

let dir: string;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pw-scheme-'));
  for (const name of ['Old', 'New']) {
    mkdirSync(path.join(dir, name, 'posts', 'hello'), { recursive: true });
    writeFileSync(path.join(dir, name, 'posts', 'hello', 'photo.txt'), `the ${name} library`);
  }
  services = await openServices(path.join(dir, 'Old'), { secrets: new MemorySecretStore() });
});

afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

// Electron's net.fetch of a file:// URL, done with the file system.
const fetchFile = async (fileUrl: string) => new Response(readFileSync(fileURLToPath(fileUrl)));

it('serves the files of the library that is open now, not the one open at start-up', async () => {
  const handle = appSchemeHandler(path.join(dir, 'renderer'), services, fetchFile);
  const get = async () => (await handle(new Request('postwright://app/files/hello/photo.txt'))).text();
  expect(await get()).toBe('the Old library');
  await services.switchTo(path.join(dir, 'New'));
  expect(await get()).toBe('the New library');
});

it('marks everything it serves as readable by the app only, as the browser host does', async () => {
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(renderer, 'app.js'), '');
  const handle = appSchemeHandler(renderer, services, fetchFile);
  for (const address of ['postwright://app/', 'postwright://app/app.js', 'postwright://app/files/hello/photo.txt']) {
    const response = await handle(new Request(address));
    expect(response.status, address).toBe(200);
    expect(response.headers.get('cross-origin-resource-policy'), address).toBe('same-origin');
    expect(response.headers.get('x-content-type-options'), address).toBe('nosniff');
  }
});

it('serves a post folder’s script, stylesheet and markdown as nothing the app would run or show', async () => {
  const post = path.join(dir, 'Old', 'posts', 'hello');
  writeFileSync(path.join(post, 'evil.js'), 'window.stolen = true');
  writeFileSync(path.join(post, 'evil.css'), 'body { display: none }');
  writeFileSync(path.join(post, 'index.md'), '# draft');
  const handle = appSchemeHandler(path.join(dir, 'renderer'), services, fetchFile);
  for (const name of ['evil.js', 'evil.css']) {
    const response = await handle(new Request(`postwright://app/files/hello/${name}`));
    expect(response.headers.get('content-type'), name).toBe('application/octet-stream');
  }
  expect((await handle(new Request('postwright://app/files/hello/index.md'))).status).toBe(404);
});
