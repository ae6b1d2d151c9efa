/// Starts a server in a process group of its own, so stopping it also stops whatever it
/// forked (PHP's workers, for instance), and makes sure the group dies with the test process.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

export interface ProcessGroup {
  /// Resolves when the group's leader has exited (the server died or was stopped).
  exited: Promise<void>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/// bash leads the group and waits for the server or the watcher, whichever ends first, then
/// kills the group. The watcher ends when the test process is gone, even after a SIGKILL,
/// which no 'exit' handler can catch.
const supervisor = `parent=$1; shift
"$@" &
( while kill -0 "$parent" 2>/dev/null; do sleep 0.5; done ) &
wait -n
kill -KILL 0`;

export function spawnGroup(command: string, args: string[], options: { log: string; env?: NodeJS.ProcessEnv; cwd?: string }): ProcessGroup {
  const log = openSync(options.log, 'a');
  // detached: the child calls setsid(), so its pid is also the group id.
  const child = spawn('bash', ['-c', supervisor, 'supervisor', String(process.pid), command, ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  closeSync(log);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not start ${command}`);
  let running = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => (running = false));

  const killGroup = () => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const forget = atExit(killGroup);

  return {
    exited,
    isRunning: () => running,
    async stop() {
      forget();
      // SIGKILL, not SIGTERM: every server here keeps throwaway data, so there is nothing to flush.
      killGroup();
      await exited;
      await waitFor(() => !groupAlive(pgid), 5_000, `process group ${pgid} to end`);
    },
  };
}

const exitTasks = new Set<() => void>();
let listening = false;

/// Runs `task` when the test process exits, in the order registered; returns a function that
/// cancels it. One 'exit' listener for all, so many servers raise no listener-leak warning.
export function atExit(task: () => void): () => void {
  if (!listening) process.once('exit', runExitTasks);
  listening = true;
  exitTasks.add(task);
  return () => {
    exitTasks.delete(task);
  };
}

function runExitTasks(): void {
  for (const task of exitTasks) task();
}

/// True while a process of the group is still running. Killed processes whose parent died
/// stay zombies until init reaps them, which can take seconds, and `kill(-pgid, 0)` counts
/// those; /proc tells them apart (state Z).
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/// A port that was free a moment ago; callers retry if another process takes it first.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
