/// `npm run web`: the browser host. Prints a ready-to-open URL with this run's token after `#`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveLibraryRoot } from '../library/location';
import { openServices } from '../services';
import { startWebHost } from './server';

export async function runWebHost(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { library: { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  const root = resolveLibraryRoot({ flag: values.library });
  const services = await openServices(root, { watch: true, outbox: true });
  const port = values.port === undefined ? Number(process.env.POSTWRIGHT_PORT ?? 0) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not “${values.port}”.`);
  const host = await startWebHost({ services, port, staticDir: path.join(__dirname, '..', 'renderer') });
  process.stdout.write(
    `Postwright is running for the library in ${root}\n\n    ${host.url}\n\nOpen that whole address in your browser (the key after # stays in the browser). It works only on this computer; press Ctrl+C to stop.\n`,
  );
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
