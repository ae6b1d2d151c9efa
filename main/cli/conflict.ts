/// The conflict as a terminal shows it: what differs between the blog's version and the post
/// (titles, then the body's changed lines) and the two ways on, as flags to run again with.
import { diffLines } from 'diff';
import type { RemoteVersion } from '../../shared/publish';

export const CONFLICT_CHOICES =
  'Run again with one of:\n' +
  '  --overwrite     replace the version on the blog with yours\n' +
  '  --take-remote   bring the blog’s version into the post (yours is kept in its history)\n' +
  'or do nothing: neither side has been changed.\n';

export function describeConflict(remote: RemoteVersion, local: { title: string; body: string }, target: string): string {
  let text = '';
  if (remote.title.trim() !== local.title.trim()) text += `Title on ${target}: ${remote.title}\nTitle in the post: ${local.title}\n`;
  const changed: string[] = [];
  for (const part of diffLines(normalise(remote.markdown), normalise(local.body))) {
    if (!part.added && !part.removed) continue;
    const mark = part.added ? '+ ' : '- ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) changed.push(mark + line);
  }
  if (changed.length > 0) text += `Body (- on ${target}, + in the post):\n${changed.join('\n')}\n`;
  if (text === '') text = 'The text is the same on both sides; only the blog’s copy was saved again since.\n';
  return `${text}\n${CONFLICT_CHOICES}`;
}

/// Line endings and trailing blank lines are not differences a writer cares about.
function normalise(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\s+$/, '')}\n`;
}
