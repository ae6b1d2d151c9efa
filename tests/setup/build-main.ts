/// Builds the Node side once before the suites that run it as a child process, so they
/// never test a stale bundle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, [path.join('scripts', 'build-main.mjs')], { stdio: 'inherit' });
  // Backups and the recent-libraries list go to a throwaway folder, never the user's own.
  const state = mkdtempSync(path.join(os.tmpdir(), 'postwright-state-'));
  process.env.POSTWRIGHT_STATE_DIR = state;
  return () => rmSync(state, { recursive: true, force: true });
}
