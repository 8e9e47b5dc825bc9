import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { COINM_LEVERAGE_BRACKETS } from '../../../test/fake-exchange/api/fixtures/binance/coinm-leverage-brackets';
import { bracketInForce, parseBinanceBrackets } from './binance-brackets';
import { PayloadReader } from '../api/payload-reader';

const coinm = new PayloadReader('binancecoinm', 'GET /dapi/v2/leverageBracket');

describe('parseBinanceBrackets', () => {
  it('reads COIN-M floors under the documented key `qtylFloor` and under `qtyFloor`', () => {
    const documented = parseBinanceBrackets(COINM_LEVERAGE_BRACKETS, coinm, 'coinQuantity');
    const respelt = parseBinanceBrackets(
      COINM_LEVERAGE_BRACKETS.map((entry) => ({
        ...entry,
        brackets: (entry.brackets as Record<string, unknown>[]).map(({ qtylFloor, ...row }) => ({
          ...row,
          qtyFloor: qtylFloor,
        })),
      })),
      coinm,
      'coinQuantity',
    );
    expect(respelt).toEqual(documented);
    expect(documented.get('ETHUSD_PERP')).toEqual([
      {
        floor: '0',
        cap: '500',
        maintenanceMarginRate: '0.005',
        maintenanceAmount: '0',
        maxLeverage: 75,
      },
      {
        floor: '500',
        cap: '2500',
        maintenanceMarginRate: '0.0065',
        maintenanceAmount: '0.75',
        maxLeverage: 50,
      },
      {
        floor: '2500',
        cap: '10000',
        maintenanceMarginRate: '0.01',
        maintenanceAmount: '9.5',
        maxLeverage: 25,
      },
    ]);
  });

  it('refuses a rate given in percent, a table not starting at 0 and an empty table', () => {
    const row = {
      bracket: 1,
      initialLeverage: 125,
      qtyCap: 50,
      qtylFloor: 0,
      maintMarginRatio: 0.004,
      cum: 0,
    };
    expect(() =>
      parseBinanceBrackets(
        [{ symbol: 'BTCUSD_PERP', brackets: [{ ...row, maintMarginRatio: 0.4 * 100 }] }],
        coinm,
        'coinQuantity',
      ),
    ).toThrow(
      'binancecoinm GET /dapi/v2/leverageBracket: [0] "BTCUSD_PERP" brackets[0] maintMarginRatio must be a fraction below 1, got "40"',
    );
    expect(() =>
      parseBinanceBrackets(
        [{ symbol: 'BTCUSD_PERP', brackets: [{ ...row, qtylFloor: 5 }] }],
        coinm,
        'coinQuantity',
      ),
    ).toThrow('brackets[0] qtylFloor must continue the previous bracket at 0, got 5');
    expect(() =>
      parseBinanceBrackets([{ symbol: 'BTCUSD_PERP', brackets: [] }], coinm, 'coinQuantity'),
    ).toThrow('[0] "BTCUSD_PERP" brackets must list at least one bracket');
  });
});

describe('bracketInForce', () => {
  const tiers =
    parseBinanceBrackets(COINM_LEVERAGE_BRACKETS, coinm, 'coinQuantity').get('BTCUSD_PERP') ?? [];

  it('holds a size in (floor, cap], 0 in the first bracket, beyond the last cap in the last', () => {
    expect(bracketInForce(tiers, new Decimal(0))?.floor).toBe('0');
    expect(bracketInForce(tiers, new Decimal(50))?.floor).toBe('0');
    expect(bracketInForce(tiers, new Decimal('50.00000001'))?.floor).toBe('50');
    expect(bracketInForce(tiers, new Decimal(5000))?.floor).toBe('250');
  });
});
