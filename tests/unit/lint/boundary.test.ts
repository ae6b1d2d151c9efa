/// The process boundary is enforced by lint: each case lints a small file as if it stood in
/// that folder, with the project's own ESLint config.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('process boundary lint', () => {
  it.each([
    ['shared/x.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;\n", /no Node built-ins/],
    ['shared/x.ts', "import path from 'path';\nexport const x = path;\n", /no Node built-ins/],
    ['shared/x.ts', "import { app } from 'electron';\nexport const x = app;\n", /Only main\/electron/],
    ['shared/x.ts', "import { Library } from '../main/library/library';\nexport const x = Library;\n", /may not depend on main/],
    ['shared/x.ts', 'export const x = () => window.location.href;\n', /no DOM/],
    ['renderer/src/x.ts', "import { Library } from '../../main/library/library';\nexport const x = Library;\n", /only through window.studio/],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /Only main\/electron/],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n", /no Node built-ins/],
    ['main/library/x.ts', "import { app } from 'electron';\nexport const x = app;\n", /Only main\/electron/],
  ])('%s: refuses %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/library/x.ts', "import { promises } from 'node:fs';\nexport const x = promises;\n"],
    ['renderer/src/x.ts', "import { api } from '../../shared/api';\nexport const x = api;\n"],
    ['shared/x.ts', "import { parse } from 'yaml';\nexport const x = parse;\n"],
  ])('%s: allows %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
