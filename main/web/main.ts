import { runWebHost } from './index';

runWebHost(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`postwright web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
