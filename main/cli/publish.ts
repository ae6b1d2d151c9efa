/// `postwright publish` and `postwright targets`: the same publishing service as the app,
/// with a progress line on a terminal.
import { parseArgs } from 'node:util';
import type { PublishOutcome } from '../../shared/api';
import { MathMode, PublishStatus, TargetInput, type PublishProgress } from '../../shared/publish';
import { parsePostFile } from '../../shared/frontmatter';
import { imagesWithoutAlt } from '../../shared/image-alt';
import { describeTarget } from '../../shared/target-label';
import type { Services } from '../services';
import { CONFLICT_CHOICES, describeConflict } from './conflict';
import { imageHostSettings, IMAGE_HOST_OPTIONS } from './targets-image-hosts';
import { UsageError } from './usage';

type Out = (text: string) => void;

export async function runTargets(services: Services, argv: string[], out: Out, readSecret: () => Promise<string>): Promise<number> {
  const [action, ...rest] = argv;
  const publishing = services.publishing;
  switch (action) {
    case 'list': {
      const targets = await publishing.targets.list();
      if (targets.length === 0) out('No targets yet. Add one with: postwright targets add NAME --kind wordpress --url https://… --username …\n');
      for (const { settings, hasSecret, needsSecret, storage } of targets) {
        const where = describeTarget(settings);
        const secret = needsSecret ? (hasSecret ? ` · password in ${storage.kind}` : ' · no password yet') : '';
        const math = 'math' in settings && settings.math === 'images' ? ' · formulas as images' : '';
        out(`${settings.name}\t${settings.kind}\t${where}${secret}${math}\n`);
        if (needsSecret && storage.warning) out(`  warning: ${storage.warning}\n`);
      }
      return 0;
    }
    case 'add': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          kind: { type: 'string' },
          url: { type: 'string' },
          username: { type: 'string' },
          repo: { type: 'string' },
          branch: { type: 'string' },
          'password-stdin': { type: 'boolean' },
          'no-check': { type: 'boolean' },
          math: { type: 'string' },
          library: { type: 'string' },
          ...IMAGE_HOST_OPTIONS,
        },
        allowPositionals: true,
      });
      const name = positionals.join(' ');
      const kind = values.kind ?? '';
      const math = values.math === undefined ? {} : { math: mathMode(values.math) };
      const settings =
        kind === 'wordpress'
          ? { name, kind, siteUrl: values.url ?? '', username: values.username ?? '', ...math }
          : kind === 'ghost'
            ? { name, kind, siteUrl: values.url ?? '', ...math }
            : kind === 'hugo' || kind === 'jekyll'
            ? { name, kind: 'static-git', repoPath: values.repo ?? '', generator: kind, ...(values.branch ? { branch: values.branch } : {}), ...(values['image-host'] ? { imageHost: values['image-host'] } : {}), ...math }
            : imageHostSettings(name, kind, values);
      if (!settings) {
        throw new UsageError(
          kind === 'blogger'
            ? 'Blogger needs a Google sign-in in the browser: add it in the app (Publish → Manage targets).'
            : 'targets add needs --kind wordpress (with --url and --username), --kind ghost (with --url), --kind hugo|jekyll (with --repo), or an image host: --kind s3, git-images or uploader (see postwright --help).',
        );
      }
      const secret = kind === 'wordpress' || kind === 'ghost' || kind === 's3' ? await readSecret() : undefined;
      const input = TargetInput.safeParse({ settings, secret });
      if (!input.success) throw new UsageError(input.error.issues.map((issue) => issue.message).join('; '));
      // A mistyped password is caught now, not at the first publish.
      const checked = values['no-check'] ? null : await publishing.targets.check(input.data).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`${why}\nNothing was saved. Fix it and add the target again, or add --no-check to save it without signing in.`);
      });
      const info = await publishing.targets.add(input.data);
      out(`Added ${info.settings.name}${checked ? ` (${checked.account})` : ''}.\n`);
      if (info.needsSecret && info.storage.warning) out(`warning: ${info.storage.warning}\n`);
      return 0;
    }
    case 'test': {
      const name = targetName(rest);
      const { account, warnings } = await publishing.targets.test(name);
      const settings = (await publishing.targets.list()).find((t) => t.settings.name === name)?.settings;
      // A git target has no account: what was checked is that its branch can be fetched.
      if (settings?.kind === 'image-host') out(`${name}: ready, ${account}.\n`);
      else if (settings?.kind === 'static-git') out(`${name}: ready to commit to branch ${settings.branch} of ${settings.repoPath} and push it to ${settings.remote}.\n`);
      else out(`${name}: signed in as ${account}.\n`);
      for (const line of warnings ?? []) out(`Warning: ${line}\n`);
      return 0;
    }
    case 'set': {
      const { values, positionals } = parseArgs({ args: rest, options: { math: { type: 'string' }, library: { type: 'string' } }, allowPositionals: true });
      const name = positionals.join(' ');
      const settings = (await publishing.targets.list()).find((t) => t.settings.name === name)?.settings;
      if (!settings) throw new UsageError(`There is no target called “${name}”. See postwright targets list.`);
      if (values.math === undefined || settings.kind === 'image-host') throw new UsageError('Usage: postwright targets set NAME --math images|markup (for a blog, not an image host)');
      const math = mathMode(values.math);
      await publishing.targets.update(name, { settings: { ...settings, math } });
      out(`${name}: formulas now go out ${math === 'images' ? 'as images (their TeX as alt text)' : 'as MathML'}.\n`);
      return 0;
    }
    case 'remove': {
      const name = targetName(rest);
      await publishing.targets.remove(name);
      out(`Removed ${name}. Posts keep their record of past publishes.\n`);
      return 0;
    }
    default:
      throw new UsageError('Usage: postwright targets list | add NAME --kind … | test NAME | set NAME --math images|markup | remove NAME');
  }
}

/// Progress and warnings go to `err` (stderr), so stdout carries only the outcome.
export async function runPublish(services: Services, argv: string[], out: Out, tty: boolean, err: Out = (text) => process.stderr.write(text)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string', short: 't' },
      status: { type: 'string' },
      'dry-run': { type: 'boolean' },
      overwrite: { type: 'boolean' },
      'take-remote': { type: 'boolean' },
      library: { type: 'string' },
    },
    allowPositionals: true,
  });
  const postId = positionals[0];
  if (!postId || !values.target) throw new UsageError('Usage: postwright publish POST --target NAME [--status draft|published|scheduled] [--dry-run] [--overwrite | --take-remote]');
  const status = values.status === undefined ? undefined : PublishStatus.safeParse(values.status);
  if (status && !status.success) throw new UsageError('--status is draft, published or scheduled.');
  const options = { status: status?.data, dryRun: values['dry-run'], overwrite: values.overwrite, takeRemote: values['take-remote'] };
  const git = (await services.publishing.targets.list()).find((t) => t.settings.name === values.target)?.settings;
  const branch = git?.kind === 'static-git' ? git.branch : null;
  if (!options.takeRemote) warnAboutAlt(await services.library.get(postId).then((post) => post.text, () => ''), err);
  const progress = (step: PublishProgress) => {
    if (step.phase === 'uploading') {
      // Per image, in bytes; on a terminal one line that counts up, in a log a line per state.
      const line = `${step.sent >= step.bytes ? 'Uploaded' : 'Uploading'} image ${step.index} of ${step.total}: ${step.file} (${sizeOf(step.sent)} of ${sizeOf(step.bytes)})`;
      if (tty) err(`\r\x1b[2K${line}${step.sent >= step.bytes ? '\n' : ''}`);
      else err(`${line}\n`);
      return;
    }
    const line = describe(step, branch);
    if (tty) out(`\r\x1b[2K${line}`);
    else if (step.phase !== 'done') out(`${line}\n`);
  };
  const stop = services.subscribe((event, payload) => event === 'publish.progress' && progress((payload as { progress: PublishProgress }).progress));
  const result = await services.dispatch('publish.run', [{ postId, target: values.target, options }]).finally(stop);
  if (tty) out('\r\x1b[2K');
  if (!result.ok) throw new Error(result.error.message);
  const local = async () => {
    const post = await services.library.get(postId);
    return { title: post.summary.title, body: parsePostFile(post.text).body };
  };
  return report(result.value as PublishOutcome, out, local, branch);
}

/// Prints the outcome and returns the exit code; `local` reads the post for a conflict's diff.
/// `branch` is set for a git target, which commits and pushes rather than uploads.
export async function report(outcome: PublishOutcome, out: Out, local: () => Promise<{ title: string; body: string }>, branch: string | null = null): Promise<number> {
  switch (outcome.kind) {
    case 'published': {
      const images = outcome.uploaded + outcome.reused;
      if (outcome.unchanged) out(`Nothing changed since the last publish: ${outcome.url}\n`);
      else if (branch !== null) out(`${outcome.created ? 'Committed' : 'Committed the changes'} and pushed to branch ${branch}: ${outcome.url}\n`);
      else out(`${outcome.created ? 'Published' : 'Updated'}: ${outcome.url}\n`);
      if (branch !== null && images > 0 && !outcome.unchanged) out(`Images: ${images} in the commit, beside the post.\n`);
      else if (branch === null && images > 0) out(`Images: ${outcome.uploaded} uploaded, ${outcome.reused} already there.\n`);
      // What the blog removed from what was sent: not a plain success.
      for (const line of outcome.warnings ?? []) out(`Warning: ${line}\n`);
      if (outcome.mathStripped) out(`To publish math as images: postwright targets set "${outcome.target}" --math images, then publish again.\n`);
      return 0;
    }
    case 'preview':
      out(`Would ${outcome.preview.action} “${outcome.preview.title}” (${outcome.preview.status}) on ${outcome.preview.target}.\n`);
      for (const asset of outcome.preview.assets) out(`  image ${asset.file}: ${asset.willUpload ? `will be uploaded${prepared(asset.prepared)}` : `already at ${asset.url}`}\n`);
      out(`\n${outcome.preview.html}\n`);
      return 0;
    case 'took-remote':
      out(`The post now has the text from ${outcome.target}.\n`);
      return 0;
    case 'queued':
      out(`${outcome.reason.message}\nQueued: Postwright will try again at ${new Date(outcome.nextAt).toLocaleTimeString()} (the app and the browser host retry it; “postwright outbox run” tries it now).\n`);
      return 3;
    case 'failed':
      out(`${outcome.failure.message}\n`);
      if (outcome.failure.kind === 'conflict') {
        const remote = outcome.failure.remote;
        out(remote ? `\n${describeConflict(remote, await local(), outcome.target)}` : CONFLICT_CHOICES);
      }
      return 1;
  }
}

function describe(step: PublishProgress, branch: string | null): string {
  switch (step.phase) {
    case 'asset':
      if (branch !== null) return `Image ${step.index} of ${step.total}: ${step.file} goes into the commit`;
      return `Image ${step.index} of ${step.total}: ${step.file}${step.uploaded ? ' uploaded' : ' already there'}`;
    case 'done':
      return `Done: ${step.url}`;
    case 'creating':
    case 'updating':
      if (branch !== null) return `Committing and pushing to ${branch}…`;
      return `${step.phase[0]?.toUpperCase()}${step.phase.slice(1)}…`;
    default:
      return `${step.phase[0]?.toUpperCase()}${step.phase.slice(1)}…`;
  }
}

/// --math: how formulas go out on a blog that may strip MathML.
function mathMode(value: string): MathMode {
  const parsed = MathMode.safeParse(value);
  if (!parsed.success) throw new UsageError(`--math is “images” (each formula as a picture, for a blog that removes formulas) or “markup” (MathML, the default), not “${value}”.`);
  return parsed.data;
}

function targetName(args: string[]): string {
  const { positionals } = parseArgs({ args, options: { library: { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('Name the target, as `postwright targets list` shows it.');
  return positionals.join(' ');
}

/// Images without alt text do not stop a publish; the blogger hears about them, on stderr.
function warnAboutAlt(text: string, err: Out): void {
  const missing = imagesWithoutAlt(text);
  if (missing.length === 0) return;
  const list = missing.map((image) => image.src).join(', ');
  err(`warning: ${missing.length === 1 ? 'an image has' : `${missing.length} images have`} no alt text (${list}). Readers using a screen reader get nothing in its place. Describe ${missing.length === 1 ? 'it' : 'each'} in the post, like ![what it shows](${missing[0]!.src}), or in the app's Publish dialog.\n`);
}

type Prepared = Extract<PublishOutcome, { kind: 'preview' }>['preview']['assets'][number]['prepared'];

/// ", as photo.webp: 4.4 MB → 383 KB, 2000 px, location removed"
function prepared(prep: Prepared): string {
  if (!prep) return '';
  if (prep.after === prep.before && !prep.metadataRemoved) return `, as it is (${sizeOf(prep.before)})`;
  const removed = prep.locationRemoved ? ', location removed' : prep.metadataRemoved ? ', camera data removed' : '';
  return ` as ${prep.file}: ${sizeOf(prep.before)} → ${sizeOf(prep.after)}${prep.width ? `, ${prep.width} px` : ''}${removed}`;
}

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} KB`;
}
