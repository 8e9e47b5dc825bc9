import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../../test/fuzz/portfolio-files';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import type { AccountReport, RiskReport } from './risk-report-types';

/**
 * Numbers under stress (issue 13): the edges of what a trader's file can hold, through the file
 * reader and the whole report. Each gives finite, sensible figures or a refusal naming the field;
 * never NaN or ±Infinity (JSON would turn them into null, which a view shows as "—", unknown),
 * and an account at or past liquidation is reported underwater, the most dangerous state.
 */

const AS_OF = '2026-11-24T12:00:00Z';
const MODEL = { scenarios: 1_000, liquidationPaths: 500 };

function report(accounts: unknown[], extra: object = {}, asOf = AS_OF): RiskReport {
  return calculateRiskReport(
    parsePortfolio({ version: 1, asOf, baseCurrency: 'USD', accounts, model: MODEL, ...extra }),
  );
}

/** The report's one account, after checking that every number in the report is finite. */
function onlyAccount(risk: RiskReport): AccountReport {
  expect(nonFiniteNumbers(risk)).toEqual([]);
  expect(risk.refusals).toEqual([]);
  const [account] = risk.accounts;
  if (account === undefined) throw new Error('the report has no account');
  return account;
}

function btcLong(fields: object) {
  return {
    symbol: 'BTC/USDT:USDT',
    side: 'long',
    contracts: '1',
    entryPrice: '95000',
    markPrice: '95000',
    ...fields,
  };
}

describe('numbers under stress, through parsePortfolio and calculateRiskReport', () => {
  it('a 1000× position: its margin is a tenth of its maintenance, so it is past liquidation', () => {
    const isolated = onlyAccount(
      report([
        {
          id: 'isolated',
          venue: 'binanceusdm',
          marginMode: 'isolated',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [btcLong({ leverage: 1000, isolatedMargin: '95' })],
        },
      ]),
    );
    const [leg] = isolated.positions;
    // Binance's first tier keeps 0.4% (380 USDT on 95,000); 95 USDT of margin is below it.
    expect(leg?.maintenanceMargin).toBeCloseTo(425, 0);
    expect(leg?.liquidationPassed).toBe(true);
    expect(leg?.liquidationPrice).toBeGreaterThan(95_000);
    expect(leg?.liquidationProbability?.value).toBeGreaterThan(0.5);

    const cross = onlyAccount(
      report([
        {
          id: 'cross',
          venue: 'binanceusdm',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '95' }],
          positions: [btcLong({ leverage: 1000 })],
        },
      ]),
    );
    expect(cross.marginRatio).toBeCloseTo(425 / 95, 6);
    expect(cross.underwater).toBe(true);
  });

  it('a 1e-8 BTC position: tiny, finite figures and no liquidation price on a funded account', () => {
    const account = onlyAccount(
      report([
        {
          id: 'dust',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [btcLong({ contracts: '0.00000001' })],
        },
      ]),
    );
    const [leg] = account.positions;
    expect(leg?.notional).toBeCloseTo(0.00095, 12);
    expect(leg?.maintenanceMargin).toBeGreaterThan(0);
    expect(leg?.maintenanceMargin).toBeLessThan(1e-5);
    expect(leg?.liquidationPrice).toBeNull();
    expect(account.marginRatio).toBeLessThan(1e-8);
    expect(account.underwater).toBeUndefined();
  });

  it('an option one second from expiry: finite value, margin and liquidation price', () => {
    const account = onlyAccount(
      report(
        [
          {
            id: 'deribit',
            venue: 'deribit',
            marginMode: 'cross',
            balances: [{ asset: 'BTC', total: '1' }],
            positions: [
              {
                symbol: 'BTC/USD:BTC-261225-100000-C',
                side: 'short',
                contracts: '10',
                entryPrice: '0.01',
                markPrice: '0.001',
                markIv: 0.5,
              },
            ],
          },
        ],
        { market: { prices: { BTC: '100000' } } },
        // Deribit options expire at 08:00 UTC.
        '2026-12-25T07:59:59Z',
      ),
    );
    expect(account.maintenanceMargin).toBeGreaterThan(0);
    expect(account.positions[0]?.liquidationPrice).toBeGreaterThan(100_000);
    expect(account.underwater).toBeUndefined();
  });

  it('zero vol (annualVols 0): no move, so no ES, no distance in σ, and a 0 chance', () => {
    const risk = report(
      [
        {
          id: 'flat',
          venue: 'binanceusdm',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '10000' }],
          positions: [btcLong({ leverage: 10 })],
        },
      ],
      { market: { annualVols: { BTC: 0 } } },
    );
    const account = onlyAccount(risk);
    expect(risk.portfolio.es).toBe(0);
    expect(account.positions[0]?.liquidationPrice).toBeGreaterThan(0);
    expect(account.positions[0]?.liquidationDistanceVolUnits).toBeNull();
    expect(account.liquidation.probability?.value).toBe(0);
  });

  it('a near-zero vol beside a volatile coin: the P&L picture stays finite', () => {
    const risk = report(
      [
        {
          id: 'pair',
          venue: 'binanceusdm',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '100000' }],
          positions: [
            btcLong({ contracts: '10', leverage: 10 }),
            {
              symbol: 'ETH/USDT:USDT',
              side: 'short',
              contracts: '1',
              entryPrice: '2500',
              markPrice: '2500',
              leverage: 10,
            },
          ],
        },
      ],
      { market: { annualVols: { BTC: 0.005, ETH: 20 }, correlations: { 'BTC/ETH': 0.8 } } },
    );
    onlyAccount(risk);
    expect(risk.portfolio.pnlByMove?.asset).toBe('BTC');
    expect(risk.portfolio.pnlByMove?.betas.ETH).toBe(100);
  });

  it('a one-tier table: every notional in its one tier, finite figures', () => {
    const account = onlyAccount(
      report(
        [
          {
            id: 'one-tier',
            venue: 'binanceusdm',
            marginMode: 'cross',
            balances: [{ asset: 'USDT', total: '10000' }],
            positions: [btcLong({ contracts: '5', leverage: 50 })],
          },
        ],
        {
          tierTables: [
            {
              venue: 'binanceusdm',
              symbol: 'BTC/USDT:USDT',
              source: 'test: one tier',
              asOf: '2026-11-24',
              tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '0.004', maxLeverage: 125 }],
            },
          ],
        },
      ),
    );
    expect(account.maintenanceMargin).toBeCloseTo(0.004 * 5 * 95_000, 6);
    expect(account.positions[0]?.tierOrigin).toBe('venue-table');
    expect(account.positions[0]?.tierTable?.source).toBe('test: one tier');
    expect(account.positions[0]?.liquidationPrice).toBeGreaterThan(90_000);
  });

  it('an underwater account: equity below maintenance is flagged, its ratio finite or null, never Infinity', () => {
    const account = (total: string) =>
      onlyAccount(
        report([
          {
            id: 'under',
            venue: 'binanceusdm',
            marginMode: 'cross',
            balances: [{ asset: 'USDT', total }],
            positions: [btcLong({ entryPrice: '100000', leverage: 10 })],
          },
        ]),
      );
    // Equity 5,300 − 5,000 = 300 USDT against 425 of maintenance: a ratio above 1.
    const below = account('5300');
    expect(below.equity).toBeCloseTo(300, 9);
    expect(below.marginRatio).toBeCloseTo(425 / 300, 9);
    expect(below.underwater).toBe(true);
    expect(below.positions[0]?.liquidationPassed).toBe(true);
    // Liquidated now: certain within the horizon, and never a probability above 1.
    expect(below.liquidation.probability?.value).toBeGreaterThan(0.95);
    expect(below.liquidation.probability?.value).toBeLessThanOrEqual(1);
    // Equity −4,900 USDT: no ratio exists; JSON keeps the flag and a null, never a lost Infinity.
    const negative = account('100');
    expect(negative.equity).toBeCloseTo(-4900, 9);
    expect(negative.marginRatio).toBeNull();
    expect(negative.underwater).toBe(true);
    expect(JSON.parse(JSON.stringify(negative))).toMatchObject({
      marginRatio: null,
      underwater: true,
    });
    // A funded account is not flagged.
    expect(account('20000').underwater).toBeUndefined();
  });

  it('an empty account is not underwater: nothing held, nothing owed', () => {
    for (const [venue, marginMode] of [
      ['binanceusdm', 'cross'],
      ['bybit', 'cross'],
      ['hyperliquid', 'cross'],
      ['okx', 'cross'],
      // OKX portfolio margin held an empty account's ratio at +Infinity.
      ['okx', 'portfolio'],
    ] as const) {
      const account = onlyAccount(
        report([{ id: 'empty', venue, marginMode, balances: [], positions: [] }]),
      );
      expect(account.marginRatio, `${venue} ${marginMode}`).toBe(0);
      expect(account.underwater, `${venue} ${marginMode}`).toBeUndefined();
    }
  });
});

describe('numbers beyond the bounds: refused, naming the field', () => {
  const file = (contracts: unknown) => ({
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'a',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '1000' }],
        positions: [btcLong({ contracts })],
      },
    ],
  });
  const PLACE = 'accounts[0] "a" positions[0] "BTC/USDT:USDT" contracts: ';

  it.each([
    ['1e9000000000000001', 'it has an exponent beyond ±30'],
    ['1e19', 'it is larger than 1e+18 in size, the largest figure a portfolio file holds'],
    ['1e-19', 'it is below 1e-18, the smallest positive figure a portfolio file holds'],
    ['9'.repeat(41), 'it has more than 40 digits'],
  ])('%s', (contracts, why) => {
    expect(() => parsePortfolio(file(contracts))).toThrow(
      `${PLACE}must be a positive decimal (a string such as "1.5"), got ${JSON.stringify(contracts).slice(0, 37)}`,
    );
    expect(() => parsePortfolio(file(contracts))).toThrow(why);
  });

  it('a JSON number beyond the bounds too', () => {
    expect(() => parsePortfolio(file(1e300))).toThrow(`${PLACE}must be a positive decimal`);
  });
});
