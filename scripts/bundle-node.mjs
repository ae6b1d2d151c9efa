// Bundles some of the project's TypeScript modules into one CommonJS file that a plain
// `node` child process can require: for the kill tests and the library bench.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/// `exports` are lines such as "export { BackupStore } from './main/library/backups';",
/// with paths relative to the project root. The benches keep npm packages outside the bundle
/// (`externalPackages`, with the file inside node_modules so they resolve) and load it as ESM.
export async function bundleForNode(exports, outfile, { format = 'cjs', externalPackages = false } = {}) {
  await build({
    stdin: { contents: exports.join('\n'), resolveDir: projectRoot, loader: 'ts' },
    outfile,
    bundle: true,
    ...(externalPackages ? { packages: 'external' } : {}),
    platform: 'node',
    format,
    target: 'node20',
    logLevel: 'silent',
  });
  return outfile;
}

/// For a bench: bundles `exports` as ESM with npm packages left outside, into a file of this
/// process's own under node_modules/.cache (so the packages resolve and runs side by side do
/// not collide), imports it and removes the file.
export async function importForBench(exports, name) {
  const outfile = path.join(projectRoot, 'node_modules', '.cache', 'postwright-bench', `${name}-${process.pid}.mjs`);
  await bundleForNode(exports, outfile, { format: 'esm', externalPackages: true });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
