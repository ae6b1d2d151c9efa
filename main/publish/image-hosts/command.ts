/// The blogger's own uploader, for any host Postwright does not know: a program run with the
/// image's path that prints its URL on the last line (PicGo's `picgo upload {file}`, uPic's
/// `upic -o url -u {file}`). Run without a shell, arguments as given, within a time limit.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { CommandHost } from '../../../shared/publish';
import { PublishError } from '../errors';
import type { LocalAsset, RemoteAsset } from '../publisher';
import type { ImageHost } from './index';

type CommandSettings = z.infer<typeof CommandHost>;

export const FILE_PLACEHOLDER = '{file}';

export class CommandImageHost implements ImageHost {
  readonly label: string;

  constructor(
    private readonly settings: CommandSettings,
    /// Set up on this computer (see service.ts); a command typed into the targets file is not run.
    private readonly approved: boolean,
  ) {
    this.label = `your uploader (${path.basename(settings.command[0]!)})`;
  }

  async check(): Promise<string> {
    this.mustBeApproved();
    return `uploads with ${this.settings.command.join(' ')}`;
  }

  /// The uploader gets a file of its own, named readably (uploaders name remote files after it),
  /// holding exactly the bytes to publish; it is removed afterwards.
  async store(asset: LocalAsset, key: string): Promise<RemoteAsset> {
    this.mustBeApproved();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'postwright-upload-'));
    try {
      const file = path.join(dir, path.posix.basename(key));
      await fs.writeFile(file, asset.bytes, { mode: 0o600 });
      const url = lastUrl(await this.run(file), this.label);
      return { url, id: null };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  private mustBeApproved(): void {
    if (this.approved) return;
    throw new PublishError('auth', `Postwright did not run the uploader “${this.settings.command.join(' ')}”: it was not set up on this computer (it came with the library’s targets file, or was changed there). If you trust it, open the image host’s settings and save it.`);
  }

  private run(file: string): Promise<string> {
    const [program, ...rest] = this.settings.command as [string, ...string[]];
    const args = rest.some((a) => a.includes(FILE_PLACEHOLDER)) ? rest.map((a) => a.split(FILE_PLACEHOLDER).join(file)) : [...rest, file];
    const timeout = this.settings.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      execFile(program, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
        const said = stderr.trim().split('\n').filter(Boolean).slice(-5).join(' ').slice(0, 600) || stdout.trim().split('\n').slice(-2).join(' ').slice(0, 300);
        if (e.code === 'ENOENT') return reject(new PublishError('invalid', `The uploader command “${program}” was not found. Check the command in the image host’s settings (give its full path if it is not on your PATH).`));
        if (e.code === 'EACCES') return reject(new PublishError('invalid', `The uploader command “${program}” cannot be run (it is not executable).`));
        if (e.killed) return reject(new PublishError('network', `${this.label} did not finish within ${this.settings.timeoutSeconds} seconds${said ? ` (${said})` : ''}. Postwright will try again.`));
        reject(new PublishError('rejected', `${this.label} failed with exit code ${String(e.code)}${said ? `: ${said}` : ''}.`));
      });
    });
  }
}

/// The URL on the last non-empty line of what the uploader printed.
export function lastUrl(stdout: string, label: string): string {
  const line = stdout.trim().split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  const url = [...line.matchAll(/https?:\/\/\S+/gi)].at(-1)?.[0];
  if (!url || !URL.canParse(url)) {
    throw new PublishError('rejected', `${label} finished but did not print an image address on its last line${line ? ` (it printed “${line.slice(0, 200)}”)` : ''}. It must print the URL, like PicGo’s \`picgo upload\` does.`);
  }
  return url;
}
