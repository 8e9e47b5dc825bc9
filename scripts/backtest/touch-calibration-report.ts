/**
 * The touch calibration in words and pictures: a README/docs table, the counts fixture the CI test
 * reads (test/history/touch-counts.json: derived counts only, never prices), and the reliability
 * picture (predicted against realised, log scales) as SVG.
 */
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import { DEFAULT_MODEL } from '../../lib/engine/measure/model-settings';
import { formatChance } from '../../lib/format/format-figures';
import { FIT_DISTANCES } from '../support/tail-fit';
import { OUT_OF_SAMPLE_FROM, SIDES, type TouchCalibrationResult } from './touch-calibration';

const percent = (value: number, digits = 2) => `${(value * 100).toFixed(digits)}%`;

export function touchCalibrationMarkdown(result: TouchCalibrationResult): string {
  const pooled = result.rows.filter((row) => row.asset === 'pooled');
  const lines = [
    `P(liquidation within 24 h) for a position k daily σ from its liquidation price, against how often the days' lows (longs) and highs (shorts) reached that far from the prior close: ${result.counts.pooled?.days.toLocaleString('en-US')} asset-days of ${result.assets.length} assets, ${result.from} to ${result.to} (σ: the product's EWMA forecast, λ ${DEFAULT_MARKET.volForecast.volLambda}, the evening before; realised with Wilson 95% intervals). Default: the engine's report at its defaults (path simulation, ${DEFAULT_MODEL.liquidationPaths.toLocaleString('en-US')} paths, hourly bridged monitoring, importance sampling), ν = ${result.distribution.type === 'student-t' ? result.distribution.nu : '—'}, vol scale ${result.distribution.type === 'student-t' ? (result.distribution.volScale ?? 1) : 1}. Previous: hourly Student-t (ν = 4) summed over the day, ${result.previousPaths.toLocaleString('en-US')} paths.`,
    '',
    '| k σ | side | realised (95%) | default model, exact | the report at its defaults (95%) | exact ÷ realised | previous model | previous ÷ realised |',
    '| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const side of SIDES)
    FIT_DISTANCES.forEach((k, i) => {
      const row = pooled.find((candidate) => candidate.side === side && candidate.k === k);
      const simulated = result.simulated[side][i];
      const previous = result.previous[i] ?? 0;
      if (!row || !simulated) return;
      const realised = `${percent(row.realised.share)} (${percent(row.realised.low)}–${percent(row.realised.high)})`;
      const exact = result.closedForm[i] ?? 0;
      lines.push(
        `| ${k} | ${side === 'down' ? 'low (long)' : 'high (short)'} | ${realised} | ${percent(exact, 3)} | ${formatChance(simulated)} | ${(exact / row.realised.share).toFixed(2)} | ${previous > 0 ? percent(previous, 4) : `< ${percent(3 / result.previousPaths, 4)}`} | ${(previous / row.realised.share).toFixed(3)} |`,
      );
    });
  const oos = result.outOfSample;
  lines.push(
    '',
    `Out of sample: ν = ${oos.nu}, vol scale ${oos.volScale} fitted on the ${oos.fittedOn}, judged on the days from 2021 (closed form):`,
    '',
    '| k σ | side | realised from 2021 (95%) | predicted | predicted ÷ realised |',
    '| ---: | :--- | ---: | ---: | ---: |',
    ...oos.rows.map(
      (row) =>
        `| ${row.k} | ${row.side === 'down' ? 'low' : 'high'} | ${percent(row.realised.share)} (${percent(row.realised.low)}–${percent(row.realised.high)}) | ${percent(row.predicted)} | ${(row.predicted / row.realised.share).toFixed(2)} |`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** The derived counts the CI test judges the model against. */
export function touchCountsFixture(result: TouchCalibrationResult): object {
  return {
    description:
      'Derived by npm run backtest (scripts/backtest/touch-calibration.ts) from the daily history in shared/data/market: per asset and pooled, the number of days and how many of them had a low at or below -k (down) or a high at or above +k (up) EWMA forecast sigma from the prior close, k = 1..8.',
    from: result.from,
    to: result.to,
    distances: FIT_DISTANCES,
    counts: result.counts,
    outOfSample: {
      description: `All assets pooled: the days before ${OUT_OF_SAMPLE_FROM} (to fit on) and from it (to judge).`,
      before: result.outOfSample.before,
      from: result.outOfSample.from,
    },
  };
}

/**
 * Predicted (x) against realised (y), log scales from 1e-5 to 0.5: the diagonal, the factor-1.5
 * band, the default model's pooled points with the realised 95% intervals, each asset's points
 * faint, and the previous model's pooled points in grey.
 */
export function reliabilitySvg(result: TouchCalibrationResult): string {
  const width = 640;
  const height = 560;
  const margin = { left: 70, right: 20, top: 40, bottom: 60 };
  const low = -5;
  const high = Math.log10(0.5);
  const x = (p: number) =>
    margin.left + ((Math.log10(p) - low) / (high - low)) * (width - margin.left - margin.right);
  const y = (p: number) =>
    height -
    margin.bottom -
    ((Math.log10(p) - low) / (high - low)) * (height - margin.top - margin.bottom);
  const clamp = (p: number) => Math.min(0.5, Math.max(1e-5, p));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">Chance of touching k daily σ within a day: predicted vs what happened</text>`,
  );
  for (let decade = -5; decade <= 0; decade++) {
    const p = 10 ** decade;
    if (p > 0.5) continue;
    parts.push(
      `<line x1="${x(p)}" y1="${margin.top}" x2="${x(p)}" y2="${height - margin.bottom}" stroke="#eee"/>`,
      `<line x1="${margin.left}" y1="${y(p)}" x2="${width - margin.right}" y2="${y(p)}" stroke="#eee"/>`,
      `<text x="${x(p)}" y="${height - margin.bottom + 16}" text-anchor="middle">${percent(p, decade >= -2 ? 0 : -decade - 2)}</text>`,
      `<text x="${margin.left - 6}" y="${y(p) + 4}" text-anchor="end">${percent(p, decade >= -2 ? 0 : -decade - 2)}</text>`,
    );
  }
  const a = 1e-5;
  const b = 0.5;
  parts.push(
    `<line x1="${x(a)}" y1="${y(a)}" x2="${x(b)}" y2="${y(b)}" stroke="#333" stroke-width="1.5"/>`,
    `<line x1="${x(a * 1.5)}" y1="${y(a)}" x2="${x(b)}" y2="${y(b / 1.5)}" stroke="#999" stroke-dasharray="4 4"/>`,
    `<line x1="${x(a)}" y1="${y(a * 1.5)}" x2="${x(b / 1.5)}" y2="${y(b)}" stroke="#999" stroke-dasharray="4 4"/>`,
    `<text x="${width / 2}" y="${height - 18}" text-anchor="middle">predicted by the model</text>`,
    `<text transform="translate(18 ${height / 2}) rotate(-90)" text-anchor="middle">share of days it happened</text>`,
  );
  const colour = { down: '#c0392b', up: '#2471a3' } as const;
  for (const row of result.rows) {
    if (row.asset === 'pooled' || row.hits === 0) continue;
    const predicted = result.closedForm[row.k - 1] ?? 0;
    parts.push(
      `<circle cx="${x(predicted)}" cy="${y(clamp(row.realised.share))}" r="2.5" fill="${colour[row.side]}" opacity="0.25"/>`,
    );
  }
  for (const row of result.rows) {
    if (row.asset !== 'pooled') continue;
    const previous = result.previous[row.k - 1] ?? 0;
    if (previous > 0)
      parts.push(
        `<rect x="${x(clamp(previous)) - 4}" y="${y(clamp(row.realised.share)) - 4}" width="8" height="8" fill="#888"/>`,
      );
    const simulated = result.simulated[row.side][row.k - 1]?.value ?? 0;
    parts.push(
      `<line x1="${x(simulated)}" y1="${y(clamp(row.realised.low))}" x2="${x(simulated)}" y2="${y(clamp(row.realised.high))}" stroke="${colour[row.side]}" stroke-width="2"/>`,
      `<circle cx="${x(simulated)}" cy="${y(row.realised.share)}" r="5" fill="${colour[row.side]}"/>`,
    );
    if (row.side === 'down')
      parts.push(
        `<text x="${x(simulated) + 8}" y="${y(row.realised.share) - 6}" font-size="11">${row.k}σ</text>`,
      );
  }
  const legend = [
    ['circle', colour.down, 'falls (longs), all assets pooled, 95% interval'],
    ['circle', colour.up, 'rises (shorts), all assets pooled'],
    ['faint', '#777', 'each asset'],
    ['square', '#888', 'previous model (hourly Student-t)'],
    ['line', '#999', 'within a factor of 1.5'],
  ] as const;
  legend.forEach(([shape, fill, text], i) => {
    const ly = margin.top + 14 + i * 18;
    const lx = margin.left + 14;
    if (shape === 'square')
      parts.push(`<rect x="${lx - 4}" y="${ly - 4}" width="8" height="8" fill="${fill}"/>`);
    else if (shape === 'line')
      parts.push(
        `<line x1="${lx - 8}" y1="${ly}" x2="${lx + 8}" y2="${ly}" stroke="${fill}" stroke-dasharray="4 4"/>`,
      );
    else
      parts.push(
        `<circle cx="${lx}" cy="${ly}" r="${shape === 'faint' ? 2.5 : 5}" fill="${fill}" opacity="${shape === 'faint' ? 0.4 : 1}"/>`,
      );
    parts.push(`<text x="${lx + 14}" y="${ly + 4}">${text}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
