/// The library's own settings, `.postwright/settings.json`, kept with the library so they travel
/// with it and the CLI reads the same ones as the app. A missing or damaged file means defaults
/// (a render never fails over it); keys this version does not know are kept on save.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LibrarySettings } from '../../shared/api';
import { cleanWords } from '../../shared/science-words';
import { writeFileAtomic } from '../fs/atomic-write';

export const SETTINGS_FILE = path.join('.postwright', 'settings.json');

async function readRaw(root: string): Promise<Record<string, unknown>> {
  const text = await fs.readFile(path.join(root, SETTINGS_FILE), 'utf8').catch(() => null);
  if (text === null) return {};
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function readLibrarySettings(root: string): Promise<LibrarySettings> {
  const words = cleanWords((await readRaw(root)).words);
  return words ? { words } : {};
}

export async function saveLibrarySettings(root: string, settings: LibrarySettings): Promise<LibrarySettings> {
  const raw = await readRaw(root);
  const next = { ...raw, ...settings };
  await fs.mkdir(path.join(root, '.postwright'), { recursive: true });
  await writeFileAtomic(path.join(root, SETTINGS_FILE), `${JSON.stringify(next, null, 2)}\n`, { root, displayName: 'the library settings' });
  return readLibrarySettings(root);
}
