import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { SIX_VENUE_BOOK } from '../../../test/portfolios/six-venue-book';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import type { CandidateOrder } from './apply-order';
import { calculateRiskReport, evaluateRisk } from './calculate-risk-report';
import { resolveInputs } from './resolve-inputs';
import { tradeImpact, type TradeImpact, type TradeImpactRefusal } from './trade-impact';

const ASOF = '2025-02-11T00:00:00Z';
const BTC_MARK = '95057.54';

function evaluate(raw: unknown) {
  return evaluateRisk(resolveInputs(parsePortfolio(raw)));
}

function impactOf(raw: unknown, order: Partial<CandidateOrder>): TradeImpact {
  const result = tradeImpact(evaluate(raw), {
    side: 'buy',
    type: 'market',
    reduceOnly: false,
    symbol: 'BTC/USDT:USDT',
    contracts: new Decimal(1),
    accountId: 'a',
    ...order,
  } as CandidateOrder);
  if ('refused' in result) throw new Error(result.refused.message);
  return result;
}

/** A BTCUSDT perpetual position entered at and marked at 60,000. */
function btcAt60k(side: 'long' | 'short', contracts: string, fields: Record<string, unknown> = {}) {
  return {
    symbol: 'BTC/USDT:USDT',
    side,
    contracts,
    entryPrice: '60000',
    markPrice: '60000',
    ...fields,
  };
}

function oneAccount(account: Record<string, unknown>) {
  return {
    version: 1,
    asOf: ASOF,
    accounts: [{ id: 'a', venue: 'binanceusdm', positionMode: 'oneway', ...account }],
  };
}

/**
 * Binance USDⓈ-M isolated liquidation price (Binance FAQ "How to Calculate Liquidation Price of
 * USDⓈ-M Futures Contracts", https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93),
 * one position, no other positions:
 *   LP = (WB + cum − side·Q·EP) / (Q·MMR − side·Q).
 */
function binanceIsolatedLiquidation(
  side: 1 | -1,
  wallet: number,
  quantity: number,
  entry: number,
  rate: number,
  cum: number,
): number {
  return (wallet + cum - side * quantity * entry) / (quantity * rate - side * quantity);
}

describe('tradeImpact: venue worked examples', () => {
  it('an order that moves the position into the next Binance tier', () => {
    // Isolated long 0.5 BTC at 60,000 (notional 30,000: tier 1, 0.4%, cum 0). Buying 0.5 more at
    // 10x moves 3,000 into the isolated margin and the notional to 60,000: tier 2, 0.5%, cum 50.
    const raw = oneAccount({
      marginMode: 'isolated',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [btcAt60k('long', '0.5', { leverage: 10, isolatedMargin: '3000' })],
      // The venue's tier in force for the current size: dropped once the size changes.
    });
    const impact = impactOf(
      {
        ...raw,
        market: { prices: { BTC: '60000' } },
      },
      { contracts: new Decimal('0.5'), leverage: 10 },
    );
    expect(impact.position.before?.maintenanceMargin).toBeCloseTo(30_000 * 0.004, 9);
    expect(impact.position.after?.maintenanceMargin).toBeCloseTo(60_000 * 0.005 - 50, 9);
    expect(impact.position.after?.entryPrice).toBe(60_000);
    expect(impact.position.after?.liquidationPrice).toBeCloseTo(
      binanceIsolatedLiquidation(1, 6000, 1, 60_000, 0.005, 50),
      6,
    );
    expect(impact.position.before?.liquidationPrice).toBeCloseTo(
      binanceIsolatedLiquidation(1, 3000, 0.5, 60_000, 0.004, 0),
      6,
    );
    expect(impact.position.before?.tierOrigin).toBe('embedded');
    expect(impact.warnings).toEqual([
      {
        kind: 'tier-changes',
        symbol: 'BTC/USDT:USDT',
        maintenanceMarginRateBefore: 0.004,
        maintenanceMarginRateAfter: 0.005,
        message:
          'the BTC perp position moves to another margin tier: maintenance margin rate 0.40% → 0.50%',
      },
    ]);
    expect(impact.fits).toBe(true);
    expect(impact.account.after.initialMargin).toBeCloseTo(6000, 9);
  });

  it('a reduce-only order is capped at the position and realises its P&L', () => {
    const impact = impactOf(DEMO_PORTFOLIO, {
      accountId: 'binance-main',
      side: 'sell',
      type: 'limit',
      price: new Decimal('96000'),
      contracts: new Decimal('1.5'),
      reduceOnly: true,
    });
    expect(impact.filledContracts).toBe(0.8);
    expect(impact.fillPrice).toBe(96_000);
    expect(impact.realizedPnl).toBeCloseTo(0.8 * (96_000 - 92_400), 9);
    expect(impact.position.after).toBeNull();
    expect(impact.reducesOnly).toBe(true);
    expect(impact.fits).toBe(true);
    // The wallet takes the realised P&L; the ETH short alone is left (MM 12 × 2589.82 × 0.4%).
    expect(impact.account.after.equity).toBeCloseTo(
      20_000 + 0.8 * (96_000 - 92_400) + 12 * (2710 - 2589.82),
      6,
    );
    expect(impact.account.after.maintenanceMargin).toBeCloseTo(12 * 2589.82 * 0.004, 9);
  });

  it('refuses a reduce-only order that would not reduce, naming the field', () => {
    const result = tradeImpact(evaluate(DEMO_PORTFOLIO), {
      accountId: 'binance-main',
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      contracts: new Decimal(1),
      reduceOnly: true,
    });
    expect((result as TradeImpactRefusal).refused).toEqual({
      field: 'reduceOnly',
      message: 'a reduce-only buy order does not reduce the long BTC/USDT:USDT position',
    });
  });

  it('warns that an order would be liquidated at once and does not fit', () => {
    // Cross, 1,500 USDT, long 1 BTC from 96,000: equity 1,500 − 942.46 = 557.54 against MM
    // 95,057.54 × 0.5% − 50 = 425.29 (76%). One more BTC: MM 900.58 > equity.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '1500' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '1',
          entryPrice: '96000',
          markPrice: BTC_MARK,
          leverage: 100,
        },
      ],
    });
    const impact = impactOf(raw, { contracts: new Decimal(1) });
    expect(impact.account.before.marginRatio).toBeCloseTo(425.2877 / 557.54, 5);
    expect(impact.account.after.maintenanceMargin).toBeCloseTo(2 * 95_057.54 * 0.005 - 50, 9);
    expect(impact.account.after.marginRatio).toBeGreaterThan(1);
    // Available = equity − IM at 100x: 557.54 − 950.5754 before, 557.54 − 1,901.1508 after.
    expect(impact.warnings).toEqual([
      {
        kind: 'liquidated-at-once',
        marginRatio: expect.closeTo(900.5754 / 557.54, 9),
        message:
          "after this order the account's maintenance margin is 161.53% of its equity: it would be liquidated at once",
      },
      {
        kind: 'does-not-fit',
        availableBefore: expect.closeTo(557.54 - 950.5754, 9),
        availableAfter: expect.closeTo(557.54 - 1901.1508, 9),
        settle: 'USDT',
        message:
          'the order needs 1,343.61 USDT more margin than is available (available before it: -393.04 USDT)',
      },
    ]);
    expect(impact.fits).toBe(false);
  });

  it('warns when a resting buy is reached only after the current liquidation price', () => {
    // Cross, 10,000 USDT, long 1 BTC at the mark: liquidation where
    // 10,000 + (P − 95,057.54) = 0.005·P − 50 → P = 85,032.70 / 0.995 = 85,434.71 (Binance's
    // cross formula, tier 2). With the 0.1 bought at 84,000 (Q·EP = 103,457.54), 85,342.66: the
    // fill is past the new liquidation price too.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '1',
          entryPrice: BTC_MARK,
          markPrice: BTC_MARK,
          leverage: 10,
        },
      ],
    });
    const impact = impactOf(raw, {
      type: 'limit',
      price: new Decimal(84_000),
      contracts: new Decimal('0.1'),
    });
    expect(impact.position.before?.liquidationPrice).toBeCloseTo(
      binanceIsolatedLiquidation(1, 10_000, 1, 95_057.54, 0.005, 50),
      6,
    );
    expect(impact.fillPrice).toBe(84_000);
    const newLiquidation = binanceIsolatedLiquidation(1, 10_000, 1.1, 103_457.54 / 1.1, 0.005, 50);
    expect(impact.position.after?.liquidationPrice).toBeCloseTo(newLiquidation, 6);
    expect(impact.warnings).toEqual([
      {
        kind: 'beyond-liquidation',
        symbol: 'BTC/USDT:USDT',
        fillPrice: 84_000,
        liquidationPrice: expect.closeTo(newLiquidation, 6),
        message:
          "the order fills at 84,000.00, beyond the BTC perp position's new liquidation price 85,342.66",
      },
      {
        kind: 'liquidated-before-fill',
        symbol: 'BTC/USDT:USDT',
        orderType: 'limit',
        orderPrice: 84_000,
        liquidationPrice: expect.closeTo(
          binanceIsolatedLiquidation(1, 10_000, 1, 95_057.54, 0.005, 50),
          6,
        ),
        message:
          "the market passes the BTC perp position's current liquidation price 85,434.71 before it reaches the order's price 84,000.00",
      },
    ]);
  });
});

describe('tradeImpact: the review’s cases', () => {
  const crossLong = oneAccount({
    marginMode: 'cross',
    balances: [{ asset: 'USDT', total: '1000' }],
    positions: [btcAt60k('long', '0.2', { leverage: 20 })],
  });

  it('warns that a stop-loss closing the position lies past its liquidation price', () => {
    // Liquidation (tier 1, 0.4%): 1000 + 0.2·(P − 60,000) = 0.004·0.2·P → P = 55,220.88.
    const impact = impactOf(crossLong, {
      side: 'sell',
      type: 'stop',
      price: new Decimal(50_000),
      contracts: new Decimal('0.2'),
      reduceOnly: true,
    });
    expect(impact.position.before?.liquidationPrice).toBeCloseTo(11_000 / 0.1992, 6);
    expect(impact.position.after).toBeNull();
    expect(impact.warnings).toEqual([
      {
        kind: 'liquidated-before-fill',
        symbol: 'BTC/USDT:USDT',
        orderType: 'stop',
        orderPrice: 50_000,
        liquidationPrice: expect.closeTo(11_000 / 0.1992, 6),
        message:
          "the market passes the BTC perp position's current liquidation price 55,220.88 before it reaches the order's price 50,000.00",
      },
    ]);
  });

  it('fills a market order half the spread away from the mark, against the trader', () => {
    // A new 0.1 BTC position at mark 60,000 with a 10 bps spread: a buy at 60,030, a sell at 59,970.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [],
    });
    const order = {
      contracts: new Decimal('0.1'),
      leverage: 10,
      markPrice: new Decimal(60_000),
      contractSize: new Decimal(1),
      halfSpread: new Decimal(10).div(20_000),
    };
    expect(impactOf(raw, order).fillPrice).toBe(60_030);
    expect(impactOf(raw, { ...order, side: 'sell' }).fillPrice).toBe(59_970);
    const atMark = {
      contracts: order.contracts,
      leverage: order.leverage,
      markPrice: order.markPrice,
      contractSize: order.contractSize,
    };
    expect(impactOf(raw, atMark).fillPrice).toBe(60_000);
    // The spread is a cost now: the new position starts 3 USDT under water.
    expect(impactOf(raw, order).account.after.equity).toBeCloseTo(10_000 - 0.1 * 30, 9);
  });

  it('closes an isolated short and releases its margin', () => {
    const raw = oneAccount({
      marginMode: 'isolated',
      balances: [{ asset: 'USDT', total: '5000' }],
      positions: [btcAt60k('short', '0.5', { isolatedMargin: '3000' })],
    });
    const impact = impactOf(
      { ...raw, market: { prices: { BTC: '60000' } } },
      {
        side: 'buy',
        type: 'limit',
        price: new Decimal(59_000),
        contracts: new Decimal('0.5'),
        reduceOnly: true,
      },
    );
    expect(impact.position.after).toBeNull();
    expect(impact.realizedPnl).toBeCloseTo(0.5 * 1000, 9);
    expect(impact.account.after.equity).toBeCloseTo(5500, 9);
    expect(impact.account.after.maintenanceMargin).toBe(0);
  });

  it('finds a hedge-mode leg by its side when the file gives no positionSide', () => {
    const raw = oneAccount({
      marginMode: 'cross',
      positionMode: 'hedge',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [btcAt60k('long', '0.5', { leverage: 10 })],
    });
    const impact = impactOf(raw, { side: 'sell', contracts: new Decimal('0.2'), reduceOnly: true });
    expect(impact.position.after?.contracts).toBeCloseTo(0.3, 12);
    expect(impact.position.after?.side).toBe('long');
  });

  it('refuses a hedge-mode order against an empty leg', () => {
    const raw = oneAccount({
      marginMode: 'cross',
      positionMode: 'hedge',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [btcAt60k('short', '0.5', { positionSide: 'short', leverage: 10 })],
    });
    const result = tradeImpact(evaluate(raw), {
      accountId: 'a',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'market',
      contracts: new Decimal('0.3'),
      reduceOnly: false,
      positionSide: 'long',
    });
    expect((result as TradeImpactRefusal).refused.field).toBe('positionSide');
  });

  it('takes no contract size from another venue’s position in the same symbol', () => {
    const raw = {
      version: 1,
      asOf: ASOF,
      accounts: [
        oneAccount({
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [btcAt60k('long', '0.1', { leverage: 10 })],
        }).accounts[0],
        {
          id: 'okx',
          venue: 'okx',
          marginMode: 'cross',
          positionMode: 'oneway',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [],
        },
      ],
    };
    const result = tradeImpact(evaluate(raw), {
      accountId: 'okx',
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      contracts: new Decimal(1),
      reduceOnly: false,
      markPrice: new Decimal(60_000),
    });
    expect((result as TradeImpactRefusal).refused.field).toBe('contractSize');
  });

  it('warns when the order makes this leg the first on its underlying to be liquidated', () => {
    // The demo's hedge short is 4.5% from liquidation; the main long 30.6%.
    // Adding 5 BTC long to the main account at 100x brings its liquidation within the short's.
    const impact = impactOf(DEMO_PORTFOLIO, {
      accountId: 'binance-main',
      contracts: new Decimal(5),
      leverage: 100,
    });
    const distance = impact.position.after?.liquidationDistancePct ?? 1;
    expect(distance).toBeLessThan(0.0453);
    const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
    const mainBefore = report.accounts[0]?.positions[0]?.liquidationDistancePct;
    const hedgeShort = report.accounts[1]?.positions[0]?.liquidationDistancePct;
    expect(mainBefore).toBeCloseTo(0.3055, 4);
    expect(hedgeShort).toBeCloseTo(0.0453, 4);
    expect(impact.warnings).toEqual([
      {
        kind: 'nearer-liquidation',
        symbol: 'BTC/USDT:USDT',
        price: impact.position.after?.liquidationPrice,
        distance,
        distanceBefore: mainBefore,
        message:
          "after this order the account's nearest liquidation is BTC perp at 91,464.19, 3.78% away (was 30.55%)",
      },
      {
        kind: 'first-to-die',
        symbol: 'BTC/USDT:USDT',
        distance,
        other: { accountId: 'binance-hedge', symbol: 'BTC/USDT:USDT', distance: hedgeShort },
        message:
          'after this order this BTC perp position is the nearest to liquidation of your BTC legs: 3.78% away, against 4.53% for BTC perp in account "binance-hedge"',
      },
    ]);
  });

  const hedgeMode = oneAccount({
    marginMode: 'cross',
    positionMode: 'hedge',
    balances: [{ asset: 'USDT', total: '3000' }],
    positions: [
      btcAt60k('long', '1', { positionSide: 'long', leverage: 20 }),
      btcAt60k('short', '1', { positionSide: 'short', leverage: 20 }),
    ],
  });

  it('warns that closing one leg of a hedge leaves the other near liquidation', () => {
    const impact = impactOf(hedgeMode, {
      side: 'buy',
      contracts: new Decimal(1),
      reduceOnly: true,
      positionSide: 'short',
    });
    expect(impact.reducesOnly).toBe(true);
    // The long alone (Binance tier 2 at 57k notional: 0.5%, cum 50):
    // 3000 + (P − 60,000) = 0.005·P − 50 → P = 56,950/0.995 = 57,236.18, 4.6% away.
    expect(impact.nearestLiquidationAfter?.price).toBeCloseTo(56_950 / 0.995, 6);
    // Before, the two legs (tier 2 each) cancel: 3,000 = 2·(0.005·P − 50) → P = 310,000, 25/6 away.
    expect(impact.warnings).toEqual([
      {
        kind: 'nearer-liquidation',
        symbol: 'BTC/USDT:USDT',
        price: expect.closeTo(56_950 / 0.995, 6),
        distance: expect.closeTo(1 - 56_950 / 0.995 / 60_000, 12),
        distanceBefore: expect.closeTo(25 / 6, 12),
        message:
          "after this order the account's nearest liquidation is BTC perp at 57,236.18, 4.61% away (was 416.67%)",
      },
    ]);
  });

  it('does not call a fill beyond liquidation when a hedge leg dies on the other side', () => {
    // Selling half the long leaves the account net short: the long leg's liquidation is above
    // the mark, and a market sell at the mark is not past it.
    const impact = impactOf(hedgeMode, {
      side: 'sell',
      contracts: new Decimal('0.5'),
      reduceOnly: true,
      positionSide: 'long',
    });
    expect(impact.position.after?.liquidationPrice ?? 0).toBeGreaterThan(60_000);
    // Half the long (30,000 notional) is back in Binance's first bracket: a real tier change.
    expect(impact.warnings.map((warning) => warning.kind)).toEqual([
      'tier-changes',
      'nearer-liquidation',
    ]);
    expect(impact.warnings[0]).toMatchObject({
      maintenanceMarginRateBefore: 0.005,
      maintenanceMarginRateAfter: 0.004,
    });
  });

  it('never says a tier changes on a venue without tier tables (Deribit futures)', () => {
    // Deribit's futures rate grows with the size, MM rate = 1.5% + s·0.005% per BTC of size
    // s = N/P (deribit-standard.ts): 20,000 → 10,000 USD at 95,057.54 moves it by 5.26e-6, no tier.
    const result = tradeImpact(evaluate(SIX_VENUE_BOOK), {
      accountId: 'deribit-btc',
      symbol: 'BTC/USD:BTC',
      side: 'sell',
      type: 'market',
      contracts: new Decimal(1000),
      reduceOnly: false,
    });
    if ('refused' in result) throw new Error(result.refused.message);
    expect(result.position.before?.maintenanceMarginRate).toBeCloseTo(
      0.015 + (20_000 / 95_057.54) * 0.00005,
      15,
    );
    expect(result.position.after?.maintenanceMarginRate).toBeCloseTo(
      0.015 + (10_000 / 95_057.54) * 0.00005,
      15,
    );
    expect(result.position.after?.tierOrigin).toBe('venue-rule');
    expect(result.warnings).toEqual([]);
  });

  it('says where the venue’s tiers for the new size are unknown and the reported tier is kept', () => {
    // No embedded Binance table for MATICUSDT and none in the file: the tier in force is kept.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '10000' }],
      positions: [
        {
          symbol: 'MATIC/USDT:USDT',
          side: 'long',
          contracts: '5000',
          entryPrice: '0.4',
          markPrice: '0.4',
          leverage: 10,
          maintenanceMarginRate: '0.01',
          maintenanceAmount: '0',
        },
      ],
    });
    const impact = impactOf(raw, { symbol: 'MATIC/USDT:USDT', contracts: new Decimal(5000) });
    expect(impact.position.after?.maintenanceMarginRate).toBe(0.01);
    expect(impact.warnings).toEqual([
      {
        kind: 'tier-assumed',
        symbol: 'MATIC/USDT:USDT',
        problems: [expect.stringContaining('no embedded Binance tier table for MATICUSDT')],
        message:
          "the venue's margin tiers for MATIC perp at the new size are not known, so the tier it reports for the current size is kept",
      },
    ]);
  });

  it('warns when an order gives an account its first liquidation price', () => {
    // 1,000 USDT, 0.2 BTC bought at 60,000 (20x): 1000 + 0.2·(P − 60,000) = 0.004·0.2·P.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '1000' }],
      positions: [],
    });
    const impact = impactOf(raw, {
      contracts: new Decimal('0.2'),
      leverage: 20,
      markPrice: new Decimal(60_000),
      contractSize: new Decimal(1),
    });
    expect(impact.warnings).toEqual([
      {
        kind: 'nearer-liquidation',
        symbol: 'BTC/USDT:USDT',
        price: expect.closeTo(11_000 / 0.1992, 6),
        distance: expect.closeTo(1 - 11_000 / 0.1992 / 60_000, 12),
        distanceBefore: null,
        message:
          "after this order the account's nearest liquidation is BTC perp at 55,220.88, 7.97% away (none before)",
      },
    ]);
  });

  it('does not warn of a first liquidation price more than half the price away', () => {
    // 1,000 USDT, 0.02 BTC bought at 60,000 (20x): 1000 + 0.02·(P − 60,000) = 0.004·0.02·P
    // gives P < 0: no liquidation; 0.2 BTC gives 55,220.88 (above); in between, at 0.0168 BTC,
    // P = (60,000·0.0168 − 1000) / (0.0168·0.996) = 478.3 — 99.2% below: a fact, not a danger.
    const raw = oneAccount({
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '1000' }],
      positions: [],
    });
    const far = impactOf(raw, {
      contracts: new Decimal('0.0168'),
      leverage: 20,
      markPrice: new Decimal(60_000),
      contractSize: new Decimal(1),
    });
    expect(far.nearestLiquidationAfter?.price).toBeCloseTo(
      (60_000 * 0.0168 - 1000) / (0.0168 * 0.996),
      6,
    );
    expect(far.warnings).toEqual([]);
  });

  it('gives the report’s own liquidation probability as “before”', () => {
    const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
    const impact = impactOf(DEMO_PORTFOLIO, {
      accountId: 'binance-hedge',
      side: 'buy',
      contracts: new Decimal('0.1'),
      reduceOnly: true,
    });
    const reported = report.accounts[1]?.liquidation.probability;
    expect(impact.liquidationProbability?.before).toEqual({
      value: reported?.value,
      standardError: reported?.standardError,
      low: reported?.low,
      high: reported?.high,
      noPathHit: false,
    });
    // Buying back 0.1 of the short moves its liquidation away: the probability falls.
    expect(impact.liquidationProbability?.after.value).toBeLessThan(
      impact.liquidationProbability?.before.value ?? 0,
    );
  });
});

describe('tradeImpact against a full recomputation with the order added', () => {
  // Buying 6 ETH at the mark into the isolated binance-hedge account at 20x hedges the demo's
  // ETH short: the same book, recomputed whole, must give the same figures.
  const order: CandidateOrder = {
    accountId: 'binance-hedge',
    symbol: 'ETH/USDT:USDT',
    side: 'buy',
    type: 'market',
    contracts: new Decimal(6),
    leverage: 20,
    reduceOnly: false,
  };
  const impact = tradeImpact(evaluate(DEMO_PORTFOLIO), order) as TradeImpact;
  const withOrder = {
    ...DEMO_PORTFOLIO,
    accounts: [
      DEMO_PORTFOLIO.accounts[0],
      {
        ...DEMO_PORTFOLIO.accounts[1],
        positions: [
          ...DEMO_PORTFOLIO.accounts[1].positions,
          {
            symbol: 'ETH/USDT:USDT',
            side: 'long',
            contracts: '6',
            entryPrice: '2589.82',
            markPrice: '2589.82',
            leverage: 20,
            isolatedMargin: new Decimal(6).mul('2589.82').div(20).toString(),
          },
        ],
      },
    ],
  };
  const full = calculateRiskReport(parsePortfolio(withOrder));
  const hedgeAfter = full.accounts[1];

  it('gives the venue figures of the recomputed account', () => {
    expect(impact.account.after.maintenanceMargin).toBeCloseTo(
      hedgeAfter?.maintenanceMargin ?? Number.NaN,
      9,
    );
    expect(impact.account.after.equity).toBeCloseTo(hedgeAfter?.equity ?? Number.NaN, 9);
    expect(impact.position.after?.liquidationPrice).toBeCloseTo(
      hedgeAfter?.positions[1]?.liquidationPrice ?? Number.NaN,
      9,
    );
  });

  it('gives the recomputed ES on the same scenarios, and it falls: the order hedges', () => {
    const before = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO)).portfolio.es;
    expect(impact.expectedShortfall?.before).toBeCloseTo(before, 6);
    expect(impact.expectedShortfall?.after).toBeCloseTo(full.portfolio.es, 6);
    expect(impact.expectedShortfall?.change).toBeLessThan(0);
  });

  it('gives the recomputed liquidation probability within Monte Carlo error', () => {
    const simulated = hedgeAfter?.liquidation.probability;
    const ours = impact.liquidationProbability?.after;
    expect(simulated).toBeDefined();
    expect(ours).toBeDefined();
    const error = Math.hypot(simulated?.standardError ?? 0, ours?.standardError ?? 0);
    expect(Math.abs((ours?.value ?? 0) - (simulated?.value ?? 0))).toBeLessThanOrEqual(
      4 * error + 1e-12,
    );
  });
});

describe('tradeImpact: the key’s taker fee stays with the traded position', () => {
  it('a Bybit position keeps its fee to close in IM and MM after an order, at the new size', () => {
    // Cross long 0.5 BTC at 60,000, 10x, taker 0.055%: Bybit's fee to close 0.5 × 60,000 × 0.9 ×
    // 0.00055 = 14.85 in IM and MM (lib/engine/margin/bybit-fee-to-close.ts); buying 0.5 more
    // at the mark doubles it.
    const raw = {
      version: 1,
      asOf: ASOF,
      accounts: [
        {
          id: 'a',
          venue: 'bybit',
          marginMode: 'cross',
          positionMode: 'oneway',
          balances: [{ asset: 'USDT', total: '10000' }],
          positions: [btcAt60k('long', '0.5', { leverage: 10, takerFeeRate: '0.00055' })],
        },
      ],
      market: { prices: { BTC: '60000' } },
    };
    const impact = impactOf(raw, { contracts: new Decimal('0.5') });
    const fee = (contracts: number, entry: number) => contracts * entry * 0.9 * 0.00055;
    expect(impact.position.before?.initialMargin).toBeCloseTo(3_000 + fee(0.5, 60_000), 9);
    const after = impact.position.after;
    if (!after) throw new Error('the order leaves a position');
    expect(after.initialMargin).toBeCloseTo(
      (after.contracts * 60_000) / 10 + fee(after.contracts, after.entryPrice),
      9,
    );
  });
});

describe('tradeImpact: a new Bybit position and the fee to close', () => {
  const bybitAccount = (marginMode: 'cross' | 'isolated') => ({
    version: 1,
    asOf: ASOF,
    accounts: [
      {
        id: 'a',
        venue: 'bybit',
        marginMode,
        positionMode: 'oneway',
        balances: [{ asset: 'USDT', total: '10000' }],
        positions: [btcAt60k('long', '0.5', { leverage: 10, takerFeeRate: '0.00055' })],
      },
    ],
    market: { prices: { BTC: '60000', ETH: '3000' } },
  });
  const ethOrder = (leverage?: number): Partial<CandidateOrder> => ({
    symbol: 'ETH/USDT:USDT',
    contracts: new Decimal(1),
    markPrice: new Decimal(3000),
    contractSize: new Decimal(1),
    ...(leverage !== undefined && { leverage }),
  });

  it('checks an order without a leverage, the fee to close then not counted (not refused)', () => {
    const impact = impactOf(bybitAccount('cross'), ethOrder());
    expect(impact.position.after?.contracts).toBe(1);
    expect(impact.position.after?.initialMargin ?? null).toBeNull();
  });

  it('opens an isolated position holding IM and the fee to close, as Bybit does', () => {
    // Bybit "Order Cost (USDT Contract)": the position margin is IM plus the fee to close at the
    // bankruptcy price, so the fee cancels and the liquidation price is Bybit's
    // EP × (1 − 1/L + MMR) = 3,000 × (1 − 0.1 + 0.005) = 2,715 (MMR 0.5%, ETHUSDT's first tier).
    const impact = impactOf(bybitAccount('isolated'), ethOrder(10));
    expect(impact.position.after?.liquidationPrice).toBeCloseTo(2_715, 6);
  });
});
