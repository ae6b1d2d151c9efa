/// `npm start` where no Electron binary can be had: one clear paragraph, no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

it('explains how to use the browser host when Electron is missing', () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'pw-no-electron-'));
  try {
    const result = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'start-electron.mjs')], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Postwright could not open its desktop window');
    expect(result.stderr).toContain('npm run web');
    expect(result.stderr).toContain(empty);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
