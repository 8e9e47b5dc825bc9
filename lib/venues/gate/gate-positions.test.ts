import { describe, expect, it } from 'vitest';
import { gateAccount } from '../../../test/fake-exchange/api/fixtures/gate/gate-accounts';
import { readGatePositionRow, toGatePortfolioPosition } from './gate-positions';

const [BTC_CROSS, ETH_ISOLATED] = gateAccount().positions;

describe('readGatePositionRow (GET /api/v4/futures/usdt/positions)', () => {
  it('reads pos_margin_mode and lever first (Gate’s current form: leverage and cross_leverage_limit "0")', () => {
    expect(readGatePositionRow(BTC_CROSS, 0)).toMatchObject({
      contract: 'BTC_USDT',
      marginMode: 'cross',
      side: 'long',
      contracts: '3000',
      leverage: '10',
      isolatedMargin: undefined,
      liquidationPrice: '58998.8',
    });
    expect(readGatePositionRow(ETH_ISOLATED, 1)).toMatchObject({
      marginMode: 'isolated',
      side: 'short',
      contracts: '200',
      leverage: '10',
      isolatedMargin: '620',
    });
  });

  it('reads Gate’s documented example row: leverage "0", cross_leverage_limit "0", isolated, lever "30"', () => {
    const row = {
      ...ETH_ISOLATED,
      leverage: '0',
      cross_leverage_limit: '0',
      pos_margin_mode: 'isolated',
      lever: '30',
    };
    expect(readGatePositionRow(row, 0)).toMatchObject({ marginMode: 'isolated', leverage: '30' });
  });

  it('reads the older form without pos_margin_mode: leverage 0 is cross at cross_leverage_limit, "0" not given', () => {
    const older = (fields: Record<string, unknown>) => {
      const rest = Object.fromEntries(
        Object.entries(BTC_CROSS ?? {}).filter(
          ([key]) => key !== 'pos_margin_mode' && key !== 'lever',
        ),
      );
      return readGatePositionRow({ ...rest, ...fields }, 0);
    };
    expect(older({ leverage: '0', cross_leverage_limit: '10' })).toMatchObject({
      marginMode: 'cross',
      leverage: '10',
    });
    expect(older({ leverage: '0', cross_leverage_limit: '0' })).toMatchObject({
      marginMode: 'cross',
      leverage: undefined,
    });
    expect(older({ leverage: '20', margin: '1372.5' })).toMatchObject({
      marginMode: 'isolated',
      leverage: '20',
      isolatedMargin: '1372.5',
    });
    expect(() => older({ leverage: '' })).toThrow(
      '[0] "BTC_USDT" leverage must be a decimal number',
    );
  });

  it('refuses fields that contradict each other, by name', () => {
    expect(() => readGatePositionRow({ ...BTC_CROSS, leverage: '20' }, 0)).toThrow(
      '[0] "BTC_USDT" pos_margin_mode "cross" contradicts leverage 20 (a positive leverage is isolated margin)',
    );
    expect(() => readGatePositionRow({ ...ETH_ISOLATED, leverage: '5', lever: '10' }, 1)).toThrow(
      '[1] "ETH_USDT" lever 10 contradicts leverage 5',
    );
    expect(() => readGatePositionRow({ ...BTC_CROSS, pos_margin_mode: 'portfolio' }, 0)).toThrow(
      'pos_margin_mode must be one of "cross", "isolated"',
    );
  });

  it('drops an empty position and reads a liquidation price of "0" or Gate’s "99999999" as unknown', () => {
    expect(readGatePositionRow({ ...BTC_CROSS, size: '0' }, 0)).toBeUndefined();
    expect(readGatePositionRow({ ...BTC_CROSS, liq_price: '0' }, 0)?.liquidationPrice).toBe(
      undefined,
    );
    expect(readGatePositionRow({ ...BTC_CROSS, liq_price: '99999999' }, 0)?.liquidationPrice).toBe(
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

  it('reads size as Gate’s string, fractional contracts included (the model types it `str`)', () => {
    expect(readGatePositionRow({ ...BTC_CROSS, size: '1.5' }, 0)?.contracts).toBe('1.5');
    expect(readGatePositionRow({ ...ETH_ISOLATED, size: '-0.25' }, 1)).toMatchObject({
      side: 'short',
      contracts: '0.25',
    });
    expect(readGatePositionRow({ ...BTC_CROSS, size: 3000 }, 0)?.contracts).toBe('3000');
    expect(() => readGatePositionRow({ ...BTC_CROSS, size: 'abc' }, 0)).toThrow(
      '[0] "BTC_USDT" size must be a number',
    );
  });
});
