import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO } from '../engine/portfolio/demo-portfolio';
import { parsePortfolio } from '../engine/portfolio/parse-portfolio';
import { evaluateRisk } from '../engine/measure/calculate-risk-report';
import { resolveInputs } from '../engine/measure/resolve-inputs';
import { tradeImpact } from '../engine/measure/trade-impact';
import type { TradeWarning } from '../engine/measure/trade-impact-types';
import { tradeWarningWords } from './trade-warning-words';

const LABELS: Readonly<Record<string, string>> = {
  'bybit-hedge': 'Bybit hedge',
  'binance-hedge': 'Binance hedge',
};
const label = (accountId: string) => LABELS[accountId] ?? accountId;
const words = (warning: TradeWarning) => tradeWarningWords(warning, label);

describe('tradeWarningWords: one plain sentence per kind', () => {
  it('liquidated at once: the margin ratio in whole percent', () => {
    expect(
      words({ kind: 'liquidated-at-once', marginRatio: 1.2437, message: 'engine words' }),
    ).toBe('Liquidated at once: maintenance margin would be 124% of equity.');
  });

  it('liquidated at once with no equity left (no margin ratio exists: null)', () => {
    expect(
      words({
        kind: 'liquidated-at-once',
        marginRatio: null,
        message: 'engine words',
      }),
    ).toBe('Liquidated at once: the account would have no equity left.');
  });

  it('beyond liquidation: the fill and the new liquidation price', () => {
    expect(
      words({
        kind: 'beyond-liquidation',
        symbol: 'BTC/USDT:USDT',
        fillPrice: 84_000,
        liquidationPrice: 85_342.65874828689,
        message: 'engine words',
      }),
    ).toBe(
      "This order fills at 84,000.00, past your BTC perp's new liquidation price 85,342.66: it is liquidated as it fills.",
    );
  });

  it('liquidated before fill: a stop, and a limit order', () => {
    const stop: TradeWarning = {
      kind: 'liquidated-before-fill',
      symbol: 'BTC/USDT:USDT',
      orderType: 'stop',
      orderPrice: 100_000,
      liquidationPrice: 99_326,
      message: 'engine words',
    };
    expect(words(stop)).toBe(
      "Your stop at 100,000.00 is past this position's liquidation price 99,326.00: the position is liquidated before it fills.",
    );
    expect(words({ ...stop, orderType: 'limit', orderPrice: 2.5, liquidationPrice: 2.61234 })).toBe(
      "Your limit order at 2.5000 is past this position's liquidation price 2.6123: the position is liquidated before it fills.",
    );
  });

  it('does not fit: the margin missing, in the settlement asset', () => {
    const warning: TradeWarning = {
      kind: 'does-not-fit',
      availableBefore: 1_200,
      availableAfter: -4_162.3912,
      settle: 'USDC',
      message: 'engine words',
    };
    expect(words(warning)).toBe('Does not fit: you would need 4,162.39 USDC more margin.');
    // A coin-margined account: coins take six places.
    expect(words({ ...warning, availableAfter: -0.0123456, settle: 'BTC' })).toBe(
      'Does not fit: you would need 0.012346 BTC more margin.',
    );
  });

  it('tier changes: the maintenance rates before and after', () => {
    expect(
      words({
        kind: 'tier-changes',
        symbol: 'BTC/USDT:USDT',
        maintenanceMarginRateBefore: 0.004,
        maintenanceMarginRateAfter: 0.005,
        message: 'engine words',
      }),
    ).toBe(
      'Your BTC perp moves to another margin tier: maintenance margin 0.40% → 0.50% of its value.',
    );
  });

  it('tier assumed: names the instrument, not the engine’s problems', () => {
    expect(
      words({
        kind: 'tier-assumed',
        symbol: 'SOL/USDT:USDT',
        problems: ['account "a" position "SOL/USDT:USDT": no embedded Binance tier table'],
        message: 'engine words',
      }),
    ).toBe(
      "The venue's margin tiers for SOL perp at this size are not known: the figures keep its current tier.",
    );
  });

  it('nearer liquidation: closer than before, or a first liquidation price', () => {
    const warning: TradeWarning = {
      kind: 'nearer-liquidation',
      symbol: 'BTC/USDT:USDT',
      price: 95_186.46266587442,
      distance: 0.0014,
      distanceBefore: 0.2881,
      message: 'engine words',
    };
    expect(words(warning)).toBe(
      "This account's nearest liquidation comes closer: BTC perp at 95,186.46, 0.14% away (was 28.81%).",
    );
    expect(words({ ...warning, distanceBefore: null })).toBe(
      'This account would get a liquidation price: BTC perp at 95,186.46, 0.14% away.',
    );
  });

  it('first to die: the other leg by the trader’s account name', () => {
    expect(
      words({
        kind: 'first-to-die',
        symbol: 'BTC/USDT:USDT',
        distance: 0.0014,
        other: { accountId: 'bybit-hedge', symbol: 'BTC/USDT:USDT', distance: 0.0449 },
        message: 'engine words',
      }),
    ).toBe(
      "This BTC perp becomes your first leg to die: 0.14% from liquidation, nearer than Bybit hedge's BTC perp (4.49%).",
    );
  });

  it('words the engine’s own warnings without a ccxt symbol or an account id', () => {
    // The demo's first-to-die case (trade-impact.test.ts): 5 BTC more at 100x on binance-main.
    const impact = tradeImpact(evaluateRisk(resolveInputs(parsePortfolio(DEMO_PORTFOLIO))), {
      accountId: 'binance-main',
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      contracts: new Decimal(5),
      leverage: 100,
      reduceOnly: false,
    });
    if ('refused' in impact) throw new Error(impact.refused.message);
    expect(impact.warnings.map(words)).toEqual([
      "This account's nearest liquidation comes closer: BTC perp at 91,464.19, 3.78% away (was 30.55%).",
      "This BTC perp becomes your first leg to die: 3.78% from liquidation, nearer than Binance hedge's BTC perp (4.53%).",
    ]);
  });

  it('falls back to the engine’s sentence for a kind it does not know', () => {
    const unknown = { kind: 'new-kind', message: 'the engine says so' } as unknown as TradeWarning;
    expect(words(unknown)).toBe('the engine says so');
  });
});
