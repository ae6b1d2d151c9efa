/// The `postwright` command: the same services as the app, for scripts and terminals.
import { parseArgs } from 'node:util';
import { resolveLibraryRoot } from '../library/location';
import { IMAGE_HOST_USAGE } from './targets-image-hosts';
import { UsageError } from './usage';

// Each command loads what it needs when it runs (`await import`), so a quick `render` does not
// pay for the library, publishing, import and the web host.
export { UsageError };

const USAGE = `Usage: postwright <command> [options]

Commands:
  render FILE.md        Print the article HTML exactly as the preview shows it
  list                  List the posts in the library
  new "Title"           Create a new draft post and print its folder
  web                   Start the browser host and print its address
  publish POST --target NAME [--status draft|published|scheduled] [--dry-run]
                        Publish a post (by its folder name) to a target
    --overwrite         the blog's copy was edited since: replace it with yours
    --take-remote       the blog's copy was edited since: bring it into the post
  outbox                List the publishes waiting to be retried (offline, server errors)
  outbox run [ID]       Try them (or one) now and wait for the result
  outbox cancel ID      Drop a waiting publish; the post itself is unchanged
  targets list          The library's publishing targets
  targets add NAME --kind wordpress --url URL --username USER [--password-stdin]
  targets add NAME --kind ghost --url URL [--password-stdin]   (the Admin API key)
  targets add NAME --kind hugo|jekyll --repo PATH [--branch main] [--image-host NAME]
${IMAGE_HOST_USAGE}
                        targets add signs in first and saves nothing if that fails;
                        --no-check saves without signing in (offline, say)
  targets test NAME     Sign in and say as whom
  targets set NAME --math images|markup
                        Formulas as images, for a blog that removes them (also on targets add)
  import --target NAME  Bring in the posts of a connected WordPress, Ghost, Blogger, Hugo or Jekyll blog (safe to repeat)
  import FILE           Bring in a WordPress export (WXR), a Blogger export (Atom) or a Ghost export (JSON)
  targets remove NAME
  export POST [--format html|docx] [-o FILE]
                        Save a post as a self-contained HTML file or a Word document
  cite add DOI [--post POST]
                        Look a DOI up (doi.org) and add the source to the post's bibliography,
                        or the library's references.bib (made if there is none); prints its key

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
    const { runWebHost } = await import('../web/index');
    await runWebHost(rest);
    return -1; // keeps running
  }
  if (command === 'publish' || command === 'targets' || command === 'import' || command === 'outbox' || command === 'export' || command === 'cite') {
    const library = flagValue(rest, '--library');
    const { openServices } = await import('../services');
    const services = await openServices(resolveLibraryRoot({ flag: library }));
    try {
      if (command === 'outbox') return await (await import('./outbox')).runOutbox(services, rest, out);
      if (command === 'export') return await (await import('./export')).runExport(services, rest, out);
      if (command === 'cite') return await (await import('./cite')).runCite(services, rest, out);
      if (command === 'import') return await (await import('./import')).runImportCommand(services, rest, out, Boolean(process.stdout.isTTY));
      const { runPublish, runTargets } = await import('./publish');
      return command === 'publish'
        ? await runPublish(services, rest, out, Boolean(process.stdout.isTTY))
        : await runTargets(services, rest, out, () => readSecret(rest));
    } finally {
      await services.close();
    }
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { library: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  switch (command) {
    case 'render':
      return (await import('./render')).runRender(positionals[0], out);
    case 'list': {
      const { openServices } = await import('../services');
      const services = await openServices(resolveLibraryRoot({ flag: values.library }));
      const posts = await services.library.list();
      if (values.json) out(`${JSON.stringify(posts, null, 2)}\n`);
      else for (const post of posts) out(`${post.id}\t${post.status}\t${post.date ?? '-'}\t${post.title}\n`);
      return 0;
    }
    case 'new': {
      const title = positionals.join(' ').trim();
      if (!title) throw new UsageError('new needs a title: postwright new "My post"');
      const { openServices } = await import('../services');
      const services = await openServices(resolveLibraryRoot({ flag: values.library }));
      const post = await services.library.create(title);
      out(`Created “${post.summary.title}” in ${services.library.root}/posts/${post.summary.id}/index.md\n`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command “${command}”.\n\n${USAGE}`);
  }
}

function flagValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  return args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/// The application password: from standard input with --password-stdin (for scripts), else
/// asked for on the terminal without echoing it.
async function readSecret(args: string[]): Promise<string> {
  if (args.includes('--password-stdin') || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  const kind = args[args.indexOf('--kind') + 1];
  process.stdout.write(kind === 'ghost' ? 'Admin API key (Ghost → Settings → Integrations): ' : 'Application password (WordPress → Users → Profile): ');
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let secret = '';
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          return resolve(secret.trim());
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          return reject(new UsageError('Cancelled.'));
        }
        secret = char === '\u007f' ? secret.slice(0, -1) : secret + char;
      }
    };
    stdin.on('data', onData);
  });
}
