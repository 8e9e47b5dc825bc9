// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../lib/engine';
import { firstToDieWords, LiquidationLadder } from './LiquidationLadder';
import { legsByUnderlying, popupLegs } from './popup-legs';
import { DEMO_REPORT, SIX_VENUE_REPORT } from './popup-test-views';

afterEach(cleanup);

const labelOf = (account: { id: string }) => account.id;

describe('legsByUnderlying', () => {
  it('groups the legs by coin, the group and the leg nearest to liquidation first', () => {
    const groups = legsByUnderlying(popupLegs(DEMO_REPORT, labelOf));
    expect(groups.map((group) => group.underlying)).toEqual(['BTC', 'ETH']);
    expect(groups[0]?.hedged).toBe(true);
    expect(groups[0]?.legs.map((leg) => `${leg.accountId} ${leg.side}`)).toEqual([
      'binance-hedge short',
      'binance-main long',
    ]);
    expect(groups[0]?.firstToDie?.accountId).toBe('binance-hedge');
    expect(groups[1]?.hedged).toBe(false);
  });
});

describe('a Hyperliquid HIP-3 leg', () => {
  it('is named by the venue’s market name, xyz:NVDA, not ccxt’s base XYZ-NVDA', () => {
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: '2026-11-24T00:00:00Z',
        accounts: [
          {
            id: 'hl:xyz',
            venue: 'hyperliquid',
            marginMode: 'cross',
            balances: [{ asset: 'USDC', total: '1000' }],
            positions: [
              {
                symbol: 'XYZ-NVDA/USDC:USDC',
                side: 'long',
                contracts: '20',
                entryPrice: '180',
                markPrice: '200',
                maxLeverage: 10,
              },
            ],
          },
        ],
        market: { annualVols: { 'XYZ-NVDA': 0.5 } },
        model: { scenarios: 200, liquidationPaths: 200 },
      }),
    );
    const [group] = legsByUnderlying(popupLegs(report, labelOf));
    expect(group?.underlying).toBe('xyz:NVDA');
    render(
      <LiquidationLadder groups={legsByUnderlying(popupLegs(report, labelOf))} horizonHours={24} />,
    );
    expect(screen.getByTestId('hedge-group').textContent).toContain('if xyz:NVDA falls');
  });
});

describe('LiquidationLadder', () => {
  it('draws each leg from today’s price towards its liquidation, in daily σ over colour bands', () => {
    const { container } = render(
      <LiquidationLadder
        groups={legsByUnderlying(popupLegs(DEMO_REPORT, labelOf))}
        horizonHours={24}
      />,
    );
    const rungs = screen.getAllByTestId('ladder-leg');
    expect(rungs.map((rung) => rung.dataset.level)).toEqual(['caution', 'safe', 'safe']);
    // The short dies on a rise: its bar goes right, 2.15σ of the 5σ reach (21.5% of the track).
    const short = container.querySelector(
      '[data-leg="binance-hedge|BTC/USDT:USDT|short"] .rung__bar',
    );
    expect(short?.getAttribute('style')).toContain('left: 50%');
    expect(short?.getAttribute('style')).toContain('width: 23.35%');
    // The long dies on a fall, 17.7σ away: drawn to the left edge.
    const long = container.querySelector('[data-leg="binance-main|BTC/USDT:USDT|long"] .rung__bar');
    expect(long?.getAttribute('style')).toContain('right: 50%');
    expect(long?.getAttribute('style')).toContain('width: 50.00%');
    expect(screen.getAllByTestId('ladder-distance')[0]?.textContent).toBe('2.3 daily σ · +4.5%');
    expect(container.querySelector('.caption')?.textContent).toContain(
      'Each liquidation price holds the other coins unchanged.',
    );
  });

  it('names the leg that dies first on each coin, hedge legs together', () => {
    render(
      <LiquidationLadder
        groups={legsByUnderlying(popupLegs(DEMO_REPORT, labelOf))}
        horizonHours={24}
      />,
    );
    const [btc, eth] = screen.getAllByTestId('hedge-group');
    expect(btc?.textContent).toBe(
      'BTC · long and short: each leg can be liquidated alone. First to die: the Binance USDⓈ-M futures (binance-hedge) BTC perp short, if BTC rises 4.5%, at 99,365.67.',
    );
    expect(eth?.textContent).toContain(
      'Liquidated: the Binance USDⓈ-M futures (binance-main) ETH perp short, if ETH rises 74.1%',
    );
  });

  it('says so for a leg that cannot be liquidated, and for a coin with none that can', () => {
    const groups = legsByUnderlying(popupLegs(SIX_VENUE_REPORT, labelOf));
    render(<LiquidationLadder groups={groups} horizonHours={24} />);
    const coinm = screen
      .getAllByTestId('ladder-leg')
      .find((rung) => rung.dataset.leg?.startsWith('binance-coinm'));
    expect(coinm?.dataset.level).toBe('none');
    expect(coinm?.querySelector('.rung__track')).toBeNull();
    expect(coinm?.textContent).toContain('no liquidation');
    expect(firstToDieWords({ underlying: 'BTC', legs: [], hedged: false, firstToDie: null })).toBe(
      'None of these legs can be liquidated on its own.',
    );
  });
});
