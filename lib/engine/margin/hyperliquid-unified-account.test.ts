import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { hyperliquidAccountMargin } from './hyperliquid';
import type { MarginContext } from './venue-context';

/**
 * A Hyperliquid account in unified account mode is one account per collateral token across the
 * dexes using it (lib/venues/hyperliquid/hyperliquid-unified-account.ts): Hyperliquid's cross
 * account on the token's spot balance, isolated positions inside it on their own margin.
 *
 * Venue figures derived from Hyperliquid's published "Unified Account Ratio"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes, read
 * 2026-12-07): per collateral token,
 *   available = spot total − Σ isolated marginUsed,  ratio = Σ crossMaintenanceMarginUsed / available
 * (the token skipped when available ≤ 0), maintenance margin = notional / (2 × max leverage) and
 * liquidation when equity falls below it (trading/liquidations), the other positions at mark:
 *   liq = price − side · (available − cross MM) / size / (1 − l · side),  l = 1 / (2 × max leverage).
 *
 * USDC, spot total 5,000 (the positions' P&L in it):
 * - first dex ETH cross short 10 @ 3,000, mark 3,400, max 25x: P&L −4,000, notional 34,000,
 *   MM 680;
 * - xyz:NVDA cross long 50 @ 180, mark 200, max 10x: P&L +1,000, notional 10,000, MM 500;
 * - first dex SOL isolated long 100 @ 150, mark 140, max 20x, 3,000 of isolated margin: P&L
 *   −1,000, marginUsed 2,000, MM 350.
 * available = 5,000 − 2,000 = 3,000; cross MM = 1,180; ratio = 1,180 / 3,000 = 0.39333…;
 * margin available 1,820:
 *   ETH liq = 3,400 + 1,820 / 10 / 1.02 = 3578.43137255 (8 decimals);
 *   NVDA liq = 200 − 1,820 / 50 / 0.95 = 161.68421053;
 *   SOL liq (its own margin) = 140 − (2,000 − 350) / 100 / 0.975 = 123.07692308.
 * In the portfolio file the balance is the spot total less every position's P&L (the deposit the
 * engine adds P&L back to): 5,000 − (−4,000 + 1,000 − 1,000) = 9,000.
 */
const CONTEXT: MarginContext = { asOf: '2026-12-07T00:00:00Z', underlyingPrice: () => undefined };

function unifiedUsdcAccount(balance: string) {
  const portfolio = parsePortfolio({
    version: 1,
    asOf: '2026-12-07T00:00:00Z',
    accounts: [
      {
        id: 'hl',
        venue: 'hyperliquid',
        marginMode: 'cross',
        positionMode: 'oneway',
        balances: [{ asset: 'USDC', total: balance }],
        positions: [
          {
            symbol: 'ETH/USDC:USDC',
            side: 'short',
            contracts: '10',
            entryPrice: '3000',
            markPrice: '3400',
            leverage: 5,
            maxLeverage: 25,
          },
          {
            symbol: 'XYZ-NVDA/USDC:USDC',
            side: 'long',
            contracts: '50',
            entryPrice: '180',
            markPrice: '200',
            leverage: 5,
            maxLeverage: 10,
          },
          {
            symbol: 'SOL/USDC:USDC',
            side: 'long',
            contracts: '100',
            entryPrice: '150',
            markPrice: '140',
            leverage: 5,
            marginMode: 'isolated',
            isolatedMargin: '3000',
            maxLeverage: 20,
          },
        ],
      },
    ],
  });
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return hyperliquidAccountMargin(account, CONTEXT);
}

/** The published ratio's `available` and cross maintenance margin, from the engine's figures. */
function crossFigures(margin: ReturnType<typeof hyperliquidAccountMargin>) {
  const cross = margin.positions.filter((position) => position.marginMode === 'cross');
  const isolated = margin.positions.filter((position) => position.marginMode === 'isolated');
  // An isolated position's marginUsed: its 3,000 of margin plus its P&L.
  const isolatedMarginUsed = isolated.reduce(
    (sum, position) => sum + 3000 + position.unrealizedPnl,
    0,
  );
  return {
    available: margin.equity - isolatedMarginUsed,
    crossMaintenance: cross.reduce((sum, position) => sum + position.maintenanceMargin, 0),
  };
}

describe('Hyperliquid unified account (one account per collateral token across dexes)', () => {
  it('has the spot total as equity and the published ratio on its cross positions', () => {
    const margin = unifiedUsdcAccount('9000');
    expect(margin.settle).toBe('USDC');
    expect(margin.equity).toBeCloseTo(5000, 9);
    const { available, crossMaintenance } = crossFigures(margin);
    expect(available).toBeCloseTo(3000, 9);
    expect(crossMaintenance).toBeCloseTo(1180, 9);
    expect(crossMaintenance / available).toBeCloseTo(1180 / 3000, 12);
    // The account's maintenance margin holds the isolated position's too: 1,180 + 350.
    expect(margin.maintenanceMargin).toBeCloseTo(1530, 9);
  });

  it('liquidates each cross position where the pooled cross equity meets the cross MM', () => {
    const margin = unifiedUsdcAccount('9000');
    const liquidation = Object.fromEntries(
      margin.positions.map((position) => [position.symbol, position.liquidationPrice]),
    );
    // The venue's figures of the module's doc, written to 8 decimals.
    expect(liquidation['ETH/USDC:USDC']).toBeCloseTo(3578.43137255, 7);
    expect(liquidation['XYZ-NVDA/USDC:USDC']).toBeCloseTo(161.68421053, 7);
    expect(liquidation['SOL/USDC:USDC']).toBeCloseTo(123.07692308, 7);
  });

  it('shows cross positions past liquidation when available ≤ 0, where the published ratio skips the token', () => {
    // Spot total 1,800: available = 1,800 − 2,000 = −200; the published function leaves the
    // token out (no ratio), but the cross equity is below the cross MM of 1,180.
    const margin = unifiedUsdcAccount('5800');
    const { available, crossMaintenance } = crossFigures(margin);
    expect(margin.equity).toBeCloseTo(1800, 9);
    expect(available).toBeCloseTo(-200, 9);
    expect(available).toBeLessThan(crossMaintenance);
    // The short ETH's liquidation price is already below its mark: −200 − 1,180 = −1,380 of
    // margin available, 3,400 − 1,380 / 10 / 1.02.
    const eth = margin.positions.find((position) => position.symbol === 'ETH/USDC:USDC');
    expect(eth?.liquidationPrice).toBeCloseTo(3400 - 1380 / 10 / 1.02, 7);
    expect(eth?.liquidationPrice ?? Number.POSITIVE_INFINITY).toBeLessThan(3400);
  });
});
