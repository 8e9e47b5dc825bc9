import { describe, expect, it } from 'vitest';
import { parseGateTakerFee } from './gate-trade-fee';

describe('parseGateTakerFee (GET /api/v4/futures/usdt/fee)', () => {
  it('reads the contract’s taker fee as the rate charged at liquidation', () => {
    expect(
      parseGateTakerFee({ BTC_USDT: { taker_fee: '0.0005', maker_fee: '0.0002' } }, 'BTC_USDT'),
    ).toEqual({ charged: '0.0005' });
  });

  it('reads a negative taker fee as a rebate, no charge', () => {
    expect(parseGateTakerFee({ BTC_USDT: { taker_fee: '-0.0001' } }, 'BTC_USDT')).toEqual({
      rebate: '0.0001',
    });
  });

  it('refuses an answer without the contract, naming it', () => {
    expect(() => parseGateTakerFee({}, 'BTC_USDT')).toThrow(
      'gate GET /api/v4/futures/usdt/fee?contract=BTC_USDT: "BTC_USDT" must be an object, got nothing',
    );
  });
});
