import { describe, expect, it } from 'vitest';
import {
  bybitFeeRate,
  bybitFeeRates,
} from '../../../test/fake-exchange/api/fixtures/bybit/bybit-fee-rates';
import { parseBybitTakerFee } from './bybit-fee-rate';

const answer = (list: readonly unknown[]) => ({
  retCode: 0,
  retMsg: 'OK',
  result: { list },
  retExtInfo: {},
  time: 1795521600000,
});

describe('parseBybitTakerFee', () => {
  it('reads the symbol’s taker rate as the fee charged, Bybit’s decimal string kept', () => {
    expect(
      parseBybitTakerFee(answer(bybitFeeRates('linear', null) ?? []), 'linear', 'BTCUSDT'),
    ).toEqual({
      charged: '0.00055',
    });
    // The documented example's row.
    const documented = { symbol: 'ETHUSDT', takerFeeRate: '0.0006', makerFeeRate: '0.0001' };
    expect(parseBybitTakerFee(answer([documented]), 'linear', 'ETHUSDT')).toEqual({
      charged: '0.0006',
    });
  });

  it('gives a negative taker rate as a rebate, not a charge', () => {
    const row = { ...bybitFeeRate('BTCUSD'), takerFeeRate: '-0.0001' };
    expect(parseBybitTakerFee(answer([row]), 'inverse', 'BTCUSD')).toEqual({ rebate: '0.0001' });
  });

  it('refuses a missing rate, a rate beyond 1%, and two rows for the symbol', () => {
    const row = bybitFeeRate('BTCUSDT');
    expect(() =>
      parseBybitTakerFee(answer([{ ...row, takerFeeRate: '' }]), 'linear', 'BTCUSDT'),
    ).toThrow(
      'bybit GET /v5/account/fee-rate?category=linear&symbol=BTCUSDT: result.list "BTCUSDT" takerFeeRate',
    );
    expect(() =>
      parseBybitTakerFee(answer([{ ...row, takerFeeRate: '0.055' }]), 'linear', 'BTCUSDT'),
    ).toThrow('result.list "BTCUSDT" takerFeeRate is 0.055, not a fee rate (at most 1%)');
    expect(() => parseBybitTakerFee(answer([row, row]), 'linear', 'BTCUSDT')).toThrow(
      'result.list holds 2 fee rates for "BTCUSDT", expected 1',
    );
  });

  it('gives an answer without the symbol as an unknown rate, not a failed read', () => {
    // The position then carries no rate and the report says so (feeToClose.takerFeeRate null).
    expect(parseBybitTakerFee(answer([]), 'linear', 'BTCUSDT')).toEqual({ unknown: true });
  });
});
