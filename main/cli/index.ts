/// The `postwright` command: the same services as the app, for scripts and terminals.
import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { resolveLibraryRoot } from '../library/location';
import { createNodePurify } from '../render/node-purify';
import { openServices } from '../services';
import { runWebHost } from '../web/index';

const USAGE = `Usage: postwright <command> [options]

Commands:
  render FILE.md        Print the article HTML exactly as the preview shows it
  list                  List the posts in the library
  new "Title"           Create a new draft post and print its folder
  web                   Start the browser host and print its address

Options:
  --library DIR         Use this library folder (default: $POSTWRIGHT_LIBRARY or ~/Documents/Postwright)
  --json                (list) print JSON instead of a table
  -h, --help            Show this help
`;

export async function runCli(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    out(USAGE);
    return command ? 0 : 1;
  }
  if (command === 'web') {
    await runWebHost(rest);
    return -1; // keeps running
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { library: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case 'render': {
      const file = positionals[0];
      if (!file) throw new UsageError('render needs a markdown file: postwright render FILE.md');
      const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      out(renderArticle(parsePostFile(text).body, createNodePurify()));
      out('\n');
      return 0;
    }
    case 'list': {
      const services = await openServices(resolveLibraryRoot({ flag: values.library }));
      const posts = await services.library.list();
      if (values.json) out(`${JSON.stringify(posts, null, 2)}\n`);
      else for (const post of posts) out(`${post.id}\t${post.status}\t${post.date ?? '-'}\t${post.title}\n`);
      return 0;
    }
    case 'new': {
      const title = positionals.join(' ').trim();
      if (!title) throw new UsageError('new needs a title: postwright new "My post"');
      const services = await openServices(resolveLibraryRoot({ flag: values.library }));
      const post = await services.library.create(title);
      out(`Created “${post.summary.title}” in ${services.library.root}/posts/${post.summary.id}/index.md\n`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command “${command}”.\n\n${USAGE}`);
  }
}

export class UsageError extends Error {}
