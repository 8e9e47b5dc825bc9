/**
 * `tsx scripts/backtest/var-es-backtest-cli.ts [path/to/market-dir]`: runs the VaR/ES backtest
 * (var-es-backtest.ts) on the daily history (../shared/data/market by default) and writes
 * docs/var-es-backtest.json (every row, with its exception dates) and docs/var-es-backtest.md
 * (the table), printing the table and the run time.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runVarEsBacktest, varEsBacktestMarkdown } from './var-es-backtest';

function main(): void {
  const root = path.join(import.meta.dirname, '..', '..');
  const dataDir = path.resolve(
    process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'market'),
  );
  const started = performance.now();
  const result = runVarEsBacktest(dataDir);
  const seconds = (performance.now() - started) / 1000;
  const markdown = varEsBacktestMarkdown(result);
  const jsonFile = path.join(root, 'docs', 'var-es-backtest.json');
  const markdownFile = path.join(root, 'docs', 'var-es-backtest.md');
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(markdownFile, `# VaR and ES backtest\n\n${markdown}\n`);
  console.log(markdown);
  console.log(
    `\n${seconds.toFixed(1)} s; wrote ${path.relative(process.cwd(), jsonFile)} and ${path.relative(process.cwd(), markdownFile)}`,
  );
}

main();
