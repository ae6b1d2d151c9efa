/// `postwright cite add DOI [--post POST]`: adds a source by its DOI, as the app's "Add a source by
/// DOI…" does, to the post's bibliography or the library's, and prints the key to cite it by.
import { parseArgs } from 'node:util';
import { parsePostFile } from '../../shared/frontmatter';
import type { AddedSource } from '../../shared/api';
import type { Services } from '../services';
import { UsageError } from './usage';

const USAGE = 'cite add needs a DOI: postwright cite add 10.1038/nature12373 [--post POST]';

export async function runCite(services: Services, args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { post: { type: 'string' }, library: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const [action, doi, ...extra] = positionals;
  if (action !== 'add' || !doi || extra.length > 0) throw new UsageError(USAGE);
  const postId = values.post ?? null;
  const bibliography = postId ? listOf(parsePostFile((await services.library.get(postId)).text).data.bibliography) : [];
  const envelope = await services.dispatch('science.addDoi', [{ doi, postId, bibliography }]);
  if (!envelope.ok) throw new Error(envelope.error.message);
  const added = envelope.value as AddedSource;
  if (values.json) out(`${JSON.stringify(added, null, 2)}\n`);
  else out(`${added.message}\n${added.reference ? `${added.reference}\n` : ''}Cite it as [@${added.key}]\n`);
  return 0;
}

function listOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim()).slice(0, 50);
}
