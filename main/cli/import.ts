/// `postwright import`: posts from a connected blog or an export file into the library.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { EventOf } from '../../shared/api';
import type { ImportSummary } from '../../shared/import';
import type { Services } from '../services';
import { UsageError } from './usage';

export async function runImportCommand(services: Services, argv: string[], out: (text: string) => void, tty: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { target: { type: 'string' }, library: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!values.target && !file) throw new UsageError('Usage: postwright import --target NAME   or   postwright import EXPORT.xml|feed.atom');
  const args = values.target
    ? ['import.fromTarget', values.target]
    : ['import.fromFile', { name: path.basename(file!), text: await fs.readFile(file!, 'utf8').catch(() => Promise.reject(new UsageError(`Cannot read ${file}.`))) }];
  const stop = services.subscribe((event, payload) => {
    if (event !== 'import.progress') return;
    const step = payload as EventOf<'import.progress'>;
    const line = `${step.done}${step.total === null ? '' : `/${step.total}`} ${step.outcome}: ${step.title}`;
    out(tty ? `\r\x1b[2K${line.slice(0, 100)}` : `${line}\n`);
  });
  const result = await services.dispatch(args[0] as string, args.slice(1)).finally(stop);
  if (tty) out('\r\x1b[2K');
  if (!result.ok) throw new Error(result.error.message);
  const summary = result.value as ImportSummary;
  out(`${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged${summary.cancelled ? ' (cancelled: run again to continue)' : ''}.\n`);
  for (const conflict of summary.conflicts) {
    out(`Changed here and on the blog, left as it is: ${conflict.title} (${conflict.postId})${conflict.pendingFile ? `; the blog's version is in ${conflict.pendingFile}` : ''}\n`);
  }
  for (const image of summary.failedImages) out(`Image not downloaded for “${image.title}”: ${image.url} (${image.reason}); the post links to it online.\n`);
  for (const post of summary.keptAsHtml ?? []) out(`Kept as HTML in “${post.title}” (markdown has no way to write it): ${post.elements.join(', ')}.\n`);
  return summary.conflicts.length > 0 ? 4 : 0;
}
