import { describe, expect, it } from 'vitest';
import { okxSwapTradeFee } from '../../../test/fake-exchange/api/fixtures/okx/okx-trade-fee';
import { parseOkxTakerFee } from './okx-trade-fee';

const answer = (row: Record<string, unknown>) => ({ code: '0', msg: '', data: [row] });

describe('parseOkxTakerFee', () => {
  it('reads the rate of the margin currency, OKX’s negative fee as a charge', () => {
    const response = answer(okxSwapTradeFee('ETH-USDT'));
    expect(parseOkxTakerFee(response, 'ETH-USDT', 'USDT')).toEqual({ charged: '0.0005' });
    expect(parseOkxTakerFee(response, 'ETH-USDC', 'USDC')).toEqual({ charged: '0.0005' });
    expect(parseOkxTakerFee(response, 'BTC-USD', 'BTC')).toEqual({ charged: '0.00045' });
  });

  it('gives a taker rebate as a rebate, not a charge', () => {
    const response = answer({ ...okxSwapTradeFee('ETH-USDT'), takerU: '0.0001' });
    expect(parseOkxTakerFee(response, 'ETH-USDT', 'USDT')).toEqual({ rebate: '0.0001' });
  });

  it('refuses a missing rate, a rate beyond 1%, and an answer with no or several schedules', () => {
    const row = okxSwapTradeFee('ETH-USDT');
    expect(() => parseOkxTakerFee(answer({ ...row, takerU: '' }), 'ETH-USDT', 'USDT')).toThrow(
      'data[0] takerU',
    );
    expect(() => parseOkxTakerFee(answer({ ...row, takerU: '-0.05' }), 'ETH-USDT', 'USDT')).toThrow(
      'data[0] takerU is -0.05, not a fee rate (at most 1%)',
    );
    expect(() => parseOkxTakerFee({ code: '0', msg: '', data: [] }, 'ETH-USDT', 'USDT')).toThrow(
      'data holds 0 fee schedules for ETH-USDT, expected 1',
    );
  });
});
