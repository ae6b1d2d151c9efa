/// Builds the Node side once before the suites that run it as a child process, so they
/// never test a stale bundle.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.join('scripts', 'build-main.mjs')], { stdio: 'inherit' });
}
