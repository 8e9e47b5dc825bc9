/**
 * `npm test`: unit tests, then end-to-end tests in a real Chromium with the built extension (and
 * a smoke test of the Firefox build in firefox-esr, test/e2e/firefox.e2e.test.ts, which skips
 * itself loudly without Firefox and fails under CI=true).
 *
 * Without a Chromium it runs the unit tests and says loudly that the end-to-end tests were
 * skipped; with CI=true a missing browser is a failure. Ends with one line
 * `N passed, N failed` (and `, N skipped` when any were skipped), the totals of both runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findChromium, INSTALL_HINT } from './support/find-chromium';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };

function run(command: string, args: readonly string[]): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

function vitest(label: string, configArgs: readonly string[]): void {
  const output = path.join(results, `${label}.json`);
  rmSync(output, { force: true });
  const status = run(bin('vitest'), [
    'run',
    ...configArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${output}`,
  ]);
  if (!existsSync(output)) {
    console.error(
      `\n${label} tests did not report (vitest exited with ${status}); counting the run as one failure.`,
    );
    totals.failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
  };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  if (status !== 0 && report.numFailedTests === 0) {
    console.error(
      `\n${label} tests exited with ${status} although no test failed (a suite failed to load?); counting one failure.`,
    );
    totals.failed += 1;
  }
}

vitest('unit', []);

const browser = findChromium();
if (!browser.found) {
  const banner = [
    '',
    '================================================================',
    ' END-TO-END TESTS SKIPPED: no Chromium found.',
    ` Tried: ${browser.tried.join(', ')}`,
    ...INSTALL_HINT.split('\n').map((line) => ` ${line}`),
    '================================================================',
  ].join('\n');
  console.error(banner);
  if (process.env.CI === 'true') {
    console.error('CI=true: a missing browser is a failure.');
    totals.failed += 1;
  }
} else {
  console.log(`\nBuilding the extension and running end-to-end tests in ${browser.path}`);
  if (run(bin('wxt'), ['build']) !== 0 || run(bin('wxt'), ['build', '-b', 'firefox']) !== 0) {
    console.error('wxt build failed; counting the end-to-end run as one failure.');
    totals.failed += 1;
  } else {
    vitest('e2e', ['-c', 'vitest.e2e.config.ts']);
  }
}

console.log(
  `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`,
);
process.exitCode = totals.failed > 0 ? 1 : 0;
