import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, type AlertRules } from './alert-rules';
import { hedgeInput, hedgeReport, withAccount } from './alert-fixtures';
import { marginRatioChecks, marginRatioLevel } from './margin-ratio-checks';
import type { RiskReport } from '../engine';

function checks(
  report: RiskReport,
  active: readonly string[] = [],
  rules: AlertRules = DEFAULT_ALERT_RULES,
) {
  return marginRatioChecks({
    input: hedgeInput(report),
    report,
    rules,
    wasActive: (key) => active.includes(key),
    nowMs: 0,
  });
}

/** The Bybit account with maintenance margin `mm` of equity `equity` (USDT). */
const bybitAt = (mm: number, equity: number, venue = 'bybit') =>
  withAccount(hedgeReport(), 'bybit-hedge', () => ({
    venue,
    maintenanceMargin: mm,
    equity,
    marginRatio: mm / equity,
  }));

describe('marginRatioLevel', () => {
  it('is the venue’s warning where it publishes one, Margin Lens’s 80% where not, or the trader’s', () => {
    expect(marginRatioLevel('venue', 'binanceusdm', 'cross')).toEqual({
      ratio: 0.8,
      setBy: 'venue',
    });
    expect(marginRatioLevel('venue', 'bybit', 'cross')).toEqual({ ratio: 0.8, setBy: 'default' });
    expect(marginRatioLevel(0.6, 'bybit', 'cross')).toEqual({ ratio: 0.6, setBy: 'rule' });
    // Binance portfolio margin has no USDⓈ-M margin call, as the popup says (venue-margin-ratio.ts).
    expect(marginRatioLevel('venue', 'binanceusdm', 'portfolio')).toEqual({
      ratio: 0.8,
      setBy: 'default',
    });
  });
});

describe('marginRatioChecks', () => {
  it('warns at the venue’s level and says whose level it is', () => {
    const [bybit] = checks(bybitAt(1450, 1700));
    expect(bybit?.holds).toBe(true);
    expect(bybit?.titles.alert).toBe('Margin ratio high: Bybit (hedge)');
    expect(bybit?.message).toBe(
      'Margin ratio 85.3%: maintenance margin 1,450.00 USDT of 1,700.00 USDT equity; Margin Lens warns at 80% (the venue publishes no warning level), liquidation at 100%.',
    );
    const [binance] = checks(bybitAt(1450, 1700, 'binanceusdm'));
    expect(binance?.message).toContain('Binance USDⓈ-M futures warns at 80%, liquidation at 100%.');
    // The nearest position's page (the engine's report names it).
    expect(bybit?.target).toEqual({
      kind: 'page',
      url: 'https://www.bybit.com/trade/usdt/BTCUSDT',
    });
  });

  it('says where Binance portfolio margin liquidates (95.2%) and that it publishes no 80% call', () => {
    const pm = withAccount(bybitAt(1450, 1700, 'binanceusdm'), 'bybit-hedge', (account) => ({
      positions: account.positions.map((position) => ({
        ...position,
        marginMode: 'portfolio' as const,
      })),
    }));
    expect(checks(pm)[0]?.message).toBe(
      'Margin ratio 85.3%: maintenance margin 1,450.00 USDT of 1,700.00 USDT equity; Margin Lens warns at 80% (the venue publishes no warning level), liquidation at 95.2%.',
    );
  });

  it('clears below level / (1 + margin) once it held', () => {
    const key = 'margin-ratio|bybit-hedge';
    expect(checks(bybitAt(1200, 1700), [key])[0]?.holds).toBe(true); // 70.6% > 66.7%
    expect(checks(bybitAt(1100, 1700), [key])[0]?.holds).toBe(false); // 64.7%
    expect(checks(bybitAt(1200, 1700))[0]?.holds).toBe(false);
  });

  it('holds with no equity left, and is off with a null rule', () => {
    const broke = withAccount(hedgeReport(), 'bybit-hedge', () => ({
      equity: -5,
      marginRatio: -3,
    }));
    expect(checks(broke)[0]?.holds).toBe(true);
    expect(checks(broke)[0]?.message).toContain('Margin ratio ∞');
    const off = {
      ...DEFAULT_ALERT_RULES,
      accounts: { ...DEFAULT_ALERT_RULES.accounts, marginRatio: null },
    };
    expect(checks(broke, [], off)).toEqual([]);
  });
});
