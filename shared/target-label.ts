/// How a target is described to the blogger, in lists and messages.
import type { ImageHostSettings, TargetSettings } from './publish';

export function describeTarget(settings: TargetSettings): string {
  const fields = settings as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  switch (settings.kind) {
    case 'wordpress':
      return `WordPress · ${text('siteUrl')} · ${text('username')}`;
    case 'static-git':
      return `${text('generator') === 'hugo' ? 'Hugo' : 'Jekyll'} site · ${text('repoPath')} (${text('branch')})`;
    case 'image-host':
      return imageHostLabel(settings.host);
    default:
      return [kindName(String(fields.kind)), text('siteUrl') || text('blogUrl')].filter(Boolean).join(' · ');
  }
}

/// "S3 · bucket at endpoint", "Git images · clone", "Uploader · picgo upload {file}".
export function imageHostLabel(host: ImageHostSettings): string {
  switch (host.type) {
    case 's3':
      return `Image host · S3 bucket ${host.bucket} at ${host.endpoint}`;
    case 'git':
      return `Image host · git repository ${host.repoPath} (${host.branch})`;
    case 'command':
      return `Image host · uploader ${host.command.join(' ')}`;
  }
}

function kindName(kind: string): string {
  return { ghost: 'Ghost', blogger: 'Blogger' }[kind] ?? kind;
}
