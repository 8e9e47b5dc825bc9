// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { collateralMoveWords } from './collateral-move-words';
import { CollateralMoves } from './CollateralMoves';
import { DEMO_REPORT, HEDGE_REPORT } from './popup-test-views';

afterEach(cleanup);

const places: Readonly<Record<string, { where: string; venue: string }>> = {
  'binance-main': { where: 'Binance USDⓈ-M futures (main)', venue: 'binanceusdm' },
  'binance-hedge': { where: 'Binance USDⓈ-M futures (hedge)', venue: 'binanceusdm' },
  'bybit-hedge': { where: 'Bybit (hedge)', venue: 'bybit' },
};
const placeOf = (accountId: string) => places[accountId] ?? { where: accountId, venue: '' };

describe('CollateralMoves', () => {
  it('writes each move as a trader carries it out, with why its amount, and what they achieve', () => {
    render(<CollateralMoves portfolio={DEMO_REPORT.portfolio} placeOf={placeOf} />);
    const moves = screen.getAllByTestId('collateral-move').map((item) => item.textContent);
    expect(moves).toEqual([
      "Transfer 10,225.89 USDT from Binance USDⓈ-M futures (main) to Binance USDⓈ-M futures (hedge) and add it to your isolated BTC perp short's margin. That is as much as Binance USDⓈ-M futures (main) can give and still stand 9.8 daily σ from its own liquidation (its free margin is 12,855.80 USDT).",
      "Add 2,000.00 USDT of margin to your isolated BTC perp short on Binance USDⓈ-M futures (hedge), from that account's free balance. That is all of Binance USDⓈ-M futures (hedge)'s free margin (what it holds above its initial margin).",
    ]);
    expect(screen.getByTestId('collateral-result').textContent).toBe(
      'Together, the nearest liquidation moves from 2.3 to 9.8 daily σ away.',
    );
  });

  it('withdraws from one venue and deposits to another', () => {
    const [move] = HEDGE_REPORT.portfolio.collateralMoves;
    if (move === undefined) throw new Error('no move');
    expect(
      collateralMoveWords(move, placeOf, {
        distance: HEDGE_REPORT.portfolio.collateral.achievableMinDistance,
        unit: 'daily σ',
      }).action,
    ).toBe(
      "Withdraw 9,465.34 USDT from Binance USDⓈ-M futures (main), deposit to Bybit (hedge) and add it to your isolated BTC perp short's margin.",
    );
  });

  it('says what the target needs when the source could give more', () => {
    const [move] = DEMO_REPORT.portfolio.collateralMoves;
    if (move === undefined) throw new Error('no move');
    const smaller = { ...move, amount: 500, sourceCanGive: 9_000 };
    expect(collateralMoveWords(smaller, placeOf, { distance: 4, unit: 'daily σ' }).why).toBe(
      'That is what your isolated BTC perp short needs to stand 4.0 daily σ from liquidation.',
    );
  });

  it('shows nothing without moves', () => {
    const { container } = render(
      <CollateralMoves
        portfolio={{ ...DEMO_REPORT.portfolio, collateralMoves: [] }}
        placeOf={placeOf}
      />,
    );
    expect(container.innerHTML).toBe('');
  });
});
