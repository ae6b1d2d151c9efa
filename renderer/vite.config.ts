import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_CSP } from '../shared/csp';

/// Writes the one CSP from shared/csp.ts into index.html, so the page carries it even when
/// opened without the hosts' headers.
function contentSecurityPolicy(): Plugin {
  return {
    name: 'postwright-csp',
    transformIndexHtml: (html) => html.replace('%POSTWRIGHT_CSP%', RENDERER_CSP),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
