import { describe, expect, it } from 'vitest';
import { SIX_VENUE_BOOK } from '../../../test/portfolios/six-venue-book';
import { TWO_VENUE_HEDGE } from '../../../test/portfolios/two-venue-hedge';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import { scenarioExpectedShortfall } from '../risk/scenario-expected-shortfall';
import { brokenHedges, type ChangedBookShortfall } from './broken-hedges';
import { calculateRiskReport, evaluateRisk } from './calculate-risk-report';
import { resolveInputs } from './resolve-inputs';
import type { ScenarioMeasures } from './scenario-measures';

const AS_OF = '2025-02-11T00:00:00Z';
const SMALL_MODEL = { scenarios: 2000, liquidationPaths: 2000 };

/** A cross Bybit account short (or long) `size` BTC on a large wallet: the other side of a hedge. */
function bybitCross(side: 'long' | 'short', size: string, mark: string) {
  return {
    id: 'bybit-cross',
    venue: 'bybit',
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [{ asset: 'USDT', total: '200000' }],
    positions: [
      { symbol: 'BTC/USDT:USDT', side, contracts: size, entryPrice: mark, markPrice: mark },
    ],
  };
}

/**
 * The measure's first method, kept as the reference: each changed book (`after`) revalued in
 * full on the report's scenarios, O(N·P) per leg. The measure itself takes the book's losses
 * less the change's P&L (book-change-pnl.ts).
 */
function plainExpectedShortfallAfter(
  settings: { readonly horizonHours: number; readonly confidence: number },
  scenario: ScenarioMeasures,
): ChangedBookShortfall {
  return (_removed, _added, after) => {
    const set = scenario.scenarioSet;
    if (after.length === 0 || set === undefined) return Number.NaN;
    const [result] = scenarioExpectedShortfall(set, after, settings.horizonHours / HOURS_PER_YEAR, [
      settings.confidence,
    ]);
    return result?.expectedShortfall ?? Number.NaN;
  };
}

/** Market prices of the book below (the embedded default's 2025-02-11 closes, rounded). */
const BTC = 95057.54;
const ETH = 2589.82;
const SOL = 195.77;

/**
 * Options among linear hedges on three underlyings: a Deribit BTC account short delta through
 * options (a leg of options) against Binance (cross, BTC, ETH and SOL: a leg that takes three
 * underlyings out) and Bybit (isolated BTC); Deribit ETH options and coin balances in the rest of
 * the book when an ETH or BTC leg breaks, so they are revalued at the shifted price. Six legs.
 */
const OPTIONS_BOOK = {
  version: 1,
  asOf: AS_OF,
  market: { prices: { BTC: String(BTC), ETH: String(ETH), SOL: String(SOL) } },
  accounts: [
    {
      id: 'binance-cross',
      venue: 'binanceusdm',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '40000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '0.6',
          entryPrice: '93000',
          markPrice: String(BTC),
          leverage: 10,
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
        },
        {
          symbol: 'ETH/USDT:USDT',
          side: 'short',
          contracts: '40',
          entryPrice: '2650',
          markPrice: String(ETH),
          leverage: 10,
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0',
        },
        {
          symbol: 'SOL/USDT:USDT',
          side: 'long',
          contracts: '150',
          entryPrice: '190',
          markPrice: String(SOL),
          leverage: 10,
          maintenanceMarginRate: '0.005',
          maintenanceAmount: '0',
        },
      ],
    },
    {
      id: 'bybit-isolated',
      venue: 'bybit',
      marginMode: 'isolated',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '8000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '0.5',
          entryPrice: '94800',
          markPrice: String(BTC),
          leverage: 20,
          isolatedMargin: '2500',
        },
      ],
    },
    {
      id: 'okx-cross',
      venue: 'okx',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '6000' }],
      positions: [
        {
          symbol: 'ETH/USDT:USDT',
          side: 'long',
          contracts: '80',
          contractSize: '0.1',
          entryPrice: '2550',
          markPrice: String(ETH),
          leverage: 10,
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
        },
        {
          symbol: 'SOL/USDT:USDT',
          side: 'short',
          contracts: '100',
          contractSize: '1',
          entryPrice: '200',
          markPrice: String(SOL),
          leverage: 10,
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
        },
      ],
    },
    {
      id: 'deribit-btc',
      venue: 'deribit',
      marginMode: 'cross',
      balances: [{ asset: 'BTC', total: '1.5' }],
      positions: [
        {
          symbol: 'BTC/USD:BTC-250328-100000-P',
          side: 'long',
          contracts: '3',
          contractSize: '1',
          entryPrice: '0.03',
          markPrice: '0.03',
          markIv: 0.55,
        },
        {
          symbol: 'BTC/USD:BTC-250328-110000-C',
          side: 'short',
          contracts: '2',
          contractSize: '1',
          entryPrice: '0.025',
          markPrice: '0.025',
          markIv: 0.58,
        },
        {
          symbol: 'BTC/USD:BTC-250228-95000-C',
          side: 'long',
          contracts: '1',
          contractSize: '1',
          entryPrice: '0.02',
          markPrice: '0.02',
          markIv: 0.52,
        },
      ],
    },
    {
      id: 'deribit-eth',
      venue: 'deribit',
      marginMode: 'cross',
      balances: [{ asset: 'ETH', total: '20' }],
      positions: [
        {
          symbol: 'ETH/USD:ETH-250328-2800-C',
          side: 'short',
          contracts: '20',
          contractSize: '1',
          entryPrice: '0.03',
          markPrice: '0.03',
          markIv: 0.7,
        },
        {
          symbol: 'ETH/USD:ETH-250328-2400-P',
          side: 'long',
          contracts: '15',
          contractSize: '1',
          entryPrice: '0.04',
          markPrice: '0.04',
          markIv: 0.72,
        },
      ],
    },
  ],
  // 4,096 scenarios: the options revalued on the kernel's grid (GRID_MIN_SCENARIOS = 2,048).
  model: { scenarios: 4096, liquidationPaths: 1000 },
};

describe('brokenHedges', () => {
  describe('ES after: the book less the change equals the changed book revalued in full', () => {
    const books = {
      'a book with options on BTC and ETH and linear legs on BTC, ETH and SOL': OPTIONS_BOOK,
      'the demo portfolio': DEMO_PORTFOLIO,
      'the two-venue hedge': TWO_VENUE_HEDGE,
      'the six-venue book': SIX_VENUE_BOOK,
    };
    for (const [name, book] of Object.entries(books)) {
      it(name, () => {
        const inputs = resolveInputs(parsePortfolio(book));
        const { scenario, liquidation, report } = evaluateRisk(inputs);
        const plain = brokenHedges(
          inputs,
          scenario,
          liquidation.positions,
          plainExpectedShortfallAfter(inputs.settings, scenario),
        );
        const fast = report.portfolio.brokenHedges;
        expect(fast.length).toBeGreaterThanOrEqual(2);
        expect(fast.map((leg) => [leg.accountId, leg.underlying, leg.symbols])).toEqual(
          plain.map((leg) => [leg.accountId, leg.underlying, leg.symbols]),
        );
        fast.forEach((leg, index) => {
          const reference = plain[index];
          // Relative 1e-9: the same cells summed in another order (measured: below 1e-12).
          const tolerance = 1e-9 * Math.max(reference?.esAfter ?? 0, reference?.esNow ?? 0);
          expect(Math.abs(leg.esAfter - (reference?.esAfter ?? Number.NaN))).toBeLessThanOrEqual(
            tolerance,
          );
          expect(
            Math.abs(leg.costIfBroken - (reference?.costIfBroken ?? Number.NaN)),
          ).toBeLessThanOrEqual(tolerance);
          expect({ ...leg, esAfter: 0, costIfBroken: 0 }).toEqual({
            ...reference,
            esAfter: 0,
            costIfBroken: 0,
          });
        });
        if (book === OPTIONS_BOOK) {
          expect(fast).toHaveLength(6);
          expect(new Set(fast.map((leg) => leg.underlying))).toEqual(
            new Set(['BTC', 'ETH', 'SOL']),
          );
          expect(fast.find((leg) => leg.accountId === 'deribit-btc')?.symbols).toHaveLength(3);
          expect(fast.filter((leg) => leg.accountId === 'binance-cross')).toHaveLength(2);
        }
      });
    }
  });

  describe('the two-venue hedge (test/portfolios/two-venue-hedge.ts)', () => {
    const report = calculateRiskReport(parsePortfolio(TWO_VENUE_HEDGE));
    const legs = report.portfolio.brokenHedges;
    const bybit = legs.find((leg) => leg.accountId === 'bybit-hedge');
    const binance = legs.find((leg) => leg.accountId === 'binance-main');

    it('shows both legs, each with a probability and its interval, and a cost', () => {
      expect(legs).toHaveLength(2);
      for (const leg of [bybit, binance]) {
        const probability = leg?.probability;
        expect(probability?.noPathHit).toBeUndefined();
        expect(probability?.value).toBeGreaterThan(0);
        expect(probability?.low).toBeLessThanOrEqual(probability?.value ?? 0);
        expect(probability?.high).toBeGreaterThan(probability?.value ?? 1);
        expect(leg?.lossIfLiquidated).toBeGreaterThan(0);
        expect(leg?.costIfBroken).toBeGreaterThan(0);
        expect(leg?.costIfBroken).toBeCloseTo(
          (leg?.lossIfLiquidated ?? 0) + (leg?.esAfter ?? 0) - (leg?.esNow ?? 0),
          9,
        );
        expect(leg?.esNow).toBe(report.portfolio.es);
      }
      expect(bybit).toMatchObject({ side: 'short', silo: 'isolated', liquidationDirection: 'up' });
      expect(binance).toMatchObject({ side: 'long', silo: 'cross', liquidationDirection: 'down' });
      expect(bybit?.liquidationFee.sourceKind).toBe('venue-rule');
    });

    it('takes the liquidation price and probability the report shows beside the position', () => {
      const position = report.accounts
        .find((account) => account.id === 'bybit-hedge')
        ?.positions.find((held) => held.symbol === 'BTC/USDT:USDT');
      expect(bybit?.liquidationPrice).toBe(position?.liquidationPrice);
      expect(bybit?.probability).toEqual(position?.liquidationProbability);
      expect(bybit?.move).toBeCloseTo((position?.liquidationPrice ?? 0) / 95057.54 - 1, 12);
    });

    it('loses the isolated margin and its P&L: 4,000 + 0.8·(94,800 − 95,057.54) = 3,793.97 USD', () => {
      expect(bybit?.lossIfLiquidated).toBeCloseTo(3793.968, 2);
      expect(-(bybit?.movePnl ?? 0) + (bybit?.liquidationFee.amount ?? 0)).toBeCloseTo(3793.968, 2);
      // The hedge gains what the leg loses on the way: the two are equal and opposite.
      expect(bybit?.restOfBookMovePnl).toBeCloseTo(-(bybit?.movePnl ?? 0), 6);
    });

    it('ES after = the Binance long alone, on the same scenarios, scaled by the price ratio', () => {
      const alone = calculateRiskReport(
        parsePortfolio({ ...TWO_VENUE_HEDGE, accounts: TWO_VENUE_HEDGE.accounts.slice(0, 1) }),
      );
      const ratio = (bybit?.liquidationPrice ?? 0) / 95057.54;
      expect(alone.portfolio.brokenHedges).toEqual([]);
      expect(bybit?.esAfter).toBeCloseTo(alone.portfolio.es * ratio, 6);
    });

    it('sorts by probability × cost, largest first', () => {
      const weights = legs.map((leg) => (leg.probability?.value ?? 0) * leg.costIfBroken);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(legs[0]?.accountId).toBe('bybit-hedge');
    });
  });

  it('ES after under the parametric method: the closed form of what remains, scaled by the ratio', () => {
    const model = { method: 'parametric' };
    const report = calculateRiskReport(parsePortfolio({ ...TWO_VENUE_HEDGE, model }));
    const alone = calculateRiskReport(
      parsePortfolio({ ...TWO_VENUE_HEDGE, accounts: TWO_VENUE_HEDGE.accounts.slice(0, 1), model }),
    );
    const leg = report.portfolio.brokenHedges.find((entry) => entry.accountId === 'bybit-hedge');
    expect(leg?.esAfter).toBeCloseTo(
      (alone.portfolio.es * (leg?.liquidationPrice ?? 0)) / 95057.54,
      6,
    );
  });

  it('hand-computed: an isolated Binance long, flat MMR 0.4%, its remaining margin kept by the venue', () => {
    // Long 1 BTC at 98,000, mark 100,000, isolated margin 10,000 USDT, MMR 0.4%, amount 0.
    // Binance's isolated closed form: LP = (10,000 − 98,000) / (0.004 − 1) = 88,353.4136…
    // Move P&L = LP − 100,000; kept = MMR·LP = 353.41; loss = 100,000 − 0.996·LP = 12,000.00.
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [
          {
            id: 'binance-isolated',
            venue: 'binanceusdm',
            marginMode: 'isolated',
            positionMode: 'oneway',
            balances: [{ asset: 'USDT', total: '15000' }],
            positions: [
              {
                symbol: 'BTC/USDT:USDT',
                side: 'long',
                contracts: '1',
                entryPrice: '98000',
                markPrice: '100000',
                leverage: 10,
                isolatedMargin: '10000',
                maintenanceMarginRate: '0.004',
                maintenanceAmount: '0',
              },
            ],
          },
          bybitCross('short', '1', '100000'),
        ],
        model: SMALL_MODEL,
      }),
    );
    const leg = report.portfolio.brokenHedges.find(
      (entry) => entry.accountId === 'binance-isolated',
    );
    const liquidationPrice = (10000 - 98000) / (0.004 - 1);
    expect(leg?.liquidationPrice).toBeCloseTo(liquidationPrice, 6);
    expect(leg?.movePnl).toBeCloseTo(liquidationPrice - 100000, 2);
    expect(leg?.liquidationFee.amount).toBeCloseTo(0.004 * liquidationPrice, 2);
    expect(leg?.lossIfLiquidated).toBeCloseTo(12000, 2);
    expect(leg?.hedgeDeltaUsd).toBeCloseTo(-100000, 6);
  });

  it('a coin-margined isolated leg loses its coin margin at the liquidation price', () => {
    // Binance COIN-M isolated short 30,000 USD of BTCUSD at 100,000, mark 100,000, isolated margin
    // 0.05 BTC of a 0.2 BTC wallet: silo equity now 0.05 BTC = 5,000 USD. At LP the venue keeps
    // (0.05 + N/LP − N/EP)·LP USD, and the move costs (0.05 − N/EP)·(LP − 100,000).
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        market: { prices: { BTC: '100000' } },
        accounts: [
          {
            id: 'coinm-isolated',
            venue: 'binancecoinm',
            marginMode: 'isolated',
            positionMode: 'oneway',
            balances: [{ asset: 'BTC', total: '0.2' }],
            positions: [
              {
                symbol: 'BTC/USD:BTC',
                side: 'short',
                contracts: '300',
                contractSize: '100',
                entryPrice: '100000',
                markPrice: '100000',
                leverage: 20,
                isolatedMargin: '0.05',
                maintenanceMarginRate: '0.004',
                maintenanceAmount: '0',
              },
            ],
          },
          bybitCross('long', '0.5', '100000'),
        ],
        model: SMALL_MODEL,
      }),
    );
    const leg = report.portfolio.brokenHedges.find((entry) => entry.accountId === 'coinm-isolated');
    const price = leg?.liquidationPrice ?? Number.NaN;
    const notional = 30000;
    expect(leg?.side).toBe('short');
    expect(price).toBeGreaterThan(100000);
    expect(leg?.lossIfLiquidated).toBeCloseTo(5000, 2);
    expect(leg?.movePnl).toBeCloseTo((0.05 - notional / 100000) * (price - 100000), 2);
    expect(leg?.liquidationFee.amount).toBeCloseTo(
      (0.05 + notional / price - notional / 100000) * price,
      2,
    );
  });

  it('a book without opposite deltas on an underlying has no entries', () => {
    const sameSide = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: AS_OF,
        accounts: [
          TWO_VENUE_HEDGE.accounts[0],
          bybitCross('long', '0.3', '95057.54'),
          {
            id: 'okx-eth',
            venue: 'okx',
            marginMode: 'cross',
            positionMode: 'oneway',
            balances: [{ asset: 'USDT', total: '5000' }],
            positions: [
              {
                symbol: 'ETH/USDT:USDT',
                side: 'short',
                contracts: '10',
                contractSize: '0.1',
                entryPrice: '2589.82',
                markPrice: '2589.82',
              },
            ],
          },
        ],
        model: SMALL_MODEL,
      }),
    );
    expect(sameSide.portfolio.brokenHedges).toEqual([]);
  });
});
