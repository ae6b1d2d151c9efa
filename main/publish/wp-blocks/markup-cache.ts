/// Block markup already made, kept by what it was made from: WordPress's block library takes
/// seconds to load (a minute on a busy machine), and every `postwright publish` is a new
/// process. A dry run, the publish after it and a republish of an unchanged post build the same
/// blocks, so only the first of them needs the library. Keyed by the block specs and the
/// library's version; a cache, so any failure to read or write it only means loading the library.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stateDir } from '../../state-dir';
import type { BlockSpec } from './html-to-blocks';

/// More entries than this and the older half is dropped (each is a post's markup, a few KB).
const MOST = 2000;

let version: string | null = null;
function libraryVersion(): string {
  if (version === null) {
    const load = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
    version = (load('@wordpress/block-library/package.json') as { version: string }).version;
  }
  return version;
}

const folder = () => path.join(stateDir(), 'cache', 'wp-blocks');
const keyOf = (specs: BlockSpec[]) => createHash('sha256').update(libraryVersion()).update('\0').update(JSON.stringify(specs)).digest('hex');

export function cachedMarkup(specs: BlockSpec[]): string | null {
  try {
    return readFileSync(path.join(folder(), `${keyOf(specs)}.html`), 'utf8');
  } catch {
    return null;
  }
}

export function keepMarkup(specs: BlockSpec[], markup: string): void {
  try {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${keyOf(specs)}.html`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, markup, { mode: 0o600 });
    renameSync(temp, file);
    prune(dir);
  } catch {
    // Only a cache: the next publish makes the markup again.
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((name) => name.endsWith('.html'));
  if (names.length <= MOST) return;
  const aged = names.map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs })).sort((a, b) => a.at - b.at);
  for (const { name } of aged.slice(0, aged.length - MOST / 2)) rmSync(path.join(dir, name), { force: true });
}
