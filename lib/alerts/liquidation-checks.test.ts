import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, type AlertRules } from './alert-rules';
import { chance, hedgeInput, hedgeReport, withAccount, withPosition } from './alert-fixtures';
import type { CheckContext } from './check-context';
import { crossLiquidationKey, liquidationChecks, liquidationKey } from './liquidation-checks';
import type { RiskReport } from '../engine';

const SHORT = liquidationKey('bybit-hedge', 'BTC/USDT:USDT', 'short');
const LONG = liquidationKey('hyperliquid-main', 'BTC/USDC:USDC', 'long');
const BYBIT_CROSS = crossLiquidationKey('bybit-hedge');

function context(
  report: RiskReport,
  active: readonly string[] = [],
  rules: AlertRules = DEFAULT_ALERT_RULES,
): CheckContext {
  return {
    input: hedgeInput(report),
    report,
    rules,
    wasActive: (key) => active.includes(key),
    nowMs: Date.parse('2026-11-24T12:00:00Z'),
  };
}

/** The Bybit short at `pct` (and `sigma`) from its liquidation price 99,525, with a chance. */
function nearShort(pct: number, sigma: number | null, value = 0.183): RiskReport {
  return withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
    liquidationPrice: 99_525,
    liquidationDistancePct: pct,
    liquidationDirection: 'up',
    liquidationDistanceVolUnits: sigma,
    liquidationProbability: chance(value),
  });
}

const check = (checks: ReturnType<typeof liquidationChecks>, key: string) => {
  const found = checks.find((entry) => entry.key === key);
  if (found === undefined) throw new Error(`no check ${key}`);
  return found;
};

describe('liquidationChecks', () => {
  it('words a position near liquidation plainly: venue, account, instrument, side, %, σ, price, chance', () => {
    const short = check(liquidationChecks(context(nearShort(0.031, 1.2))), SHORT);
    expect(short.holds).toBe(true);
    expect(short.titles).toEqual({
      alert: 'Near liquidation: Bybit (hedge) BTC perp short',
      reminder: 'Still near liquidation: Bybit (hedge) BTC perp short',
      safe: 'Back to safe: Bybit (hedge) BTC perp short',
    });
    expect(short.message).toBe(
      '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 18.3% (17.5–19.1%) chance within 24 h.',
    );
    expect(short.context).toBe("daily σ = a typical day's move of the price.");
    expect(short.target).toEqual({ kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' });
    // The Hyperliquid long of the engine's report is 26.5% (15 daily σ) away with no chance.
    const long = check(liquidationChecks(context(nearShort(0.031, 1.2))), LONG);
    expect(long.holds).toBe(false);
    expect(long.titles.alert).toBe('Near liquidation: Hyperliquid BTC perp long');
    expect(long.target).toEqual({ kind: 'page', url: 'https://app.hyperliquid.xyz/trade/BTC' });
  });

  it('holds on any one rule: the distance in %, in σ; the cross silo’s chance on the account’s key', () => {
    const holds = (report: RiskReport, key = SHORT) =>
      check(liquidationChecks(context(report)), key).holds;
    expect(holds(nearShort(0.049, 3, 0))).toBe(true); // under 5%
    expect(holds(nearShort(0.08, 1.9, 0))).toBe(true); // under 2 daily σ
    expect(holds(nearShort(0.08, 3, 0.11))).toBe(false); // the chance is the silo's, not the position's
    expect(holds(nearShort(0.08, 3, 0.11), BYBIT_CROSS)).toBe(true); // a chance above 10%
    expect(holds(nearShort(0.08, 3, 0.09), BYBIT_CROSS)).toBe(false);
    expect(holds(nearShort(0.08, 3, 0.09))).toBe(false);
    expect(holds(nearShort(0.051, null, 0.05))).toBe(false); // no vol: % only
  });

  it('clears only past every threshold by the margin once it held (hysteresis)', () => {
    const holds = (report: RiskReport, key = SHORT) =>
      check(liquidationChecks(context(report, [SHORT, BYBIT_CROSS])), key).holds;
    expect(holds(nearShort(0.055, 3, 0))).toBe(true); // 5.5% < 6%
    expect(holds(nearShort(0.061, 2.3, 0))).toBe(true); // 2.3σ < 2.4σ
    expect(holds(nearShort(0.061, 2.5, 0.09), BYBIT_CROSS)).toBe(true); // 9% > 8.33%
    expect(holds(nearShort(0.061, 2.5, 0.08), BYBIT_CROSS)).toBe(false);
    expect(holds(nearShort(0.061, 2.5, 0.08))).toBe(false);
  });

  it('counts a cross silo’s chance once, on the account’s key, whichever position is nearest', () => {
    const twoLegs = (btcSigma: number, ethSigma: number) =>
      withAccount(hedgeReport(), 'bybit-hedge', (account) => {
        const [short] = account.positions;
        if (short === undefined) throw new Error('fixture');
        return {
          positions: [
            {
              ...short,
              liquidationDistancePct: 0.3,
              liquidationDistanceVolUnits: btcSigma,
              liquidationProbability: chance(0.2),
            },
            {
              ...short,
              symbol: 'ETH/USDT:USDT',
              liquidationDistancePct: 0.12,
              liquidationDistanceVolUnits: ethSigma,
              liquidationProbability: chance(0.2),
            },
          ],
        };
      });
    const ETH = liquidationKey('bybit-hedge', 'ETH/USDT:USDT', 'short');
    for (const report of [twoLegs(9, 4), twoLegs(4, 9)]) {
      const checks = liquidationChecks(context(report, [BYBIT_CROSS]));
      // Neither position is near by distance; the silo's chance holds on one key only.
      expect(check(checks, SHORT).holds).toBe(false);
      expect(check(checks, ETH).holds).toBe(false);
      expect(checks.filter((entry) => entry.holds).map((entry) => entry.key)).toEqual([
        BYBIT_CROSS,
      ]);
      expect(check(checks, BYBIT_CROSS).message).toBe(
        '20.0% (19.2–20.8%) chance that the cross margin is liquidated within 24 h.',
      );
    }
    // The target follows the nearest position; the key and the holding do not.
    expect(check(liquidationChecks(context(twoLegs(9, 4))), BYBIT_CROSS).target).toEqual({
      kind: 'page',
      url: 'https://www.bybit.com/trade/usdt/ETHUSDT',
    });
  });

  it('a position already past its liquidation price holds, worded as past, never back to safe', () => {
    // The review's example: an isolated short, liquidation 98,525, mark 106,000.
    const report = withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
      liquidationSilo: 'isolated',
      liquidationPrice: 98_525,
      referencePrice: 106_000,
      liquidationDistancePct: -0.0705188679245283,
      liquidationDirection: 'up',
      liquidationDistanceVolUnits: -3.55,
      liquidationPassed: true,
      liquidationProbability: chance(0),
    });
    for (const active of [[], [SHORT]]) {
      const short = check(liquidationChecks(context(report, active)), SHORT);
      expect(short.holds).toBe(true);
      expect(short.titles.alert).toBe('Past liquidation: Bybit (hedge) BTC perp short');
      expect(short.message).toBe(
        'Already 7.1% past its liquidation price 98,525.00 (the mark is above it); due for liquidation.',
      );
    }
    // Even with every rule off, a price past liquidation holds.
    const off: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: {
        'bybit-hedge': {
          liquidationDistancePct: null,
          liquidationDistanceSigma: null,
          liquidationProbability: null,
        },
      },
    };
    expect(check(liquidationChecks(context(report, [SHORT], off)), SHORT).holds).toBe(true);
  });

  it('counts an isolated position’s own chance', () => {
    const report = withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
      liquidationSilo: 'isolated',
      liquidationProbability: chance(0.15),
    });
    expect(check(liquidationChecks(context(report)), SHORT).holds).toBe(true);
  });

  it('checks a position without a liquidation price too (so a warned one can clear)', () => {
    const report = withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
      liquidationPrice: null,
      liquidationDistancePct: null,
      liquidationDirection: null,
      liquidationDistanceVolUnits: null,
      liquidationProbability: null,
    });
    const short = check(liquidationChecks(context(report, [SHORT])), SHORT);
    expect(short.holds).toBe(false);
    expect(short.message).toBe('No liquidation price of its own.');
  });

  it('raises one notification for one danger: the near cross position, not the account’s chance beside it', () => {
    // 3.1% away with an 18% chance: the position's alert says both; the account's chance alert
    // is not raised beside it, but one already shown stays until the chance clears.
    const report = nearShort(0.031, 1.2, 0.183);
    expect(check(liquidationChecks(context(report)), SHORT).holds).toBe(true);
    expect(check(liquidationChecks(context(report)), BYBIT_CROSS).holds).toBe(false);
    expect(check(liquidationChecks(context(report, [BYBIT_CROSS])), BYBIT_CROSS).holds).toBe(true);
    // Far from liquidation with the chance still high: the account's chance alert stands alone.
    expect(check(liquidationChecks(context(nearShort(0.08, 3, 0.183))), BYBIT_CROSS).holds).toBe(
      true,
    );
  });

  it('follows an account’s own rules, and skips a muted account', () => {
    const report = nearShort(0.08, 3, 0);
    const strict: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: { 'bybit-hedge': { liquidationDistancePct: 0.1 } },
    };
    expect(check(liquidationChecks(context(report, [], strict)), SHORT).holds).toBe(true);
    const muted: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: { 'bybit-hedge': { muted: true } },
    };
    expect(liquidationChecks(context(report, [], muted)).map((entry) => entry.key)).toEqual([
      LONG,
      crossLiquidationKey('hyperliquid-main'),
    ]);
  });

  it('says when the account’s figures are old', () => {
    const report = nearShort(0.031, 1.2);
    const input = hedgeInput(report);
    const stale = {
      ...input,
      connections: input.connections.map((view) =>
        view.connection.id === 'bybit-hedge'
          ? { ...view, freshness: 'stale' as const, dataAgeSeconds: 1320 }
          : view,
      ),
    };
    const short = check(liquidationChecks({ ...context(report), input: stale }), SHORT);
    expect(short.context).toBe(
      "daily σ = a typical day's move of the price. Account figures from 22 min ago, not refreshed.",
    );
  });
});
