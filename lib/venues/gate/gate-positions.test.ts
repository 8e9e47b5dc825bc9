import { describe, expect, it } from 'vitest';
import { gateAccount } from '../../../test/fake-exchange/api/fixtures/gate/gate-accounts';
import { readGatePositionRow, toGatePortfolioPosition } from './gate-positions';

const [BTC_CROSS, ETH_ISOLATED] = gateAccount().positions;

describe('readGatePositionRow (GET /api/v4/futures/usdt/positions)', () => {
  it('reads leverage 0 as cross, with cross_leverage_limit as its leverage', () => {
    expect(readGatePositionRow(BTC_CROSS, 0)).toMatchObject({
      contract: 'BTC_USDT',
      marginMode: 'cross',
      side: 'long',
      contracts: '3000',
      leverage: '10',
      isolatedMargin: undefined,
      liquidationPrice: '58998.8',
    });
  });

  it('reads a positive leverage as isolated with its margin, and a negative size as a short', () => {
    expect(readGatePositionRow(ETH_ISOLATED, 1)).toMatchObject({
      marginMode: 'isolated',
      side: 'short',
      contracts: '200',
      isolatedMargin: '620',
    });
  });

  it('drops an empty position and reads a liquidation price of "0" as unknown', () => {
    expect(readGatePositionRow({ ...BTC_CROSS, size: 0 }, 0)).toBeUndefined();
    expect(readGatePositionRow({ ...BTC_CROSS, liq_price: '0' }, 0)?.liquidationPrice).toBe(
      undefined,
    );
  });

  it('reads dual mode legs as hedge legs, and refuses a leg whose sign contradicts its mode', () => {
    const row = readGatePositionRow({ ...ETH_ISOLATED, mode: 'dual_short' }, 0);
    if (row === undefined) throw new Error('no position');
    const position = toGatePortfolioPosition(row, {
      symbol: 'ETH/USDT:USDT',
      contractSize: '0.01',
    });
    expect(position.positionSide).toBe('short');
    expect(() => readGatePositionRow({ ...ETH_ISOLATED, mode: 'dual_long' }, 3)).toThrow(
      'gate GET /api/v4/futures/usdt/positions: [3] "ETH_USDT" size -200 has the wrong sign for mode "dual_long"',
    );
  });

  it('refuses a fractional size, naming the position', () => {
    expect(() => readGatePositionRow({ ...BTC_CROSS, size: 1.5 }, 0)).toThrow(
      '[0] "BTC_USDT" size must be whole contracts, got 1.5',
    );
  });
});
