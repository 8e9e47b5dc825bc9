import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO } from './demo-portfolio';
import { parsePortfolio } from './parse-portfolio';
import { PortfolioError } from './portfolio-error';

/** A mutable deep copy of the demo file, to break one field at a time. */
type RawFile = Record<string, unknown> & {
  accounts: (Record<string, unknown> & { positions: Record<string, unknown>[] })[];
};
function demoCopy(): RawFile {
  return JSON.parse(JSON.stringify(DEMO_PORTFOLIO)) as RawFile;
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    parsePortfolio(raw);
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  throw new Error('expected a PortfolioError');
}

describe('parsePortfolio', () => {
  it('accepts the demo portfolio and keeps decimals exact', () => {
    const portfolio = parsePortfolio(DEMO_PORTFOLIO);
    expect(portfolio.accounts.map((account) => account.id)).toEqual([
      'binance-main',
      'binance-hedge',
    ]);
    const position = portfolio.accounts[0]?.positions[0];
    expect(position?.markPrice.toString()).toBe('95057.54');
    expect(position?.contractSize.toString()).toBe('1');
    expect(position?.instrument.kind).toBe('linear-perpetual');
  });

  it('names the account, the position and the field of a bad value', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[1] ?? {}, { contracts: 'twelve' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" positions[1] "ETH/USDT:USDT" contracts: must be a positive decimal (a string such as "1.5"), got "twelve"',
    ]);
  });

  it('reports every problem in one pass', () => {
    const raw = demoCopy();
    raw.version = 2;
    Object.assign(raw.accounts[1] ?? {}, { venue: 'mtgox' });
    raw.model = { confidence: 1.5 };
    const problems = problemsOf(raw);
    expect(problems).toContain('version: must be 1, got 2');
    expect(
      problems.some((problem) =>
        problem.startsWith('accounts[1] "binance-hedge" venue: must be one of "binanceusdm"'),
      ),
    ).toBe(true);
    expect(problems).toContain('model confidence: must be a number > 0.5 ≤ 0.9999, got 1.5');
  });

  it('rejects a symbol that is not a ccxt unified symbol, or not supported by the venue', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { symbol: 'BTCUSDT' });
    Object.assign(raw.accounts[0]?.positions[1] ?? {}, { symbol: 'ETH/USD:ETH' });
    const problems = problemsOf(raw);
    expect(problems[0]).toBe(
      'accounts[0] "binance-main" positions[0] "BTCUSDT" symbol: "BTCUSDT" is not a ccxt unified symbol such as BTC/USDT:USDT',
    );
    expect(problems[1]).toContain(
      'positions[1] "ETH/USD:ETH" symbol: inverse-perpetual contracts settled in ETH are not supported on binanceusdm yet',
    );
  });

  it('rejects the same symbol twice in one-way mode', () => {
    const raw = demoCopy();
    raw.accounts[0]?.positions.push({ ...raw.accounts[0].positions[0] });
    expect(problemsOf(raw)).toContain(
      'accounts[0] "binance-main" positions "BTC/USDT:USDT": appears twice in one-way mode; set positionMode "hedge" for long and short legs',
    );
  });

  it('rejects a file that is not an object, and unknown model methods', () => {
    expect(problemsOf([])).toEqual(['portfolio: must be an object, got an array']);
    expect(problemsOf({ ...demoCopy(), model: { method: 'magic' } })).toEqual([
      'model method: must be one of "montecarlo", "historical", "parametric", got "magic"',
    ]);
  });

  it('requires the tier in force to come as a pair, and rates as fractions', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { maintenanceMarginRate: '0.5' });
    Object.assign(raw.accounts[0]?.positions[1] ?? {}, {
      maintenanceMarginRate: '5',
      maintenanceAmount: '0',
    });
    const problems = problemsOf(raw);
    expect(problems[0]).toContain(
      '"BTC/USDT:USDT" maintenanceMarginRate: and maintenanceAmount must be given together',
    );
    expect(problems[1]).toContain(
      '"ETH/USDT:USDT" maintenanceMarginRate: is a fraction (0.005 for 0.5%), got 5',
    );
  });

  it('does not mutate its input', () => {
    const raw = demoCopy();
    const before = JSON.stringify(raw);
    parsePortfolio(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('accepts portfolio margin only where its rules are built', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0] ?? {}, { marginMode: 'portfolio' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" marginMode: "portfolio" margin is not supported on binanceusdm; use "cross" or "isolated"',
    ]);
  });

  it('refuses portfolio margin as a position mode, and per-position modes on Deribit', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { marginMode: 'portfolio' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" positions[0] "BTC/USDT:USDT" marginMode: portfolio margin is an account mode, not a position mode',
    ]);
    const deribit = {
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'd',
          venue: 'deribit',
          marginMode: 'isolated',
          balances: [],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '1',
              contractSize: '10',
              entryPrice: '1',
              markPrice: '1',
              marginMode: 'isolated',
            },
          ],
        },
      ],
    };
    expect(problemsOf(deribit)).toEqual([
      'accounts[0] "d" marginMode: "isolated" margin is not supported on deribit; use "cross" or "portfolio"',
      'accounts[0] "d" positions[0] "BTC/USD:BTC" marginMode: deribit has no per-position margin modes; set the account\'s marginMode',
    ]);
  });
});
