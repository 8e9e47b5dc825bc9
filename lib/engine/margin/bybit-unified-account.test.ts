import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { bybitAccountMargin, bybitSilos } from './bybit';
import { collateralValueUsd } from './collateral-table';
import { marginContextOf } from './venue-context';

/**
 * Bybit's example table of tiered collateral value ratios ("Understanding Collateral Value Ratios
 * in Unified Trading Account", https://www.bybit.com/en/help-center/article/Assets-Collateral-
 * Value-Ratio-List-UTA, "Example Calculation"): BTC 0–10 → 0.98, >10–20 → 0.95, >20–30 → 0.9,
 * >30–40 → 0.85, >40–50 → 0.8, >50 → 0 (tiers by quantity); USDT >0 → 1.
 */
const BTC_TIERS = [
  { floor: '0', cap: '10', collateralRate: '0.98' },
  { floor: '10', cap: '20', collateralRate: '0.95' },
  { floor: '20', cap: '30', collateralRate: '0.9' },
  { floor: '30', cap: '40', collateralRate: '0.85' },
  { floor: '40', cap: '50', collateralRate: '0.8' },
  { floor: '50', cap: null, collateralRate: '0' },
];
const SOURCE = 'Bybit, Understanding Collateral Value Ratios in Unified Trading Account, example';

function table(asset: string, tiers: readonly object[]) {
  return { venue: 'bybit', asset, source: SOURCE, asOf: '2025-09-18', tiers };
}
const FLAT_ONE = [{ floor: '0', cap: null, collateralRate: '1' }];
const TABLES = [table('BTC', BTC_TIERS), table('USDT', FLAT_ONE), table('USDC', FLAT_ONE)];

const BTC_INDEX = 92_010;
const BTC_MARK = 92_000;
const USDC_INDEX = 0.9998;

function portfolioOf(
  balances: readonly object[],
  positions: readonly object[],
  extra: Record<string, unknown> = {},
) {
  return parsePortfolio({
    version: 1,
    asOf: '2026-11-24T12:00:00Z',
    accounts: [{ id: 'uta', venue: 'bybit', marginMode: 'cross', balances, positions }],
    market: { prices: { BTC: String(BTC_INDEX), USDC: String(USDC_INDEX) } },
    collateralTables: TABLES,
    ...extra,
  });
}

function marginOf(portfolio: ReturnType<typeof parsePortfolio>) {
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return bybitAccountMargin(account, marginContextOf(portfolio));
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

const BTC_LONG = {
  symbol: 'BTC/USDT:USDT',
  side: 'long',
  contracts: '1',
  entryPrice: '91500',
  markPrice: String(BTC_MARK),
  leverage: 10,
};
// ETHUSDT's risk-limit tier in force as the position list reports it (first tier, 0.5%, no deduction).
const ETH_SHORT = {
  symbol: 'ETH/USDT:USDT',
  side: 'short',
  contracts: '10',
  entryPrice: '3000',
  markPrice: '3150',
  leverage: 10,
  maintenanceMarginRate: '0.005',
  maintenanceAmount: '0',
  maxLeverage: 100,
};

describe('Bybit tiered collateral value ratio (by coin quantity)', () => {
  it("values Bybit's example table slice by slice, and a debt at 100%", () => {
    const btc = portfolioOf([{ asset: 'BTC', total: '45' }], []).collateralTables?.[0];
    if (!btc) throw new Error('no table');
    // 45 BTC: 10·0.98 + 10·0.95 + 10·0.9 + 10·0.85 + 5·0.8 = 40.8 BTC counted, at the USD index.
    const counted = 10 * 0.98 + 10 * 0.95 + 10 * 0.9 + 10 * 0.85 + 5 * 0.8;
    expect(collateralValueUsd(btc, 45, BTC_INDEX)).toBeCloseTo(counted * BTC_INDEX, 6);
    // Above the last bounded tier (ratio 0) nothing more counts.
    expect(collateralValueUsd(btc, 60, BTC_INDEX)).toBeCloseTo((counted + 5 * 0.8) * BTC_INDEX, 6);
    // Exactly on a tier boundary: 10 BTC all at 0.98.
    expect(collateralValueUsd(btc, 10, BTC_INDEX)).toBeCloseTo(10 * 0.98 * BTC_INDEX, 6);
    // "For assets with a negative balance default to a 100% collateral value ratio."
    expect(collateralValueUsd(btc, -2, BTC_INDEX)).toBe(-2 * BTC_INDEX);
  });

  it('gives the margin balance of a UTA without positions: Σ coins at index × ratio', () => {
    const margin = marginOf(
      portfolioOf(
        [
          { asset: 'BTC', total: '45' },
          { asset: 'USDT', total: '10000' },
        ],
        [],
      ),
    );
    const counted = 10 * 0.98 + 10 * 0.95 + 10 * 0.9 + 10 * 0.85 + 5 * 0.8;
    expect(margin.settle).toBe('USD');
    expect(margin.equity).toBeCloseTo(counted * BTC_INDEX + 10_000, 6);
    expect(margin.walletBalance).toBeCloseTo(45 * BTC_INDEX + 10_000, 6);
    expect(margin.maintenanceMargin).toBe(0);
    expect(margin.marginRatio).toBe(0);
  });
});

describe('Bybit Unified Trading Account, cross margin across coins', () => {
  // USDT perpetuals carried by USDC and BTC: 20,000 USDC, 0.5 BTC, no USDT.
  const carried = () =>
    portfolioOf(
      [
        { asset: 'USDC', total: '20000' },
        { asset: 'BTC', total: '0.5' },
      ],
      [BTC_LONG, ETH_SHORT],
    );

  it('sums every coin at its index × ratio with the USDT P&L, and the MM in USD', () => {
    const margin = marginOf(carried());
    // USDT amount = 0 + (92,000 − 91,500)·1 − (3,150 − 3,000)·10 = −1,000 USDT → counted at 100%.
    const usdt = 500 - 1500;
    const btc = 0.5 * 0.98 * BTC_INDEX; // 45,084.9
    const usdc = 20_000 * 1 * USDC_INDEX; // 19,996
    const marginBalance = btc + usdc + usdt; // 64,080.9
    // MM: BTCUSDT 92,000 × 0.5% (embedded table, first row) + ETHUSDT 31,500 × 0.5% = 617.5 USDT.
    const maintenance = 92_000 * 0.005 + 31_500 * 0.005;
    // IM: notional / leverage = 9,200 + 3,150.
    const initial = 92_000 / 10 + 31_500 / 10;
    expect(margin.equity).toBeCloseTo(marginBalance, 8);
    expect(margin.maintenanceMargin).toBeCloseTo(maintenance, 10);
    expect(margin.initialMargin).toBeCloseTo(initial, 10);
    expect(margin.marginRatio).toBeCloseTo(maintenance / marginBalance, 14);
    expect(margin.walletBalance).toBeCloseTo(20_000 * USDC_INDEX + 0.5 * BTC_INDEX, 8);
  });

  it('finds each liquidation price with the BTC collateral moving with BTC', () => {
    const margin = marginOf(carried());
    const [btcLong, ethShort] = margin.positions;
    // BTC at P (mark), BTC index 92,010·P/92,000, ETH at its mark:
    //   0.5·0.98·92,010·P/92,000 + 19,996 + (P − 91,500) − 1,500 − 0.005·P − 157.5 = 0
    const btcSlope = (0.5 * 0.98 * BTC_INDEX) / BTC_MARK + 1 - 0.005;
    const btcLevel = (91_500 + 1_500 + 157.5 - 20_000 * USDC_INDEX) / btcSlope;
    expect(btcLong?.liquidationPrice).toBeCloseTo(btcLevel, 4);
    expect(btcLong?.liquidationMethod).toBe('numeric');
    // ETH at Q, BTC at its mark:
    //   45,084.9 + 19,996 + 500 − 10·(Q − 3,000) − 460 − 0.005·10·Q = 0
    const ethLevel = (0.5 * 0.98 * BTC_INDEX + 20_000 * USDC_INDEX + 500 + 30_000 - 460) / 10.05;
    expect(ethShort?.liquidationPrice).toBeCloseTo(ethLevel, 4);
  });

  it('liquidates a short BTC carried by BTC later than the same short carried by USDT', () => {
    // 0.2 BTC backing a short of 1 BTC (entry 90,000, mark 92,000): as BTC rises the short
    // loses and the collateral gains:
    //   0.2·0.98·92,010·P/92,000 − (P − 90,000) − 0.005·P = 0
    const bitcoinBacked = marginOf(
      portfolioOf(
        [{ asset: 'BTC', total: '0.2' }],
        [{ ...BTC_LONG, side: 'short', entryPrice: '90000' }],
      ),
    );
    const slope = 1.005 - (0.2 * 0.98 * BTC_INDEX) / BTC_MARK;
    const level = 90_000 / slope;
    expect(bitcoinBacked.positions[0]?.liquidationPrice).toBeCloseTo(level, 3);
    // The same collateral value held as USDT (a zero USDC line adds no coin: one USDT account):
    // 18,033.96 − (P − 90,000) − 0.005·P = 0.
    const usdtValue = 0.2 * 0.98 * BTC_INDEX;
    const dollarBacked = marginOf(
      portfolioOf(
        [
          { asset: 'USDT', total: usdtValue.toFixed(2) },
          { asset: 'USDC', total: '0' },
        ],
        [{ ...BTC_LONG, side: 'short', entryPrice: '90000' }],
      ),
    );
    const dollarLevel = (Number(usdtValue.toFixed(2)) + 90_000) / 1.005;
    expect(dollarBacked.positions[0]?.liquidationPrice).toBeCloseTo(dollarLevel, 3);
    expect(level).toBeGreaterThan(dollarLevel + 3_000);
  });

  it("gives one silo whose surplus is zero at each position's liquidation price", () => {
    const portfolio = carried();
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const context = marginContextOf(portfolio);
    const silos = bybitSilos(account, context);
    expect(silos).toHaveLength(1);
    const silo = silos[0];
    const nonlinear = silo?.nonlinear;
    if (!silo || !nonlinear) throw new Error('no nonlinear silo');
    expect(nonlinear.assets).toEqual(['BTC', 'ETH']);
    expect(nonlinear.markPrices).toEqual([BTC_MARK, 3150]);
    const margin = marginOf(portfolio);
    expect(nonlinear.surplus(nonlinear.markPrices)).toBeCloseTo(
      margin.equity - margin.maintenanceMargin,
      8,
    );
    const btcLevel = margin.positions[0]?.liquidationPrice ?? 0;
    expect(Math.abs(nonlinear.surplus([btcLevel, 3150]))).toBeLessThan(1e-5);
    // Free collateral: margin balance − IM.
    expect(silo.freeCollateral).toBeCloseTo(margin.equity - (margin.initialMargin ?? 0), 8);
  });

  it('refuses by name what it does not compute: inverse, isolated, missing ratio or price', () => {
    expect(
      problemsOf(() =>
        marginOf(
          portfolioOf(
            [
              { asset: 'USDC', total: '1000' },
              { asset: 'BTC', total: '1' },
            ],
            [
              {
                symbol: 'BTC/USD:BTC',
                side: 'long',
                contracts: '100',
                contractSize: '1',
                entryPrice: '90000',
                markPrice: '92000',
                maintenanceMarginRate: '0.005',
                maintenanceAmount: '0',
              },
              { ...BTC_LONG, marginMode: 'isolated', isolatedMargin: '9000' },
            ],
          ),
        ),
      ),
    ).toEqual([
      'account "uta" position "BTC/USD:BTC": inverse contracts in a Bybit Unified Trading Account carried by several collateral coins are not computed yet (USDT and USDC perpetuals and futures are); an inverse-only account in its coin is',
      'account "uta" position "BTC/USDT:USDT" marginMode: a cross-margin Unified Trading Account margins every position together; an isolated position belongs in an account of its own',
    ]);
    expect(
      problemsOf(() =>
        marginOf(
          portfolioOf(
            [
              { asset: 'USDT', total: '1000' },
              { asset: 'ETH', total: '1' },
            ],
            [BTC_LONG],
          ),
        ),
      ),
    ).toEqual([
      'market prices ETH: account "uta" holds ETH as collateral, which Bybit values at its USD index price; add market.prices.ETH',
    ]);
    expect(
      problemsOf(() =>
        marginOf(
          portfolioOf([{ asset: 'BTC', total: '1' }], [BTC_LONG], {
            collateralTables: [table('BTC', BTC_TIERS)],
          }),
        ),
      ),
    ).toEqual([
      'account "uta" balances "USDT": no Bybit collateral value ratio for USDT; add a collateralTables entry { "venue": "bybit", "asset": "USDT", "source", "asOf", "tiers": [{ "floor": "0", "cap": null, "collateralRate": "…" }] } with the tiers in USDT from Bybit\'s public GET /v5/spot-margin-trade/collateral?currency=USDT',
    ]);
  });

  it('margins a short USDC put carried by BTC: option MM in USD, no option value in the balance', () => {
    // Bybit "Initial and Maintenance Margin Calculation (Options)": short MM =
    // [max(3%·S, 3%·mark) + mark + 0.2%·S]·qty, S the BTC index (92,010), mark 2,100, qty 1.
    const put = {
      symbol: 'BTC/USDC:USDC-261225-80000-P',
      side: 'short',
      contracts: '1',
      entryPrice: '2000',
      markPrice: '2100',
      markIv: 0.5,
    };
    const margin = marginOf(
      portfolioOf(
        [
          { asset: 'USDC', total: '10000' },
          { asset: 'BTC', total: '0.5' },
        ],
        [put],
      ),
    );
    const optionMm = Math.max(0.03 * BTC_INDEX, 0.03 * 2100) + 2100 + 0.002 * BTC_INDEX;
    // IM = max([max(15%·S − OTM, 10%·S) + max(entry, mark)]·qty, MM), OTM = S − K for a put.
    const optionIm = Math.max(
      Math.max(0.15 * BTC_INDEX - (BTC_INDEX - 80_000), 0.1 * BTC_INDEX) + 2100,
      optionMm,
    );
    // Margin balance: USDC and BTC at index × ratio; the option's value (−2,100) is not in it.
    expect(margin.equity).toBeCloseTo(10_000 * USDC_INDEX + 0.5 * 0.98 * BTC_INDEX, 8);
    expect(margin.maintenanceMargin).toBeCloseTo(optionMm * USDC_INDEX, 8);
    expect(margin.initialMargin).toBeCloseTo(optionIm * USDC_INDEX, 8);
    const [position] = margin.positions;
    expect(position?.unrealizedPnl).toBeCloseTo(-100 * USDC_INDEX, 10);
    expect(position?.referencePrice).toBe(BTC_INDEX);
    // At the liquidation price (on the index) the silo's surplus is zero: the put's MM rises and
    // the BTC collateral falls together as BTC falls.
    const portfolio = portfolioOf(
      [
        { asset: 'USDC', total: '10000' },
        { asset: 'BTC', total: '0.5' },
      ],
      [put],
    );
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const nonlinear = bybitSilos(account, marginContextOf(portfolio))[0]?.nonlinear;
    const level = position?.liquidationPrice ?? 0;
    expect(level).toBeLessThan(BTC_INDEX);
    expect(Math.abs(nonlinear?.surplus([level]) ?? 1)).toBeLessThan(1e-5);
    expect(nonlinear?.surplus([level * 1.001]) ?? 0).toBeGreaterThan(0);
  });

  it('counts a coin’s derivatives liability (a negative balance) once, at 100%', () => {
    // A USDT opening fee of 50.325 paid from no USDT: Bybit's wallet shows walletBalance −50.325
    // and auto-borrows it ("Borrowing, Interest and Repayment (UTA)"). With the long's uPnL +500,
    // USDT's amount is 449.675; without the fee, 500. The fee moves the margin balance by
    // exactly −50.325 USDT at USDT's index (1 here: no USDT price in the file), nothing more.
    const withFee = marginOf(
      portfolioOf(
        [
          { asset: 'USDT', total: '-50.325' },
          { asset: 'BTC', total: '1' },
        ],
        [BTC_LONG],
      ),
    );
    const without = marginOf(portfolioOf([{ asset: 'BTC', total: '1' }], [BTC_LONG]));
    expect(withFee.equity).toBeCloseTo(0.98 * BTC_INDEX + 500 - 50.325, 8);
    expect(withFee.equity - without.equity).toBeCloseTo(-50.325, 8);
    expect(withFee.maintenanceMargin).toBeCloseTo(without.maintenanceMargin, 10);
    // A USDT loss larger than the balance: amount −1,000 − 50.325 at 100% (no ratio applied).
    const losing = marginOf(
      portfolioOf(
        [
          { asset: 'USDT', total: '-50.325' },
          { asset: 'BTC', total: '1' },
        ],
        [{ ...BTC_LONG, markPrice: '90500' }],
      ),
    );
    expect(losing.equity).toBeCloseTo(0.98 * BTC_INDEX - 1_000 - 50.325, 8);
  });

  it('values the collateral at the USD indexes carried with the account, not the market prices', () => {
    // Live market data would price BTC at another source's 90,000 and USDT at its peg; Bybit
    // values the account at its own indexes, BTC 92,010 and USDT 1.0001, read with it.
    const collateralIndex = {
      source: 'Bybit GET /v5/market/tickers',
      asOf: '2026-11-24T12:00:00Z',
      prices: [
        { asset: 'BTC', index: String(BTC_INDEX) },
        { asset: 'USDT', index: '1.0001' },
      ],
    };
    const carried = (index: object) =>
      parsePortfolio({
        version: 1,
        asOf: '2026-11-24T12:00:00Z',
        accounts: [
          {
            id: 'uta',
            venue: 'bybit',
            marginMode: 'cross',
            balances: [{ asset: 'BTC', total: '1' }],
            positions: [BTC_LONG],
            collateralIndex: index,
          },
        ],
        market: { prices: { BTC: '90000' } },
        collateralTables: TABLES,
      });
    const margin = marginOf(carried(collateralIndex));
    expect(margin.equity).toBeCloseTo(0.98 * BTC_INDEX + 500 * 1.0001, 8);
    expect(margin.maintenanceMargin).toBeCloseTo(0.005 * BTC_MARK * 1.0001, 8);
    // Every coin must be in it once it is carried.
    expect(
      problemsOf(() =>
        marginOf(carried({ ...collateralIndex, prices: collateralIndex.prices.slice(0, 1) })),
      ),
    ).toEqual([
      'account "uta" collateralIndex: no USD index for USDT, which the account holds; add { "asset": "USDT", "index": "…" } (Bybit values every coin of the account at its USD index)',
    ]);
    // Only a venue whose rules value collateral at its own index takes one.
    expect(() =>
      parsePortfolio({
        version: 1,
        asOf: '2026-11-24T12:00:00Z',
        accounts: [
          {
            id: 'gate',
            venue: 'gate',
            marginMode: 'cross',
            balances: [],
            positions: [],
            collateralIndex,
          },
        ],
      }),
    ).toThrow('gate does not value collateral at an index of its own; remove collateralIndex');
  });

  it('ignores a zero balance line: a one-coin account stays on the per-coin rules', () => {
    // USDT 10,000 with a BTCUSDT long computes per coin; a {USDC, "0"} line holds nothing.
    const margin = marginOf(
      portfolioOf(
        [
          { asset: 'USDT', total: '10000' },
          { asset: 'USDC', total: '0' },
        ],
        [BTC_LONG],
        { collateralTables: [] },
      ),
    );
    expect(margin.settle).toBe('USDT');
    expect(margin.equity).toBe(10_500);
  });

  it('keeps a one-coin cross account on the per-coin rules (no collateral table needed)', () => {
    const margin = marginOf(
      portfolioOf([{ asset: 'USDT', total: '20000' }], [BTC_LONG], { collateralTables: [] }),
    );
    expect(margin.settle).toBe('USDT');
    expect(margin.equity).toBe(20_500);
  });
});
