/// The built `postwright` command as a user types it: a child process on one library, its state in
/// its own folder, `input` on stdin. It never rejects, so a test can assert the exit code it got.
import { execFile } from 'node:child_process';
import path from 'node:path';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const bin = path.resolve(__dirname, '..', '..', 'bin', 'postwright.cjs');

export function runPostwright(library: string, stateDir: string, args: string[], input = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args, '--library', library], { env: { ...process.env, POSTWRIGHT_STATE_DIR: stateDir } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
