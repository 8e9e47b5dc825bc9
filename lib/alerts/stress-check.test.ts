import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import { hedgeInput, hedgeReport } from './alert-fixtures';
import { STRESS_KEY, stressCheck } from './stress-check';
import type { RiskReport } from '../engine';

const withStress = (worstLoss: number, equity: number): RiskReport => {
  const report = hedgeReport();
  return {
    ...report,
    portfolio: { ...report.portfolio, equity, stress: { ...report.portfolio.stress, worstLoss } },
  };
};

const run = (report: RiskReport, active = false, rules = DEFAULT_ALERT_RULES) =>
  stressCheck({ input: hedgeInput(report), report, rules, wasActive: () => active, nowMs: 0 });

describe('stressCheck', () => {
  it('warns when the worst stress loss is above the share of equity, in plain words', () => {
    const [check] = run(withStress(8400, 7000));
    expect(check?.key).toBe(STRESS_KEY);
    expect(check?.holds).toBe(true);
    expect(check?.titles.alert).toBe('Stress loss high: whole portfolio');
    expect(check?.message).toBe(
      "The worst stress scenario would lose 8,400.00 USD, 120% of the portfolio's 7,000.00 USD equity (your alert is at 100%).",
    );
    expect(check?.target).toEqual({ kind: 'popup' });
  });

  it('clears under 100% / 1.2 = 83.3% once it held; the hedge of the fixture loses nothing', () => {
    expect(run(withStress(7000, 7000))[0]?.holds).toBe(false); // 100%: not above
    expect(run(withStress(5900, 7000), true)[0]?.holds).toBe(true); // 84.3%
    expect(run(withStress(5800, 7000), true)[0]?.holds).toBe(false); // 82.9%
    expect(run(hedgeReport())[0]?.holds).toBe(false);
  });

  it('is off with a null rule, and infinite with a loss and no equity', () => {
    const off = { ...DEFAULT_ALERT_RULES, portfolio: { stressLossOfEquity: null } };
    expect(run(withStress(8400, 7000), false, off)).toEqual([]);
    expect(run(withStress(100, 0))[0]?.holds).toBe(true);
  });
});
