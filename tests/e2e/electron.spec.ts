/// The desktop app itself, through Playwright's Electron driver. It needs an Electron binary
/// (node_modules/electron/dist, or ELECTRON_OVERRIDE_DIST_PATH); machines without one skip
/// these tests and say why.
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { api } from '../../shared/api';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { expect, Studio, test } from './fixtures';
import { ROOT, stateDirFor } from './host';

const binary = electronBinary(ROOT);
test.skip(!binary, 'No Electron binary on this machine (it is downloaded on first use, and this machine has no internet). Set ELECTRON_OVERRIDE_DIST_PATH to run these tests.');

async function launch(library: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? '',
    args: [ROOT, `--library=${library}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, POSTWRIGHT_LIBRARY: '', POSTWRIGHT_STATE_DIR: stateDirFor(library) },
  });
}

test('the desktop app opens the library, saves an edit and shows it again after a restart', async ({ library }) => {
  let app = await launch(library);
  let studio = new Studio(await app.firstWindow());
  await expect(studio.post('Welcome to Postwright')).toBeVisible();
  await studio.openPost('Welcome to Postwright');
  await studio.typeAtEnd('\nWritten in the desktop app.');
  await studio.save();
  const file = path.join(library, 'posts', 'welcome', 'index.md');
  expect(readFileSync(file, 'utf8')).toContain('Written in the desktop app.');
  await app.close();

  app = await launch(library);
  studio = new Studio(await app.firstWindow());
  await studio.openPost('Welcome to Postwright');
  await expect(studio.editorContent).toContainText('Written in the desktop app.');
  await app.close();
});

test('the window is isolated: no Node, no raw IPC, no navigation away', async ({ library }) => {
  const app = await launch(library);
  const page = await app.firstWindow();
  await expect(page.getByRole('listbox', { name: 'Posts' })).toBeVisible();
  const exposed = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    bridge: Object.keys((window as unknown as { studio: object }).studio).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', bridge: [...Object.keys(api), 'on'].sort() });
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await expect(page).toHaveURL(/^postwright:\/\/app\//);
  await app.close();
});
