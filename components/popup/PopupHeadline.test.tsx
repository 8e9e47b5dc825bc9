// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { esHoverLine, PopupHeadline } from './PopupHeadline';
import { popupLegs } from './popup-legs';
import { DEMO_REPORT, HEDGE_REPORT } from './popup-test-views';
import { staleInputs } from './stale-inputs';

afterEach(cleanup);

const labelOf = (account: { id: string }) => account.id;
/** A share as the popup writes it, one decimal of a percent (an interval's ends rounded outwards). */
const percent = (share: number | undefined, round: (x: number) => number = Math.round) =>
  (round((share ?? 0) * 1000) / 10).toFixed(1);

describe('PopupHeadline', () => {
  it('leads with the most endangered leg: where, how far, how likely', () => {
    render(<PopupHeadline report={HEDGE_REPORT} legs={popupLegs(HEDGE_REPORT, labelOf)} />);
    const nearest = screen.getByTestId('most-endangered');
    expect(nearest.dataset.level).toBe('caution');
    expect(nearest.textContent).toContain('Caution');
    const probability = HEDGE_REPORT.accounts[1]?.positions[0]?.liquidationProbability;
    expect(nearest.textContent).toContain(
      `2.3 daily σ · ${percent(probability?.value)}% (${percent(probability?.low, Math.floor)}–${percent(probability?.high, Math.ceil)}%) chance in 24 h`,
    );
  });

  it('gives the chance of any liquidation, and the true margin against what the venues require', () => {
    render(<PopupHeadline report={DEMO_REPORT} legs={popupLegs(DEMO_REPORT, labelOf)} />);
    expect(screen.getByTestId('probability-any').textContent).toBe('4.2% (3.7–4.8%)');
    expect(screen.getByTestId('true-margin').closest('.figure')?.textContent).toContain(
      'the venues require 784.77 USD (6.2× less)',
    );
  });

  it('explains the ES’s confidence and horizon in one hover line', () => {
    render(<PopupHeadline report={DEMO_REPORT} legs={popupLegs(DEMO_REPORT, labelOf)} />);
    expect(screen.getByTestId('portfolio-es').closest('.figure')?.getAttribute('title')).toBe(
      'The average loss on the worst 1 in 100 days, looking 24 h ahead, from 20,000 simulated days with fat tails.',
    );
    expect(esHoverLine({ ...DEMO_REPORT.portfolio, confidence: 0.975 })).toContain(
      'the worst 1 in 40 days',
    );
  });

  it('says when no leg can be liquidated', () => {
    render(<PopupHeadline report={DEMO_REPORT} legs={[]} />);
    expect(screen.getByTestId('most-endangered').textContent).toBe(
      'No position can be liquidated on its own.',
    );
  });
});

describe('staleInputs', () => {
  it('flags embedded data older than 30 days, with its date', () => {
    const kinds = (iso: string) =>
      staleInputs(DEMO_REPORT, Date.parse(iso)).map((item) => item.kind);
    // The market snapshot is of 11 Feb 2025, the Binance tier table of 24 Oct 2024.
    expect(kinds('2024-11-20T00:00:00Z')).toEqual([]);
    expect(kinds('2025-02-20T00:00:00Z')).toEqual(['tiers']);
    expect(kinds('2025-03-14T00:00:00Z')).toEqual(['market', 'tiers']);
    expect(
      staleInputs(DEMO_REPORT, Date.parse('2026-11-24T00:00:00Z')).map((item) => item.asOf),
    ).toEqual(['2025-02-11', '2024-10-24']);
  });
});
