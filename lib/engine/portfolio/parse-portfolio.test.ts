import { describe, expect, it } from 'vitest';
import { bybitBtcusdtFileTable } from '../../../test/golden/bybit-btcusdt-tiers';
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

  it('refuses a taker fee on a venue whose rules take none, rather than ignoring it', () => {
    const file = demoCopy();
    const accounts = file.accounts as { venue: string; positions: Record<string, unknown>[] }[];
    const binance = accounts.findIndex((account) => account.venue === 'binanceusdm');
    expect(binance).toBeGreaterThanOrEqual(0);
    const position = accounts[binance]?.positions[0];
    if (!position) throw new Error('the demo has a Binance position');
    position.takerFeeRate = '0.0005';
    expect(problemsOf(file)).toEqual([
      expect.stringContaining(
        `takerFeeRate: binanceusdm's margin and liquidation rules take no taker fee here; remove takerFeeRate`,
      ),
    ]);
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

  it('requires a tier in force with a deduction to come as a pair, and rates as fractions', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { maintenanceMarginRate: '0.5' });
    Object.assign(raw.accounts[0]?.positions[1] ?? {}, {
      maintenanceMarginRate: '5',
      maintenanceAmount: '0',
    });
    const problems = problemsOf(raw);
    expect(problems[0]).toContain(
      '"BTC/USDT:USDT" maintenanceMarginRate: needs the tier\'s maintenanceAmount too on binanceusdm (MM = notional × maintenanceMarginRate − maintenanceAmount; "0" for a tier without one)',
    );
    expect(problems[1]).toContain(
      '"ETH/USDT:USDT" maintenanceMarginRate: is a fraction (0.005 for 0.5%), got 5',
    );
  });

  it('refuses a maintenance amount without its rate', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0]?.positions[0] ?? {}, { maintenanceAmount: '10' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" positions[0] "BTC/USDT:USDT" maintenanceAmount: needs the maintenanceMarginRate of the same tier (the tier in force)',
    ]);
  });

  it('does not mutate its input', () => {
    const raw = demoCopy();
    const before = JSON.stringify(raw);
    parsePortfolio(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('accepts portfolio margin only where its rules are built', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0] ?? {}, { marginMode: 'portfolio', venue: 'bybit' });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" marginMode: "portfolio" margin is not supported on bybit; use "cross" or "isolated"',
    ]);
    const binance = demoCopy();
    Object.assign(binance.accounts[0] ?? {}, { marginMode: 'portfolio' });
    expect(parsePortfolio(binance).accounts[0]?.marginMode).toBe('portfolio');
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

/** A Bybit BTCUSDT table in the `PortfolioFileTierTable` shape (tiers 1–3), fresh for each test to alter. */
function bybitTable(): Record<string, unknown> & { tiers: Record<string, unknown>[] } {
  const table = bybitBtcusdtFileTable();
  return { ...table, tiers: table.tiers.map((tier) => ({ ...tier })) };
}

describe('parsePortfolio tierTables', () => {
  it('builds a venue table with its source and date, amounts by the recursion', () => {
    const portfolio = parsePortfolio({ ...demoCopy(), tierTables: [bybitTable()] });
    const table = portfolio.tierTables?.[0];
    expect(table).toMatchObject({
      venue: 'bybit',
      symbol: 'BTC/USDT:USDT',
      source: 'GET /v5/market/risk-limit',
      asOf: '2026-11-24T12:00:00Z',
      basis: 'notional',
      complete: true,
    });
    expect(table?.tiers.map((tier) => tier.maintenanceAmount.toNumber())).toEqual([0, 1200, 3020]);
    expect(table?.tiers[2]?.cap).toBeNull();
  });

  it('names the table, the row and the field of every problem', () => {
    const gap = bybitTable();
    Object.assign(gap.tiers[2] ?? {}, { floor: '2700000' });
    const wrongAmount = bybitTable();
    Object.assign(wrongAmount.tiers[1] ?? {}, { maintenanceAmount: '1000' });
    const malformed = bybitTable();
    Object.assign(malformed.tiers[0] ?? {}, { maintenanceMarginRate: '0.5%', maxLeverage: '100' });
    const problems = problemsOf({
      ...demoCopy(),
      tierTables: [
        gap,
        { ...wrongAmount, symbol: 'ETH/USDT:USDT' },
        { ...malformed, symbol: 'SOL/USDT:USDT' },
      ],
    });
    expect(problems).toEqual([
      'tierTables[0] "BTC/USDT:USDT" tiers[2] floor: 2700000 does not continue the previous cap (2600000)',
      // The recursion from the moved floor no longer gives the published amount either.
      'tierTables[0] "BTC/USDT:USDT" tiers[2] maintenanceAmount: published maintenance amount 3020 disagrees with the recursion (3090)',
      'tierTables[1] "ETH/USDT:USDT" tiers[1] maintenanceAmount: published maintenance amount 1000 disagrees with the recursion (1200)',
      'tierTables[2] "SOL/USDT:USDT" tiers[0] maintenanceMarginRate: must be a decimal ≥ 0 (a string such as "1.5"), got "0.5%"',
      'tierTables[2] "SOL/USDT:USDT" tiers[0] maxLeverage: must be a number ≥ 1 ≤ 1000, got "100"',
    ]);
  });

  it('rejects a second table for one symbol, a venue without tiers, a missing date and an empty table', () => {
    const problems = problemsOf({
      ...demoCopy(),
      tierTables: [
        bybitTable(),
        bybitTable(),
        { ...bybitTable(), venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' },
        { ...bybitTable(), symbol: 'ETH/USDT:USDT', asOf: 'yesterday' },
        { ...bybitTable(), symbol: 'XRP/USDT:USDT', tiers: [] },
      ],
    });
    expect(problems).toEqual([
      'tierTables[1] "BTC/USDT:USDT": is the second table for bybit BTC/USDT:USDT; give one table per venue and symbol (a table for some accounts only names them in "accounts")',
      'tierTables[2] "BTC/USDC:USDC" venue: hyperliquid margin uses no tier tables (its rules take no tiers); remove the table',
      'tierTables[3] "ETH/USDT:USDT" asOf: must be an ISO-8601 time, got "yesterday"',
      'tierTables[4] "XRP/USDT:USDT" tiers: must hold at least one tier',
    ]);
  });

  it('takes a second table for one symbol when it names its accounts, and refuses unknown ones', () => {
    const bybitAccount = {
      id: 'bybit-sub',
      venue: 'bybit',
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '1000' }],
      positions: [],
    };
    const file = { ...demoCopy(), accounts: [...demoCopy().accounts, bybitAccount] };
    const bybitIds = [bybitAccount.id];
    const portfolio = parsePortfolio({
      ...file,
      tierTables: [bybitTable(), { ...bybitTable(), accounts: bybitIds }],
    });
    expect(portfolio.tierTables?.map((table) => table.accounts)).toEqual([undefined, bybitIds]);
    expect(
      problemsOf({
        ...file,
        tierTables: [
          { ...bybitTable(), accounts: ['nobody'] },
          { ...bybitTable(), accounts: bybitIds },
          { ...bybitTable(), accounts: bybitIds },
          { ...bybitTable(), symbol: 'ETH/USDT:USDT', accounts: [] },
        ],
      }),
    ).toEqual([
      'tierTables[0] "BTC/USDT:USDT" accounts[0]: names account "nobody", which is not an account on bybit in this file',
      `tierTables[2] "BTC/USDT:USDT": is the second table for bybit BTC/USDT:USDT for account "${bybitIds[0]}"; give one table per venue and symbol and account`,
      'tierTables[3] "ETH/USDT:USDT" accounts: must name at least one account, or be left out',
    ]);
  });

  it('reads OKX tables as flat tiers by size: a maintenance amount other than 0 is an error', () => {
    const okx = {
      venue: 'okx',
      symbol: 'ETH/USDT:USDT',
      source: 'GET /api/v5/public/position-tiers',
      asOf: '2026-11-24T12:00:00Z',
      tiers: [
        { floor: '0', cap: '300', maintenanceMarginRate: '0.004', maxLeverage: 125 },
        {
          floor: '300',
          cap: '600',
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0.3',
          maxLeverage: 100,
        },
      ],
    };
    expect(problemsOf({ ...demoCopy(), tierTables: [okx] })).toEqual([
      'tierTables[0] "ETH/USDT:USDT" tiers[1] maintenanceAmount: must be 0: these tiers have no maintenance amount (MM = notional × MMR), got 0.3',
    ]);
    const table = parsePortfolio({
      ...demoCopy(),
      tierTables: [{ ...okx, tiers: [okx.tiers[0]] }],
    }).tierTables?.[0];
    expect(table?.basis).toBe('quantity');
    expect(table?.tiers[0]?.maintenanceAmount.toNumber()).toBe(0);
  });
});

describe('parsePortfolio account venueReported', () => {
  it('keeps the venue figures as decimals', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0] ?? {}, {
      venueReported: { marginRatio: '0.12', maintenanceMargin: '1234.5', equity: '10288' },
    });
    const reported = parsePortfolio(raw).accounts[0]?.venueReported;
    expect(reported?.marginRatio?.toString()).toBe('0.12');
    expect(reported?.maintenanceMargin?.toString()).toBe('1234.5');
    expect(reported?.equity?.toString()).toBe('10288');
  });

  it('names a malformed or unknown figure', () => {
    const raw = demoCopy();
    Object.assign(raw.accounts[0] ?? {}, {
      venueReported: { marginRatio: '-0.1', maintenanceMargin: 'lots', initialMargin: '1' },
    });
    expect(problemsOf(raw)).toEqual([
      'accounts[0] "binance-main" venueReported initialMargin: is not an account figure; use marginRatio, maintenanceMargin or equity',
      'accounts[0] "binance-main" venueReported marginRatio: must be a decimal ≥ 0 (a string such as "1.5"), got "-0.1"',
      'accounts[0] "binance-main" venueReported maintenanceMargin: must be a decimal ≥ 0 (a string such as "1.5"), got "lots"',
    ]);
  });
});
