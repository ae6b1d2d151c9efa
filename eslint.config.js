// Lint, including the process boundary: shared/ imports nothing platform-specific,
// renderer/ never imports main/, and only main/electron/ imports 'electron'.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'worker_threads'];
const electron = { group: ['electron', 'electron/*'], message: "Only main/electron/ may import 'electron'." };

export const boundaryRules = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, { group: nodeBuiltins, message: 'shared/ runs everywhere: no Node built-ins.' }, { group: ['**/main/**', '**/renderer/**', 'react', 'react-dom', '@codemirror/*', 'jsdom'], message: 'shared/ may not depend on main/ or renderer/.' }] }],
      'no-restricted-globals': ['error', { name: 'window', message: 'shared/ has no DOM.' }, { name: 'document', message: 'shared/ has no DOM.' }, { name: 'process', message: 'shared/ runs everywhere: no process.' }, { name: 'Buffer', message: 'shared/ runs everywhere: no Buffer.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, { group: ['**/main/**', '../main', '../../main'], message: 'renderer/ talks to the Node side only through window.studio.' }, { group: nodeBuiltins, message: 'renderer/ runs in a sandbox: no Node built-ins.' }] }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electron, { group: ['**/renderer/**'], message: 'main/ does not import the renderer.' }] }],
    },
  },
  {
    // Tests may exercise any layer, but never load Electron itself (it downloads on import).
    files: ['tests/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron] }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...boundaryRules,
);
