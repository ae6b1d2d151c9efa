// Bundles the Node side: the Electron main process and preload, the browser host and the CLI.
// Runtime dependencies stay external (they ship in node_modules); the sandboxed preload
// cannot load node_modules, so it is bundled whole.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

// `postwright render` is a new process each time, and most of its start is Node finding and
// reading modules one by one (yaml alone is 72 files). The render pipeline's packages, and what
// they import, are bundled into cli.cjs, one file to read; every other package stays external.
// The file is written without whitespace (names kept, a source map beside it): a third less
// to read and parse at every start.
const CLI_BUNDLED = new Set(['yaml', 'markdown-it', 'markdown-it-anchor', 'markdown-it-footnote', 'markdown-it-task-lists', 'highlight.js', 'katex']);
const bundleRenderPackages = {
  name: 'bundle-render-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
      // Inside a bundled package: its own imports are bundled too (Node's built-ins stay external by themselves).
      const fromBundled = /[\\/]node_modules[\\/]/.test(args.importer);
      return CLI_BUNDLED.has(name) || fromBundled ? undefined : { path: args.path, external: true };
    });
  },
};

// KaTeX builds its symbol tables when loaded (about a tenth of the CLI's start), and most posts
// have no formula: in the CLI the render pipeline's `katex` (it calls only renderToString) is a
// stand-in that loads the real one, bundled all the same, on the first formula.
const lazyKatex = {
  name: 'lazy-katex',
  setup(build) {
    build.onResolve({ filter: /^katex$/ }, (args) => (/[\\/]shared[\\/]render[\\/]math\.ts$/.test(args.importer) ? { path: 'katex', namespace: 'lazy-katex' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-katex' }, () => ({
      contents: [
        'let loaded;',
        "const katex = () => (loaded ??= require('katex'));",
        'export default { renderToString: (tex, options) => (katex().default ?? katex()).renderToString(tex, options) };',
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: { web: 'main/web/main.ts', electron: 'main/electron/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' }, packages: 'external' }),
  build({ ...common, entryPoints: { cli: 'main/cli/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' }, plugins: [lazyKatex, bundleRenderPackages], minifyWhitespace: true, minifySyntax: true }),
  build({ ...common, entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' }, external: ['electron'], platform: 'node' }),
]);
