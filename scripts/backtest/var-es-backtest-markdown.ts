/**
 * The VaR/ES backtest's table for README and docs/var-es-backtest.md, from a result of
 * runVarEsBacktest (var-es-backtest.ts): one row per book, confidence and model (the models of a
 * book and confidence side by side), then which rows of each model fail and by how much, the same
 * verdict with Holm's adjustment over the model's tests beside it (holm-rejections.ts), how many
 * rows a correct model would fail by chance, and the default model's out-of-sample rows.
 * p-values below 0.001 are shown as "< 0.001"; percentages of confidence with one decimal.
 *
 * A correct model's expected number of failing rows is Σ_rows [1 − (1 − q_row)·(1 − 0.05)], q_row
 * the simulated chance that its VaR tests fail it (var-test-size.ts) and 0.05 the ES test's size,
 * taken as independent of the VaR tests (they are positively dependent, so this is an upper
 * estimate).
 */
import { holmRejections } from './holm-rejections';
import type { OutOfSampleRow, VarEsBacktestResult, VarEsBacktestRow } from './var-es-backtest';
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
  const lines = rows.map((row) => tableLine(row.book, row.model, row.confidence, row));
  const modelLines = result.models
    .filter((model) => models.includes(model.name))
    .map((model) => `- **${model.name}**: ${model.description}.`);
  const first = rows.reduce((day, row) => (row.from < day ? row.from : day), '9999-12-31');
  const last = rows.reduce((day, row) => (row.to > day ? row.to : day), '0000-01-01');
  const defaultRows = rows.filter((row) => row.outOfSample !== null);
  const outOfSample =
    defaultRows.length === 0
      ? []
      : [
          '',
          `Out of sample: the default model's rows on the days from ${settings.outOfSampleFrom}, after the days its forecast decays were fitted on (ν and s are fitted on every day, see docs/tail-model.md).`,
          '',
          ...header,
          ...defaultRows.map((row) =>
            tableLine(row.book, row.model, row.confidence, row.outOfSample as OutOfSampleRow),
          ),
          '',
          `- default from ${settings.outOfSampleFrom}: passes ${defaultRows.filter((row) => row.outOfSample?.passedAt5Percent).length} of ${defaultRows.length}; a correct model would fail about ${expectedFalseFailures(
            result,
            defaultRows.map((row) => [row.outOfSample?.kupiec.observations ?? 0, row.confidence]),
          ).toFixed(1)} of them by chance.`,
        ];
  return [
    `Rolling one-day VaR and ES backtest, ${first} to ${last}: each model's forecast (named below) from the days before each day; ${settings.scenarios.toLocaleString('en-US')} Monte Carlo scenarios a day (seeded), Z2's p-value from ${settings.esSimulations.toLocaleString('en-US')} simulations under each day's scenarios. A row passes when none of Kupiec, Christoffersen independence, conditional coverage and the ES test (Acerbi–Székely Z2, one-sided) rejects at 5%.`,
    '',
    ...modelLines,
    '',
    ...header,
    ...lines,
    '',
    ...summary(rows),
    '',
    ...chanceLines(result, rows),
    ...outOfSample,
  ].join('\n');
}

function tableLine(
  book: string,
  model: string,
  confidence: number,
  row: Pick<
    VarEsBacktestRow,
    'kupiec' | 'christoffersen' | 'expectedShortfall' | 'passedAt5Percent'
  >,
): string {
  return `| ${book} | ${model} | ${percent(confidence)} | ${row.kupiec.observations} | ${row.kupiec.exceptions} (${row.kupiec.expected.toFixed(1)}) | ${pValue(row.kupiec.pValue)} | ${pValue(row.christoffersen.independencePValue)} | ${pValue(row.christoffersen.conditionalCoveragePValue)} | ${signed(row.expectedShortfall.statistic)} (${pValue(row.expectedShortfall.pValue)}) | ${row.passedAt5Percent ? 'pass' : '**fail**'} |`;
}

/** How many rows a correct model fails by chance, and each row length's VaR-test failure rate. */
function chanceLines(result: VarEsBacktestResult, rows: readonly VarEsBacktestRow[]): string[] {
  const { settings } = result;
  const rates = result.correctModelFailureRates
    .filter(({ days, confidence }) =>
      rows.some((row) => row.kupiec.observations === days && row.confidence === confidence),
    )
    .map(
      ({ days, confidence, varTests }) =>
        `${days} days at ${percent(confidence)}: ${(varTests * 100).toFixed(1)}%`,
    );
  const perModel = rows.filter((row) => row.model === rows[0]?.model);
  return [
    `Failing by chance: even a correct model fails some rows. Its chance of failing a row's three VaR tests at 5% (${settings.nullSimulations.toLocaleString('en-US')} simulated sequences of independent exceptions at the expected rate): ${rates.join('; ')}. With the ES test's 5% on top, a correct model fails about ${expectedFalseFailures(
      result,
      perModel.map((row) => [row.kupiec.observations, row.confidence]),
    ).toFixed(
      1,
    )} of ${perModel.length} rows by chance, and passes all of them with a chance of about ${(
      100 *
      passAllChance(
        result,
        perModel.map((row) => [row.kupiec.observations, row.confidence]),
      )
    ).toFixed(
      0,
    )}% (rows and tests taken as independent; they are positively dependent — rows share days, and the ES test grows with the exception count — so these chances of failing are upper bounds). Holm's adjustment (over each model's ${4 * perModel.length} tests, family-wise 5%) is shown beside the plain verdict; the plain one is the verdict.`,
  ];
}

function rowFailureChance(result: VarEsBacktestResult, days: number, confidence: number): number {
  const rate = result.correctModelFailureRates.find(
    (entry) => entry.days === days && entry.confidence === confidence,
  );
  if (!rate)
    throw new RangeError(
      `varEsBacktestMarkdown: no failure rate for ${days} days at ${confidence}`,
    );
  return 1 - (1 - rate.varTests) * (1 - ES_TEST_SIZE);
}

function expectedFalseFailures(
  result: VarEsBacktestResult,
  rows: readonly (readonly [number, number])[],
): number {
  return rows.reduce(
    (sum, [days, confidence]) => sum + rowFailureChance(result, days, confidence),
    0,
  );
}

function passAllChance(
  result: VarEsBacktestResult,
  rows: readonly (readonly [number, number])[],
): number {
  return rows.reduce(
    (product, [days, confidence]) => product * (1 - rowFailureChance(result, days, confidence)),
    1,
  );
}

/** The ES test's size: one-sided at 5% (acerbi-szekely-test.ts). */
const ES_TEST_SIZE = 0.05;

/** Per model, how many rows pass, and each failing row with the tests that reject it. */
function summary(rows: readonly VarEsBacktestRow[]): string[] {
  const models = [...new Set(rows.map((row) => row.model))];
  return models.map((model) => {
    const own = rows.filter((row) => row.model === model);
    const failures = own.filter((row) => !row.passedAt5Percent).map(failureText);
    const passed = own.length - failures.length;
    return `- ${model}: passes ${passed} of ${own.length} (Holm-adjusted: ${holmPasses(own)} of ${own.length})${failures.length > 0 ? `; fails ${failures.join('; ')}` : ''}.`;
  });
}

/** The rows none of whose four tests Holm's procedure rejects over all the rows' tests at 5%. */
function holmPasses(rows: readonly VarEsBacktestRow[]): number {
  const pValues = rows.flatMap((row) => [
    row.kupiec.pValue,
    row.christoffersen.independencePValue,
    row.christoffersen.conditionalCoveragePValue,
    row.expectedShortfall.pValue,
  ]);
  const rejected = holmRejections(pValues, 0.05);
  return rows.filter((_, index) => !rejected.slice(4 * index, 4 * index + 4).some(Boolean)).length;
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
