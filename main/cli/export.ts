/// `postwright export POST --format html|docx [-o FILE]`: the app's export, from a terminal.
/// The file goes where -o says, or into the current folder; never into the library unless asked.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExportFormat } from '../../shared/api';
import { writeFileAtomic } from '../fs/atomic-write';
import { exportPost } from '../export/index';
import type { Services } from '../services';
import { UsageError } from './usage';

export async function runExport(services: Services, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'html' }, output: { type: 'string', short: 'o' }, library: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const postId = positionals[0];
  if (!postId) throw new UsageError('export needs a post (its folder name): postwright export my-post --format html|docx [-o FILE]');
  const format = ExportFormat.safeParse(values.format);
  if (!format.success) throw new UsageError(`“${values.format}” is not an export format; use html or docx (PDF is printed from the app).`);
  const file = await exportPost(services.library, postId, format.data);
  const target = path.resolve(values.output ?? file.name);
  await writeFileAtomic(target, file.bytes, { displayName: path.basename(target) });
  out(`Exported “${postId}” to ${target}\n`);
  return 0;
}
