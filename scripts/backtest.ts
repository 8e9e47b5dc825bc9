/**
 * `npm run backtest [-- path/to/market-dir]`: judges the default model against real daily history
 * (../shared/data/market by default) and writes what it finds:
 * - the calibration of P(liquidation within 24 h) against how often the days' lows and highs
 *   reached k forecast σ (scripts/backtest/touch-calibration.ts): docs/touch-calibration.md and
 *   .json, the reliability picture docs/touch-reliability.svg, and the derived counts the CI test
 *   judges the model against, test/history/touch-counts.json;
 * - the one-day VaR and ES backtests (scripts/backtest/var-es-backtest.ts): docs/var-es-backtest.md
 *   and .json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTouchCalibration } from './backtest/touch-calibration';
import { runVarEsBacktest, varEsBacktestMarkdown } from './backtest/var-es-backtest';
import {
  reliabilitySvg,
  touchCalibrationMarkdown,
  touchCountsFixture,
} from './backtest/touch-calibration-report';

const root = path.join(import.meta.dirname, '..');
const dataDir = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'data', 'market'));
const write = (relative: string, text: string) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${relative}`);
};

const touch = runTouchCalibration(dataDir);
const markdown = touchCalibrationMarkdown(touch);
console.log(`\n${markdown}`);
write(
  'docs/touch-calibration.md',
  `# Calibration of the chance of liquidation within a day\n\n${markdown}`,
);
write('docs/touch-calibration.json', `${JSON.stringify(touch, null, 2)}\n`);
write('docs/touch-reliability.svg', reliabilitySvg(touch));
write('test/history/touch-counts.json', `${JSON.stringify(touchCountsFixture(touch), null, 2)}\n`);

const started = performance.now();
const varEs = runVarEsBacktest(dataDir);
const varEsMarkdown = varEsBacktestMarkdown(varEs);
console.log(`\n${varEsMarkdown}\n(${((performance.now() - started) / 1000).toFixed(0)} s)`);
write('docs/var-es-backtest.md', `# VaR and ES backtest\n\n${varEsMarkdown}\n`);
write('docs/var-es-backtest.json', `${JSON.stringify(varEs, null, 2)}\n`);
