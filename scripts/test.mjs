// `npm test`: lint, typecheck, build, unit and integration tests (Vitest), end-to-end tests
// (Playwright). Every step runs even after a failure, and the last line sums them all:
// "N passed, N failed, N skipped". Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync('test-results', { recursive: true });

function run(label, command, args) {
  process.stdout.write(`\n━━ ${label}\n`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (status !== 0) failures.push(label);
  return status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) results.passed += 1;
  else results.failed += 1;
}

function suite(label, command, args, report, count) {
  rmSync(report, { force: true });
  const ok = run(label, command, args);
  if (!existsSync(report)) {
    results.failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const counted = count(JSON.parse(readFileSync(report, 'utf8')));
  results.passed += counted.passed;
  results.failed += counted.failed;
  results.skipped += counted.skipped;
  if (!ok && counted.failed === 0) results.failed += 1;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

check('lint', npx, ['eslint', '.', '--max-warnings=0']);
check('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
const built = run('build', npm, ['run', 'build']);
if (built) results.passed += 1;
else results.failed += 1;

suite('unit and integration tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'], 'test-results/unit.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));

if (built) {
  process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = 'test-results/e2e.json';
  suite('end-to-end tests', npx, ['playwright', 'test', '--reporter=list,json'], 'test-results/e2e.json', (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }));
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped\n`);
process.exit(results.failed > 0 ? 1 : 0);
