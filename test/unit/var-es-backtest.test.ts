import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../lib/engine/math/random-stream';
import { createRng } from '../../lib/engine/math/rng';
import {
  runVarEsBacktest,
  varEsBacktestMarkdown,
  type VarEsBacktestResult,
  type VarEsBacktestSettings,
} from '../../scripts/backtest/var-es-backtest';

/**
 * The backtest's plumbing on a synthetic history (the real one, ../shared/data/market, is not in
 * the repository): daily closes of BTC, ETH and SOL drawn from a seeded random walk with 3%, 4%
 * and 5% daily vol, correlated through a common factor, from 2017-12-01 (SOL from 2018-01-15) to
 * 2018-04-30, and one crash day (2018-03-15: BTC −30%, ETH −20%, SOL −40%). Small settings keep
 * it under a second.
 */
const SETTINGS: Partial<VarEsBacktestSettings> = {
  scenarios: 500,
  esSimulations: 50,
  filteredHistoricalMinimumDays: 20,
};
const CRASH_DAY = '2018-03-15';
const CRASH = { BTC: Math.log(0.7), ETH: Math.log(0.8), SOL: Math.log(0.6) };
const DAILY_VOL = { BTC: 0.03, ETH: 0.04, SOL: 0.05 };
const FIRST_DAY = { BTC: '2017-12-01', ETH: '2017-12-01', SOL: '2018-01-15' };

function writeSyntheticHistory(dataDir: string, lastDay: string): void {
  const stream = new RandomStream(createRng(42));
  const closes = { BTC: [] as string[], ETH: [] as string[], SOL: [] as string[] };
  const level = { BTC: 10_000, ETH: 500, SOL: 2 };
  for (let time = Date.parse('2017-12-01'); time <= Date.parse(lastDay); time += 86_400_000) {
    const day = new Date(time).toISOString().slice(0, 10);
    const common = stream.normal();
    for (const asset of ['BTC', 'ETH', 'SOL'] as const) {
      const shock = 0.7 * common + Math.sqrt(1 - 0.49) * stream.normal();
      level[asset] *= Math.exp(day === CRASH_DAY ? CRASH[asset] : DAILY_VOL[asset] * shock);
      if (day >= FIRST_DAY[asset]) closes[asset].push(`${day},${level[asset]},0,0,0,0`);
    }
  }
  for (const [asset, rows] of Object.entries(closes))
    writeFileSync(
      path.join(dataDir, `${asset}-1d.csv`),
      ['Date,Close,High,Low,Open,Volume', ...rows].join('\n'),
    );
}

describe('runVarEsBacktest on a synthetic history', () => {
  let fullDir = '';
  let shortDir = '';
  let full: VarEsBacktestResult;
  let short: VarEsBacktestResult;

  beforeAll(() => {
    fullDir = mkdtempSync(path.join(tmpdir(), 'var-es-full-'));
    shortDir = mkdtempSync(path.join(tmpdir(), 'var-es-short-'));
    writeSyntheticHistory(fullDir, '2018-04-30');
    writeSyntheticHistory(shortDir, '2018-03-31');
    full = runVarEsBacktest(fullDir, SETTINGS);
    short = runVarEsBacktest(shortDir, SETTINGS);
  });
  afterAll(() => {
    rmSync(fullDir, { recursive: true, force: true });
    rmSync(shortDir, { recursive: true, force: true });
  });

  it('has a row per book, confidence and model, each test on the same days', () => {
    expect(full.rows).toHaveLength(7 * 2 * 6);
    for (const row of full.rows) {
      expect(row.kupiec.exceptions).toBe(row.exceptionDates.length);
      expect(row.christoffersen.observations).toBe(row.kupiec.observations);
      expect(row.expectedShortfall.observations).toBe(row.kupiec.observations);
      expect(row.expectedShortfall.exceptions).toBe(row.kupiec.exceptions);
      expect(row.to).toBe('2018-04-30');
    }
  });

  it('starts after the EWMA seed, from 2018-01-01 or the asset’s own later history', () => {
    const btc = full.rows.filter((row) => row.book === 'long $1M BTC');
    const monteCarlo = btc.filter((row) => row.model !== 'filtered-historical');
    // Returns from 2017-12-02; the first 30 seed the EWMA, so the first forecast is for 2018-01-01.
    expect(monteCarlo.every((row) => row.from === '2018-01-01')).toBe(true);
    expect(monteCarlo.every((row) => row.kupiec.observations === 120)).toBe(true);
    // Filtered historical simulation waits for 20 devolatilised days.
    expect(btc.find((row) => row.model === 'filtered-historical')?.from).toBe('2018-01-21');
    // SOL returns from 2018-01-16, seed 30 days.
    const sol = full.rows.find((row) => row.book === 'long $1M SOL' && row.model === 'default');
    expect(sol?.from).toBe('2018-02-15');
  });

  it('counts the crash day as an exception of every model for the long books', () => {
    for (const row of full.rows.filter((row) => row.book.startsWith('long $1M')))
      if (!row.book.includes('short')) expect(row.exceptionDates).toContain(CRASH_DAY);
  });

  it('uses no later day: a history cut at the end of March changes no earlier exception', () => {
    short.rows.forEach((row, index) => {
      const fullRow = full.rows[index];
      expect(fullRow?.book).toBe(row.book);
      expect(fullRow?.exceptionDates.filter((day) => day <= '2018-03-31')).toEqual(
        row.exceptionDates,
      );
    });
  });

  it('renders one table line per row, with the models side by side', () => {
    const markdown = varEsBacktestMarkdown(full);
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('| long'));
    expect(tableLines).toHaveLength(full.rows.length);
    expect(tableLines[0]).toMatch(/^\| long \$1M BTC \| default \| 97\.5% \| 120 \|/);
    expect(tableLines[1]).toMatch(/^\| long \$1M BTC \| riskmetrics-t \| 97\.5% \|/);
    const defaultAndPrevious = varEsBacktestMarkdown(full, ['default', 'riskmetrics-t']);
    expect(defaultAndPrevious.split('\n').filter((line) => line.startsWith('| long'))).toHaveLength(
      (full.rows.length * 2) / 6,
    );
  });
});

describe('runVarEsBacktest on bad data', () => {
  it('names the file and line of a close that is not a positive number', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'var-es-bad-'));
    try {
      writeSyntheticHistory(dataDir, '2018-02-28');
      writeFileSync(
        path.join(dataDir, 'ETH-1d.csv'),
        'Date,Close,High,Low,Open,Volume\n2017-12-01,500,0,0,0,0\n2017-12-02,null,0,0,0,0\n',
      );
      expect(() => runVarEsBacktest(dataDir, SETTINGS)).toThrow(
        /ETH-1d\.csv line 3 \(2017-12-02\): close "null" is not a positive number/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
