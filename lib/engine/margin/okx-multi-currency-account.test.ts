import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { collateralValueUsd } from './collateral-table';
import { okxAccountMargin, okxSilos } from './okx';
import { marginContextOf } from './venue-context';

/**
 * OKX's discount example (help centre, "Multi-currency margin mode: cross margin trading",
 * https://www.okx.com/help/iv-multi-currency-margin-mode-cross-margin-trading, read 2026-12-07):
 * 100 BTC at 60,000 USD with the BTC tiers by amount 0–20 → 0.98, 20–25 → 0.975, 25–30 → 0.97,
 * 30–50 → 0.965, 50–70 → 0.96, 70–90 → 0.955, 90–110 → 0.95 gives an adjusted equity of
 * 5,785,500 USD. The page gives no rate past 110 BTC; `minDiscountRate` (0 in OKX's API example)
 * closes the table.
 */
const BTC_TIERS = [
  { floor: '0', cap: '20', collateralRate: '0.98' },
  { floor: '20', cap: '25', collateralRate: '0.975' },
  { floor: '25', cap: '30', collateralRate: '0.97' },
  { floor: '30', cap: '50', collateralRate: '0.965' },
  { floor: '50', cap: '70', collateralRate: '0.96' },
  { floor: '70', cap: '90', collateralRate: '0.955' },
  { floor: '90', cap: '110', collateralRate: '0.95' },
  { floor: '110', cap: null, collateralRate: '0' },
];
const SOURCE =
  'OKX help centre, Multi-currency margin mode: cross margin trading, discount example';
// Stablecoins at 1 for the test's arithmetic (an input of the test, not an OKX figure).
const FLAT_ONE = [{ floor: '0', cap: null, collateralRate: '1' }];

function table(asset: string, tiers: readonly object[]) {
  return { venue: 'okx', asset, source: SOURCE, asOf: '2026-12-07', tiers };
}
// ETH at a flat 0.98 (an input of the test, not an OKX figure).
const TABLES = [
  table('BTC', BTC_TIERS),
  table('ETH', [{ floor: '0', cap: null, collateralRate: '0.98' }]),
  table('USDT', FLAT_ONE),
  table('USDC', FLAT_ONE),
];
const INDEX = {
  source: 'OKX GET /api/v5/account/balance details[] eqUsd / eq',
  asOf: '2026-12-07T12:00:00Z',
  prices: [
    { asset: 'BTC', index: '60000' },
    { asset: 'ETH', index: '3000' },
    { asset: 'USDT', index: '1' },
    { asset: 'USDC', index: '1' },
  ],
};

function perpetual(symbol: string, side: 'long' | 'short', extra: object = {}) {
  return {
    symbol,
    side,
    contracts: '100',
    contractSize: '0.01',
    entryPrice: '60000',
    markPrice: '60000',
    maintenanceMarginRate: '0.004',
    leverage: 10,
    ...extra,
  };
}

function accountOf(
  balances: readonly object[],
  positions: readonly object[],
  tables: readonly object[] = TABLES,
) {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: '2026-12-07T12:00:00Z',
    accounts: [
      {
        id: 'okx-mc',
        venue: 'okx',
        marginMode: 'cross',
        balances,
        positions,
        collateralIndex: INDEX,
      },
    ],
    collateralTables: tables,
  });
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return { account, context: marginContextOf(portfolio) };
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  return [];
}

describe('OKX multi-currency margin: discount-rate collateral', () => {
  it("OKX's example: 100 BTC at 60,000 USD → adjusted equity 5,785,500 USD", () => {
    const { context } = accountOf([{ asset: 'BTC', total: '100' }], []);
    const btc = context.collateralTable?.('okx', 'BTC');
    if (!btc) throw new Error('no table');
    expect(collateralValueUsd(btc, 100, 60_000)).toBeCloseTo(5_785_500, 6);
  });

  it('the account: adjusted equity 5,785,500 + 200,000 USDT, MM 10 BTC × 60,000 × 0.4%; USDT turns negative at 80,000, so no "never"', () => {
    const { account, context } = accountOf(
      [
        { asset: 'BTC', total: '100' },
        { asset: 'USDT', total: '200000' },
      ],
      [perpetual('BTC/USDT:USDT', 'short', { contracts: '1000' })],
    );
    // 96.425·P + 200,000 − 10·(P − 60,000) − 0.04·P = 86.385·P + 800,000 > 0 at every price, but
    // the USDT equity 200,000 − 10·(P − 60,000) is 0 at 80,000: the simulation counts that as
    // liquidated, so the report does not say "never"; the figures now are in the refusal.
    const problems = problemsOf(() => okxAccountMargin(account, context));
    expect(problems).toEqual([
      `account "okx-mc": at BTC 80000.000, with no liquidation price of its own, the account's USDT equity would turn negative, a liability; OKX's maintenance margin on liabilities (negative currency equity, auto-borrow) in multi-currency margin is not published in a form we could establish, so its liquidation price is not computed. The figures now are sound (no liability now: adjusted equity 5985500.00 USD, maintenance margin 2400.00 USD, margin ratio 0.04%); only the liquidation price is missing (hold enough USDT to cover the positions settled in it)`,
    ]);
    expect(problemsOf(() => okxSilos(account, context))).toEqual(problems);
  });

  it('report and silo agree where a liability, not the surplus, ends the account (11 ETH at 0.98, 1,000 USDT, short 10 ETH from 3,000)', () => {
    const { account, context } = accountOf(
      [
        { asset: 'ETH', total: '11' },
        { asset: 'USDT', total: '1000' },
      ],
      [
        perpetual('ETH/USDT:USDT', 'short', {
          contracts: '1000',
          entryPrice: '3000',
          markPrice: '3000',
        }),
      ],
    );
    // adjEq − MM = 10.78·P + 1,000 − 10·(P − 3,000) − 0.04·P = 0.74·P + 31,000 > 0: no level;
    // USDT equity 1,000 − 10·(P − 3,000) = 0 at 3,100, where the silo counts it as liquidated.
    const problems = problemsOf(() => okxAccountMargin(account, context));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^account "okx-mc": at ETH 3100\.0000, with no liquidation price of its own, the account's USDT equity would turn negative/,
    );
    expect(problemsOf(() => okxSilos(account, context))).toEqual(problems);
  });

  it('computes an account without liabilities: adjusted equity, MM, margin ratio, liquidation with BTC moving', () => {
    const { account, context } = accountOf(
      [
        { asset: 'USDT', total: '10000' },
        { asset: 'USDC', total: '10000' },
        { asset: 'BTC', total: '0.005' },
      ],
      [perpetual('BTC/USDT:USDT', 'long'), perpetual('BTC/USDC:USDC', 'long')],
    );
    const margin = okxAccountMargin(account, context);
    // 10,000 + 10,000 + 0.005 × 0.98 × 60,000
    expect(margin.equity).toBeCloseTo(20_294, 9);
    // 2 × 1 BTC × 60,000 × 0.004
    expect(margin.maintenanceMargin).toBeCloseTo(480, 9);
    expect(margin.marginRatio).toBeCloseTo(480 / 20_294, 12);
    expect(margin.settle).toBe('USD');
    // adjEq − MM = 0: 2·10,000 + 2(P − 60,000) + 0.0049·P − 2·0.004·P = 0
    const level = 100_000 / (2 + 0.005 * 0.98 - 2 * 0.004);
    for (const position of margin.positions) {
      expect(position.liquidationPrice).toBeCloseTo(level, 2);
      expect(position.liquidationMethod).toBe('numeric');
    }
    // Held still, the BTC collateral would put it at 100,000 − 294 over 1.992: another price.
    expect(level).not.toBeCloseTo((100_000 - 294) / 1.992, 0);
    // Neither currency is negative there: 10,000 + (P − 60,000) > 0.
    expect(10_000 + level - 60_000).toBeGreaterThan(0);
  });

  it('the silo: surplus at the marks is adjusted equity − MM; a liability in a scenario counts as liquidated', () => {
    const { account, context } = accountOf(
      [
        { asset: 'USDT', total: '10000' },
        { asset: 'USDC', total: '10000' },
      ],
      [perpetual('BTC/USDT:USDT', 'long'), perpetual('BTC/USDC:USDC', 'long')],
    );
    const [silo] = okxSilos(account, context);
    const surplus = silo?.nonlinear?.surplus;
    if (!surplus) throw new Error('no silo');
    expect(silo?.nonlinear?.assets).toEqual(['BTC']);
    expect(surplus([60_000])).toBeCloseTo(20_000 - 480, 9);
    // At 45,000 both currencies owe 5,000: not established, so ≤ 0.
    expect(surplus([45_000])).toBeLessThanOrEqual(0);
  });

  it('refuses a liability now, by name and with the reason', () => {
    const { account, context } = accountOf(
      [
        { asset: 'USDT', total: '-100' },
        { asset: 'BTC', total: '1' },
      ],
      [],
    );
    expect(problemsOf(() => okxAccountMargin(account, context))).toEqual([
      `account "okx-mc" balances "USDT": cross equity -100 USDT is a liability; OKX's maintenance margin on liabilities (negative currency equity, auto-borrow) in multi-currency margin is not published in a form we could establish, so an OKX multi-currency account with a liability is not computed`,
    ]);
  });

  it('refuses a liquidation price reached only after a liability arises (BTC collateral, no USDT)', () => {
    const { account, context } = accountOf(
      [{ asset: 'BTC', total: '100' }],
      [perpetual('BTC/USDT:USDT', 'long')],
    );
    const problems = problemsOf(() => okxAccountMargin(account, context));
    expect(problems).toHaveLength(1);
    // USDT equity P − 60,000 turns negative at once as BTC falls, before the level.
    expect(problems[0]).toMatch(
      /^account "okx-mc": at BTC 60000\.000, before its liquidation price .*, the account's USDT equity would turn negative, a liability; OKX's maintenance margin on liabilities.*The figures now are sound \(no liability now: adjusted equity .* USD, maintenance margin 240\.00 USD, margin ratio .*%\); only the liquidation price is missing/,
    );
    expect(problemsOf(() => okxSilos(account, context))).toEqual(problems);
  });

  it('refuses an isolated position, an inverse contract and a currency without its discount rates', () => {
    const { account, context } = accountOf(
      [
        { asset: 'USDT', total: '10000' },
        { asset: 'SOL', total: '1' },
      ],
      [
        perpetual('BTC/USDT:USDT', 'long', { marginMode: 'isolated', isolatedMargin: '6000' }),
        { ...perpetual('BTC/USD:BTC', 'long'), contractSize: '100' },
      ],
    );
    const problems = problemsOf(() => okxAccountMargin(account, context));
    expect(problems[0]).toContain(
      'position "BTC/USDT:USDT" marginMode: an isolated position inside an OKX multi-currency account across currencies is not computed',
    );
    expect(problems[1]).toContain(
      'position "BTC/USD:BTC": inverse (coin-margined) contracts in an OKX multi-currency account across currencies are not computed yet',
    );
    expect(problems.join('\n')).toContain('collateralIndex: no USD price for SOL');
  });

  it('a missing discount table is named with the endpoint to read', () => {
    const { account, context } = accountOf(
      [
        { asset: 'USDT', total: '10000' },
        { asset: 'ETH', total: '1' },
      ],
      [],
      [table('USDT', FLAT_ONE)],
    );
    expect(problemsOf(() => okxAccountMargin(account, context))).toEqual([
      `account "okx-mc" balances "ETH": no OKX discount rates for ETH; add a collateralTables entry { "venue": "okx", "asset": "ETH", "source", "asOf", "tiers": [{ "floor": "0", "cap": null, "collateralRate": "…" }] } with the tiers in ETH from OKX's public GET /api/v5/public/discount-rate-interest-free-quota?ccy=ETH`,
    ]);
  });

  function unmarked(positions: readonly object[]) {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-12-07T12:00:00Z',
      accounts: [
        {
          id: 'okx-main',
          venue: 'okx',
          marginMode: 'cross',
          balances: [
            { asset: 'USDT', total: '10000' },
            { asset: 'ETH', total: '1' },
          ],
          positions,
        },
      ],
      market: { prices: { ETH: '3000' } },
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    return () => okxAccountMargin(account, marginContextOf(portfolio));
  }

  it('without collateralIndex, several currencies are not read as multi-currency margin: spot mode has no margin', () => {
    expect(problemsOf(unmarked([]))).toEqual([
      'account "okx-main": holds USDT, ETH and no derivatives positions, so there is no OKX margin to compute (an OKX spot-mode account, acctLv 1, is one such account); give each currency its own account, or add collateralIndex and the discount tables (collateralTables) if it is in multi-currency margin',
    ]);
  });

  it('without collateralIndex, a single-currency cross account of several currencies: split it, or mark it multi-currency', () => {
    expect(problemsOf(unmarked([perpetual('BTC/USDT:USDT', 'long')]))).toEqual([
      'account "okx-main": an OKX cross account mixing USDT, ETH without collateralIndex is read as single-currency margin, which keeps each currency apart; split the account per currency, or add collateralIndex (each currency\'s USD price) and the discount tables (collateralTables) if it is in multi-currency margin',
    ]);
  });
});
