import { runCli, UsageError } from './index';

/// A reader that stops early (`postwright render post.md | head`) closes the pipe. The rest of
/// the output then has nowhere to go, which is not a failure: stop writing, finish, exit 0.
let readerGone = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
    readerGone = true;
    return;
  }
  process.stderr.write(`postwright: cannot write the output (${error.message})\n`);
  process.exitCode = 1;
});

runCli(process.argv.slice(2), (text) => {
  if (!readerGone) process.stdout.write(text);
}).then(
  (code) => {
    if (code >= 0 && process.exitCode === undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`postwright: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
