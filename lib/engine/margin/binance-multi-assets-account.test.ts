import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { binanceUsdmAccountMargin, binanceUsdmSilos } from './binance-usdm';
import { marginContextOf } from './venue-context';

/**
 * Binance USDⓈ-M Multi-Assets mode (binance-multi-assets-account.ts). Expected figures are worked
 * by hand from Binance's formulas: Account Equity = Σ min(assetEquity·bidRate,
 * assetEquity·askRate), Account MM = Σ MM·askRate, margin ratio = MM / equity, liquidation at
 * 100% ("How to Calculate Margin Ratio in the Multi-Assets Mode", FAQ c983a9268cfa4e70a4916c276bb3b7bc);
 * bidRate = index·(1 − bidBuffer), askRate = index·(1 + askBuffer) (GET /fapi/v1/assetIndex).
 */
const AS_OF = '2026-11-24T12:00:00Z';

/** One asset's entry in Binance's asset index (GET /fapi/v1/assetIndex). */
function entry(asset: string, index: string, bidBuffer: string, askBuffer: string) {
  return { asset, index, bidBuffer, askBuffer };
}

/**
 * The market's prices (the portfolio's risk counts a coin balance at them). BTC's is not
 * Binance's index on purpose: the account is valued with the index of `multiAssetsMargin`.
 */
const MARKET = { BTC: '50010', ETH: '3000', BNB: '600' };

function portfolioOf(
  balances: readonly object[],
  positions: readonly object[],
  assetIndex: readonly object[],
  prices: Record<string, string> = MARKET,
) {
  return parsePortfolio({
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'multi',
        venue: 'binanceusdm',
        marginMode: 'cross',
        balances,
        positions,
        multiAssetsMargin: { source: 'GET /fapi/v1/assetIndex', asOf: AS_OF, assetIndex },
      },
    ],
    market: { prices },
  });
}

function accountOf(portfolio: ReturnType<typeof parsePortfolio>) {
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

function marginOf(portfolio: ReturnType<typeof parsePortfolio>) {
  return binanceUsdmAccountMargin(accountOf(portfolio), marginContextOf(portfolio));
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

/** A position with its bracket in force (rate, no deduction), as Binance's examples give it. */
function position(
  symbol: string,
  side: 'long' | 'short',
  contracts: string,
  entryPrice: string,
  markPrice: string,
  maintenanceMarginRate: string,
  leverage: number,
) {
  return {
    symbol,
    side,
    contracts,
    entryPrice,
    markPrice,
    leverage,
    maintenanceMarginRate,
    maintenanceAmount: '0',
    maxLeverage: 125,
  };
}

describe("Binance Multi-Assets mode: the FAQ's worked example", () => {
  // USDTUSD index 0.99, bid buffer 0.01, ask buffer 0.005 (bid rate 0.9801, ask rate 0.99495);
  // USDCUSD 1 with no buffers. USDT wallet 200, USDC wallet 220; BTCUSDT 0.5 at 20,000 (MMR
  // 0.8%, 100×) and ETHUSDC 20 at 600 (MMR 1%, 50×), both at their entry price.
  const faq = portfolioOf(
    [
      { asset: 'USDT', total: '200' },
      { asset: 'USDC', total: '220' },
    ],
    [
      position('BTC/USDT:USDT', 'long', '0.5', '20000', '20000', '0.008', 100),
      position('ETH/USDC:USDC', 'long', '20', '600', '600', '0.01', 50),
    ],
    [entry('USDT', '0.99', '0.01', '0.005'), entry('USDC', '1', '0', '0')],
  );

  it('account equity, maintenance margin and margin ratio as the FAQ computes them', () => {
    const margin = marginOf(faq);
    const bidRateUsdt = 0.99 * (1 - 0.01);
    const askRateUsdt = 0.99 * (1 + 0.005);
    expect(bidRateUsdt).toBeCloseTo(0.9801, 12);
    expect(askRateUsdt).toBeCloseTo(0.99495, 12);
    const equity = 200 * bidRateUsdt + 220 * 1;
    const maintenance = 0.5 * 20_000 * 0.008 * askRateUsdt + 20 * 600 * 0.01 * 1;
    expect(equity).toBeCloseTo(416.02, 10); // the FAQ's Account Equity
    expect(maintenance).toBeCloseTo(199.596, 10); // the FAQ's Account Maintenance Margin
    expect(margin.settle).toBe('USD');
    expect(margin.equity).toBeCloseTo(equity, 10);
    expect(margin.maintenanceMargin).toBeCloseTo(maintenance, 10);
    expect(margin.marginRatio).toBeCloseTo(maintenance / equity, 12);
    expect(margin.marginRatio).toBeCloseTo(0.4798, 4); // the FAQ's 47.98%
  });

  it("initial margin at the ask rate: the FAQ's uniAvailableForOrder = 416.02 − IM = 76.525", () => {
    const margin = marginOf(faq);
    const initial = 0.5 * 20_000 * 0.01 * 0.99 * 1.005 + 20 * 600 * 0.02 * 1;
    expect(margin.initialMargin).toBeCloseTo(initial, 10);
    expect(margin.equity - (margin.initialMargin ?? 0)).toBeCloseTo(76.525, 10);
  });

  it("each position's maintenance margin at its asset's ask rate sums to the account's", () => {
    const margin = marginOf(faq);
    const [btc, eth] = margin.positions;
    expect(btc?.maintenanceMargin).toBeCloseTo(0.5 * 20_000 * 0.008 * 0.99 * 1.005, 10);
    expect(eth?.maintenanceMargin).toBeCloseTo(20 * 600 * 0.01, 10);
    expect((btc?.maintenanceMargin ?? 0) + (eth?.maintenanceMargin ?? 0)).toBeCloseTo(
      margin.maintenanceMargin,
      10,
    );
    // Notional and P&L at the asset's index.
    expect(btc?.notional).toBeCloseTo(0.5 * 20_000 * 0.99, 10);
  });
});

describe('Binance Multi-Assets mode: asset valuation', () => {
  it('a negative asset equity counts at the ask rate, a positive one at the bid rate', () => {
    const margin = marginOf(
      portfolioOf(
        [
          { asset: 'USDT', total: '-100' },
          { asset: 'BTC', total: '1' },
        ],
        [],
        [entry('USDT', '1', '0.0001', '0.0001'), entry('BTC', '50000', '0.05', '0.05')],
      ),
    );
    expect(margin.equity).toBeCloseTo(-100 * 1.0001 + 1 * 50_000 * 0.95, 8);
    expect(margin.maintenanceMargin).toBe(0);
    expect(margin.walletBalance).toBeCloseTo(-100 + 50_000, 8);
  });
});

describe('Binance Multi-Assets mode: liquidation with the margin assets moving', () => {
  // BTC index 50,000 with a 5% bid buffer; USDT index 1 with a 0.1% ask buffer (a USDT loss
  // counts at 1.001). BTCUSDT long 1 at 50,000, bracket 0.4% with no deduction.
  const USDT_ASK = 1.001;
  const long = position('BTC/USDT:USDT', 'long', '1', '50000', '50000', '0.004', 20);
  const short = { ...long, side: 'short' };
  const assetIndex = [entry('USDT', '1', '0', '0.001'), entry('BTC', '50000', '0.05', '0.05')];

  it('a BTC-margined account long BTC liquidates where 0.95·P + 1.001·(P − 50000) = 0.004·1.001·P', () => {
    const margin = marginOf(portfolioOf([{ asset: 'BTC', total: '1' }], [long], assetIndex));
    // Below the entry the USDT equity is a loss, counted at the ask rate; MM at the ask rate.
    const expected = (USDT_ASK * 50_000) / (0.95 + USDT_ASK - 0.004 * USDT_ASK);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(expected, 4);
    expect(expected).toBeCloseTo(25_706.27, 2);
  });

  it('the same collateral value held in USDT liquidates far lower: 47500 + 1.001·(P − 50000) = 0.004·1.001·P', () => {
    const margin = marginOf(portfolioOf([{ asset: 'USDT', total: '47500' }], [long], assetIndex));
    // USDT equity 47500 + (P − 50000) stays positive down to the liquidation price: bid rate 1.
    const expected = (50_000 - 47_500) / (1 - 0.004 * USDT_ASK);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(expected, 4);
    expect(expected).toBeCloseTo(2510.05, 2);
  });

  it('a BTC-margined account short BTC is hedged: liquidated only far above', () => {
    const margin = marginOf(portfolioOf([{ asset: 'BTC', total: '1' }], [short], assetIndex));
    // Above the entry the USDT loss (50000 − P) counts at 1.001: 0.95·P + 1.001·(50000 − P) = 0.004·1.001·P.
    const expected = (USDT_ASK * 50_000) / (USDT_ASK + 0.004 * USDT_ASK - 0.95);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(expected, 2);
    expect(expected).toBeGreaterThan(900_000);
  });

  it("the account silo's surplus is equity − MM, and zero at the liquidation price", () => {
    const portfolio = portfolioOf([{ asset: 'BTC', total: '1' }], [long], assetIndex);
    const account = accountOf(portfolio);
    const context = marginContextOf(portfolio);
    const margin = binanceUsdmAccountMargin(account, context);
    const [silo] = binanceUsdmSilos(account, context);
    const nonlinear = silo?.nonlinear;
    if (!nonlinear) throw new Error('no nonlinear silo');
    expect(nonlinear.assets).toEqual(['BTC']);
    expect(nonlinear.surplus([50_000])).toBeCloseTo(margin.equity - margin.maintenanceMargin, 8);
    const liquidation = margin.positions[0]?.liquidationPrice ?? 0;
    // The solver bisects the price to 1e-10 of the mark: the surplus changes sign within 1e-9.
    expect(nonlinear.surplus([liquidation * (1 + 1e-9)])).toBeGreaterThan(0);
    expect(nonlinear.surplus([liquidation * (1 - 1e-9)])).toBeLessThan(0);
  });

  it('a margin asset without a position moves in the scenarios', () => {
    const portfolio = portfolioOf(
      [
        { asset: 'BTC', total: '1' },
        { asset: 'USDT', total: '1000' },
      ],
      [position('ETH/USDT:USDT', 'long', '10', '3000', '3000', '0.005', 10)],
      assetIndex,
    );
    const [silo] = binanceUsdmSilos(accountOf(portfolio), marginContextOf(portfolio));
    const nonlinear = silo?.nonlinear;
    if (!nonlinear) throw new Error('no nonlinear silo');
    expect(nonlinear.assets).toEqual(['ETH', 'BTC']);
    expect(nonlinear.markPrices).toEqual([3000, 50_000]);
    // BTC halves: its collateral value falls by 0.95 · 25,000.
    expect(nonlinear.surplus([3000, 50_000]) - nonlinear.surplus([3000, 25_000])).toBeCloseTo(
      0.95 * 25_000,
      6,
    );
  });
});

describe('Binance Multi-Assets mode: refusals', () => {
  it('an isolated position, a coin without its market price, an asset without its index entry are named', () => {
    const portfolio = portfolioOf(
      [
        { asset: 'USDT', total: '1000' },
        { asset: 'BNB', total: '2' },
        { asset: 'BTC', total: '1' },
      ],
      [
        {
          ...position('BTC/USDT:USDT', 'long', '1', '50000', '50000', '0.004', 20),
          marginMode: 'isolated',
          isolatedMargin: '2500',
        },
      ],
      [entry('USDT', '1', '0', '0'), entry('BNB', '600', '0.05', '0.05')],
      { BTC: '50000' },
    );
    expect(problemsOf(() => marginOf(portfolio))).toEqual([
      `account "multi" position "BTC/USDT:USDT" marginMode: Binance's Multi-Assets mode supports cross margin only; an isolated position cannot be in this account`,
      'market prices BNB: account "multi" holds BNB as margin, whose price moves the portfolio\'s risk; add market.prices.BNB',
      'account "multi" multiAssetsMargin assetIndex: no entry for BTC; add { "asset": "BTC", "index", "bidBuffer", "askBuffer" } from Binance\'s GET /fapi/v1/assetIndex?symbol=BTCUSD',
    ]);
  });

  it('a Single-Asset mode account (no multiAssetsMargin) mixing assets is refused with the way out', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: [
        {
          id: 'single',
          venue: 'binanceusdm',
          marginMode: 'cross',
          balances: [
            { asset: 'USDT', total: '100' },
            { asset: 'BTC', total: '1' },
          ],
          positions: [],
        },
      ],
    });
    expect(problemsOf(() => marginOf(portfolio))).toEqual([
      `account "single": positions and balances mix USDT, BTC; in Binance's Single-Asset mode each margin asset is an account of its own, and an account in Multi-Assets mode gives multiAssetsMargin (each asset's index, bidBuffer and askBuffer from GET /fapi/v1/assetIndex)`,
    ]);
  });

  it('the file refuses multiAssetsMargin on a venue without the mode, off cross margin, or twice for an asset', () => {
    const multiAssetsMargin = (assetIndex: readonly object[]) => ({
      source: 'GET /fapi/v1/assetIndex',
      asOf: AS_OF,
      assetIndex,
    });
    const account = (
      id: string,
      venue: string,
      marginMode: string,
      assetIndex: readonly object[],
    ) => ({
      id,
      venue,
      marginMode,
      balances: [],
      positions: [],
      multiAssetsMargin: multiAssetsMargin(assetIndex),
    });
    expect(
      problemsOf(() =>
        parsePortfolio({
          version: 1,
          asOf: AS_OF,
          accounts: [
            account('bybit', 'bybit', 'cross', []),
            account('isolated', 'binanceusdm', 'isolated', []),
            account('twice', 'binanceusdm', 'cross', [
              entry('BTC', '50000', '0.05', '0.05'),
              entry('BTC', '50000', '0.05', '0.05'),
            ]),
            account('whole', 'binanceusdm', 'cross', [entry('BTC', '50000', '1', '0')]),
          ],
        }),
      ),
    ).toEqual([
      'accounts[0] "bybit" multiAssetsMargin: bybit has no Multi-Assets mode; remove multiAssetsMargin',
      'accounts[1] "isolated" marginMode: Multi-Assets mode supports cross margin only; set marginMode "cross"',
      'accounts[2] "twice" multiAssetsMargin assetIndex[1] asset: gives BTC twice; one entry per asset',
      'accounts[3] "whole" multiAssetsMargin assetIndex[0] bidBuffer: must be below 1 (a fraction of the index price)',
    ]);
  });
});
