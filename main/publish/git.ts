/// The git command line for the static-site backend: execFile (no shell), no prompts (a publish
/// must fail with a message, not wait for a password nobody sees), English messages to classify.
import { execFile } from 'node:child_process';
import { PublishError } from './errors';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class Git {
  constructor(
    readonly repo: string,
    private readonly timeoutMs = 120_000,
  ) {}

  /// Runs git; resolves whatever the exit code (callers decide what a failure means).
  run(args: string[], input?: { timeoutMs?: number }): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C', LANG: 'C' };
      execFile('git', ['-C', this.repo, ...args], { env, timeout: input?.timeoutMs ?? this.timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
        const out = { stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
        if (!error) return resolve({ code: 0, ...out });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        if (e.code === 'ENOENT') return reject(new PublishError('invalid', 'Publishing to a static site needs git, and git was not found. Install git and try again.'));
        if (e.killed) return resolve({ code: -1, ...out, stderr: `${out.stderr}\n(timed out)` });
        resolve({ code: typeof e.code === 'number' ? e.code : 1, ...out });
      });
    });
  }

  /// Runs git and throws a PublishError for a failure; `what` says what was being done.
  async must(args: string[], what: string): Promise<string> {
    const result = await this.run(args);
    if (result.code !== 0) throw gitError(result, what);
    return result.stdout;
  }

  /// Raw bytes of a file at a commit, or null when it is not there.
  async show(ref: string, file: string): Promise<string | null> {
    const result = await this.run(['show', `${ref}:${file}`]);
    return result.code === 0 ? result.stdout : null;
  }
}

export function gitError(result: GitResult, what: string): PublishError {
  const said = result.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' ').slice(0, 400);
  const text = `${result.stderr}\n${result.stdout}`;
  if (result.code === -1) return new PublishError('network', `git took too long to ${what}. Postwright will try again; nothing is lost.`);
  if (/Authentication failed|Permission denied \(publickey|could not read Username|terminal prompts disabled|Invalid username or password|returned error: 403|Host key verification failed/i.test(text)) {
    return new PublishError('auth', `git could not sign in to ${what} (${said}). Check that \`git push\` works in that folder without asking for anything (an SSH key or a credential helper), then publish again.`);
  }
  if (/Could not resolve host|Connection refused|Connection timed out|Network is unreachable|Operation timed out|early EOF|unable to access|Could not read from remote repository|The remote end hung up/i.test(text)) {
    return new PublishError('network', `git could not reach the remote to ${what} (${said}). Postwright will try again; nothing is lost.`);
  }
  return new PublishError('rejected', `git could not ${what}: ${said || `exit code ${result.code}`}.`);
}
