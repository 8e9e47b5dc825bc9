/**
 * The VaR/ES backtest's table for README and docs/var-es-backtest.md, from a result of
 * runVarEsBacktest (var-es-backtest.ts): one row per book, confidence and model (the models of a
 * book and confidence side by side), then which rows of the default model fail and by how much.
 * p-values below 0.001 are shown as "< 0.001"; percentages of confidence with one decimal.
 */
import type { VarEsBacktestResult, VarEsBacktestRow } from './var-es-backtest';
import type { BacktestModelName } from './var-es-backtest-models';

export function varEsBacktestMarkdown(
  result: VarEsBacktestResult,
  models: readonly BacktestModelName[] = result.models.map((model) => model.name),
): string {
  const rows = result.rows.filter((row) => models.includes(row.model));
  const { settings } = result;
  const header = [
    '| Book | Model | Confidence | Days | VaR exceptions (expected) | Kupiec p | Christoffersen independence p | Conditional coverage p | ES: Z2 (p) | At 5% |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const lines = rows.map(
    (row) =>
      `| ${row.book} | ${row.model} | ${percent(row.confidence)} | ${row.kupiec.observations} | ${row.kupiec.exceptions} (${row.kupiec.expected.toFixed(1)}) | ${pValue(row.kupiec.pValue)} | ${pValue(row.christoffersen.independencePValue)} | ${pValue(row.christoffersen.conditionalCoveragePValue)} | ${signed(row.expectedShortfall.statistic)} (${pValue(row.expectedShortfall.pValue)}) | ${row.passedAt5Percent ? 'pass' : '**fail**'} |`,
  );
  const modelLines = result.models
    .filter((model) => models.includes(model.name))
    .map((model) => `- **${model.name}**: ${model.description}.`);
  const first = rows.reduce((day, row) => (row.from < day ? row.from : day), '9999-12-31');
  const last = rows.reduce((day, row) => (row.to > day ? row.to : day), '0000-01-01');
  return [
    `Rolling one-day VaR and ES backtest, ${first} to ${last}: EWMA (λ = 0.94) forecasts from the days before each day; ${settings.scenarios.toLocaleString('en-US')} Monte Carlo scenarios a day (seeded), Z2's p-value from ${settings.esSimulations.toLocaleString('en-US')} simulations under each day's scenarios. A row passes when none of Kupiec, Christoffersen independence, conditional coverage and the ES test (Acerbi–Székely Z2, one-sided) rejects at 5%.`,
    '',
    ...modelLines,
    '',
    ...header,
    ...lines,
    '',
    ...summary(rows),
  ].join('\n');
}

/** Per model, how many rows pass, and each failing row with the tests that reject it. */
function summary(rows: readonly VarEsBacktestRow[]): string[] {
  const models = [...new Set(rows.map((row) => row.model))];
  return models.map((model) => {
    const own = rows.filter((row) => row.model === model);
    const failures = own.filter((row) => !row.passedAt5Percent).map(failureText);
    const passed = own.length - failures.length;
    return `- ${model}: passes ${passed} of ${own.length}${failures.length > 0 ? `; fails ${failures.join('; ')}` : ''}.`;
  });
}

function failureText(row: VarEsBacktestRow): string {
  const rejected = [
    row.kupiec.rejectedAt5Percent ? `Kupiec p ${pValue(row.kupiec.pValue)}` : '',
    row.christoffersen.independenceRejectedAt5Percent
      ? `independence p ${pValue(row.christoffersen.independencePValue)}`
      : '',
    row.christoffersen.conditionalCoverageRejectedAt5Percent
      ? `conditional coverage p ${pValue(row.christoffersen.conditionalCoveragePValue)}`
      : '',
    row.expectedShortfall.rejectedAt5Percent
      ? `ES Z2 ${signed(row.expectedShortfall.statistic)} p ${pValue(row.expectedShortfall.pValue)} (5% critical value ${signed(row.expectedShortfall.criticalValueAt5Percent)})`
      : '',
  ].filter((text) => text !== '');
  return `${row.book} at ${percent(row.confidence)} (${row.kupiec.exceptions} exceptions against ${row.kupiec.expected.toFixed(1)} expected; ${rejected.join(', ')})`;
}

function percent(confidence: number): string {
  return `${(confidence * 100).toFixed(1)}%`;
}

function pValue(value: number): string {
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

function signed(value: number): string {
  return value < 0 ? `−${(-value).toFixed(2)}` : value.toFixed(2);
}
