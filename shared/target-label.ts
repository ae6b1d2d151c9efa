/// How a target is described to the blogger, in lists and messages.
import type { TargetSettings } from './publish';

export function describeTarget(settings: TargetSettings): string {
  const fields = settings as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  switch (settings.kind) {
    case 'wordpress':
      return `WordPress · ${text('siteUrl')} · ${text('username')}`;
    case 'static-git':
      return `${text('generator') === 'hugo' ? 'Hugo' : 'Jekyll'} site · ${text('repoPath')} (${text('branch')})`;
    default:
      return [kindName(String(fields.kind)), text('siteUrl') || text('blogUrl')].filter(Boolean).join(' · ');
  }
}

function kindName(kind: string): string {
  return { ghost: 'Ghost', blogger: 'Blogger' }[kind] ?? kind;
}
