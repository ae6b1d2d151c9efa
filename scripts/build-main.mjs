// Bundles the Node side: the Electron main process and preload, the browser host and the CLI.
// Runtime dependencies stay external (they ship in node_modules); the sandboxed preload
// cannot load node_modules, so it is bundled whole.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: { cli: 'main/cli/main.ts', web: 'main/web/main.ts', electron: 'main/electron/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' }, packages: 'external' }),
  build({ ...common, entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' }, external: ['electron'], platform: 'node' }),
]);
