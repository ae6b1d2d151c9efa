/// The library's publishing targets, `.postwright/targets.json`: where each blog is and who
/// signs in, never a password (those go to the SecretStore, under secretKey()).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { TargetSettings, TargetsFile } from '../../shared/publish';
import { writeFileAtomic } from '../fs/atomic-write';
import { PublishError } from './errors';

export class TargetStore {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(libraryRoot: string) {
    this.file = path.join(libraryRoot, '.postwright', 'targets.json');
  }

  async list(): Promise<TargetSettings[]> {
    return (await this.read()).targets;
  }

  async get(name: string): Promise<TargetSettings> {
    const target = (await this.list()).find((t) => t.name === name);
    if (!target) throw new PublishError('invalid', `There is no publishing target called “${name}”. Add it under Publish → Targets.`);
    return target;
  }

  add(input: unknown): Promise<TargetSettings> {
    return this.change(async (file) => {
      const settings = parse(input);
      if (file.targets.some((t) => t.name.toLowerCase() === settings.name.toLowerCase())) {
        throw new PublishError('invalid', `There is already a target called “${settings.name}”. Choose another name.`);
      }
      file.targets.push(settings);
      return settings;
    });
  }

  /// A target keeps its name: posts record what they published under it.
  update(name: string, input: unknown): Promise<TargetSettings> {
    return this.change(async (file) => {
      const settings = parse(input);
      const index = file.targets.findIndex((t) => t.name === name);
      if (index === -1) throw new PublishError('invalid', `There is no publishing target called “${name}”.`);
      if (settings.name !== name) throw new PublishError('invalid', 'A target cannot be renamed, because posts record where they were published under its name. Add a new target instead.');
      file.targets[index] = settings;
      return settings;
    });
  }

  remove(name: string): Promise<TargetSettings> {
    return this.change(async (file) => {
      const target = file.targets.find((t) => t.name === name);
      if (!target) throw new PublishError('invalid', `There is no publishing target called “${name}”.`);
      file.targets = file.targets.filter((t) => t !== target);
      return target;
    });
  }

  private change<T>(edit: (file: TargetsFile) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const result = await edit(file);
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(file, null, 2) + '\n');
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<TargetsFile> {
    const text = await fs.readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    if (text === null) return { version: 1, targets: [] };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PublishError('invalid', `${this.file} is not valid JSON, so Postwright cannot read your publishing targets. Fix or remove the file.`);
    }
    const parsed = TargetsFile.safeParse(json);
    if (!parsed.success) throw new PublishError('invalid', `${this.file} has a problem: ${describe(parsed.error)}. Fix or remove the file.`);
    return parsed.data;
  }
}

/// Which secret a target uses. Keyed by site and user rather than the target's name, so two
/// libraries publishing to the same blog share one application password.
export function secretKey(settings: TargetSettings): string | null {
  switch (settings.kind) {
    case 'wordpress':
      return `wordpress ${settings.siteUrl} ${settings.username}`;
    case 'ghost':
      return `ghost ${settings.siteUrl}`;
    case 'blogger':
      // The sign-in belongs to a Google account and the OAuth client it was made with.
      return `blogger ${settings.clientId} ${settings.blogId}`;
    case 'image-host':
      if (settings.host.type === 's3') return `s3 ${settings.host.endpoint} ${settings.host.accessKeyId}`;
      // Not a secret but an approval: the command as it was set up on this computer.
      if (settings.host.type === 'command') return `uploader ${createHash('sha256').update(JSON.stringify(settings.host.command)).digest('hex')}`;
      return null;
    default:
      return null;
  }
}

function parse(input: unknown): TargetSettings {
  const parsed = TargetSettings.safeParse(input);
  if (!parsed.success) throw new PublishError('invalid', `The target’s settings are not right: ${describe(parsed.error)}.`);
  return parsed.data;
}

/// One message per field: the first thing wrong with it.
function describe(error: z.ZodError): string {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.join('.');
    if (!byField.has(field)) byField.set(field, field ? `${field}: ${issue.message}` : issue.message);
  }
  return [...byField.values()].join('; ');
}
