// `npm start`: finds the Electron binary (downloading it on first use, as the electron
// package does) and starts the app. Where it cannot be had, says so in plain words.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
let binary = electronBinary(root);
let downloadError = '';

// A chosen ELECTRON_OVERRIDE_DIST_PATH is used as it is; otherwise fetch the binary once.
if (!binary && !override) {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (existsSync(installer)) {
    process.stdout.write('Downloading Electron for this computer (first start only)…\n');
    const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], cwd: path.dirname(installer), timeout: 10 * 60_000 });
    binary = electronBinary(root);
    if (!binary) downloadError = firstErrorLine(String(result.stderr ?? ''));
  }
}

if (!binary) {
  const version = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const why = override
    ? `there is no Electron ${version} binary in ELECTRON_OVERRIDE_DIST_PATH (${override})`
    : `the Electron ${version} runtime is not on this computer and could not be downloaded${downloadError ? ` (${downloadError})` : ''}; there may be no internet connection`;
  process.stderr.write(
    `\nPostwright could not open its desktop window: ${why}. ` +
      'You can use Postwright right now in your browser instead: run `npm run web` and open the address it prints. ' +
      'To use the desktop app, connect to the internet and run `npm start` again, or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds an Electron binary.\n\n',
  );
  process.exit(1);
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));

function firstErrorLine(stderr) {
  const line = stderr.split('\n').find((text) => /error|failed/i.test(text)) ?? '';
  return line.replace(/^\s*\w*Error:\s*/, '').trim().slice(0, 200);
}
