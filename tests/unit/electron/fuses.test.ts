/// The packaged app's Electron fuses. There is no Electron binary here to flip them on, so this
/// guards the electron-builder configuration that flips them when `npm run dist` packages the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const config = parse(readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown>; asar?: unknown };

describe('electron-builder fuses', () => {
  it.each([
    // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('packs the app into app.asar, which onlyLoadAppFromAsar requires', () => {
    expect(config.asar).toBe(true);
  });
});
