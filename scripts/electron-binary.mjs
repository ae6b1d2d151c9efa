// Where the Electron binary is, without requiring the electron module (which would try to
// download it): ELECTRON_OVERRIDE_DIST_PATH, else the package's dist/. Null when absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NAMES = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

export function electronBinary(root) {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (NAMES[process.platform] ?? 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}
