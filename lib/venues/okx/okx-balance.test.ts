import { describe, expect, it } from 'vitest';
import { okxAccount } from '../../../test/fake-exchange/api/fixtures/okx/okx-accounts';
import type { PortfolioFilePosition } from '../api/venue-api-types';
import {
  okxAccountVenueReported,
  okxCurrencyVenueReported,
  parseOkxBalance,
  type OkxCurrencyBalance,
} from './okx-balance';

/**
 * OKX's figures are cross figures (Get balance, https://www.okx.com/docs-v5/en/#trading-account-
 * rest-api-get-balance: currency `mmr` "Cross maintenance margin requirement at the currency
 * level", account `mmr` "… under cross-margin mode"); the positions' own `mmr` is each
 * position's "Maintenance margin requirement" (Get positions). Balances: the fake's account
 * (test/fake-exchange/api/fixtures/okx/okx-accounts.ts, figures computed there): USDT cross mmr
 * 132.2048 and mgnRatio 49.6668804764 for a cross ETH long beside an isolated ETH short of mmr
 * 52.88192; multi-currency `adjEq` 26,014.374337, `mmr` 282.1140685, `mgnRatio` 92.212254693.
 */
const response = (level: '2' | '3') => ({ code: '0', msg: '', data: [okxAccount(level).balance] });
const singleCurrency = parseOkxBalance(response('2'));
const usdt = singleCurrency.currencies.find(
  (entry) => entry.currency === 'USDT',
) as OkxCurrencyBalance;

const CROSS_LONG: PortfolioFilePosition = {
  symbol: 'ETH/USDT:USDT',
  side: 'long',
  contracts: '100',
  entryPrice: '3180.5',
  markPrice: '3305.12',
  venueReported: { maintenanceMargin: '132.2048' },
};
const ISOLATED_SHORT: PortfolioFilePosition = {
  symbol: 'ETH/USDT:USDT',
  side: 'short',
  contracts: '40',
  entryPrice: '3350',
  markPrice: '3305.12',
  marginMode: 'isolated',
  isolatedMargin: '2680',
  venueReported: { maintenanceMargin: '52.88192' },
};

describe('OKX currency figures (single-currency margin)', () => {
  it('are OKX’s cross figures, ratio inverted, when every position is cross', () => {
    expect(okxCurrencyVenueReported(usdt, [CROSS_LONG])).toEqual({
      marginRatio: '0.020134141512575281222', // 1 / 49.6668804764
      maintenanceMargin: '132.2048',
    });
  });

  it('add the isolated positions’ mmr to the cross mmr and leave the cross-only ratio out', () => {
    expect(okxCurrencyVenueReported(usdt, [CROSS_LONG, ISOLATED_SHORT])).toEqual({
      maintenanceMargin: '185.08672',
    });
  });

  it('count a cross mmr of 0 when only isolated positions are held (OKX leaves it "")', () => {
    const isolatedOnly = { ...usdt, venueReported: undefined };
    expect(okxCurrencyVenueReported(isolatedOnly, [ISOLATED_SHORT])).toEqual({
      maintenanceMargin: '52.88192',
    });
  });

  it('give nothing rather than part of the sum when a figure is missing', () => {
    const noCrossMmr = { ...usdt, venueReported: undefined };
    expect(okxCurrencyVenueReported(noCrossMmr, [CROSS_LONG, ISOLATED_SHORT])).toBeUndefined();
    const withoutFigures: PortfolioFilePosition = { ...ISOLATED_SHORT, venueReported: {} };
    expect(okxCurrencyVenueReported(usdt, [CROSS_LONG, withoutFigures])).toBeUndefined();
  });
});

describe('OKX account figures (multi-currency and portfolio margin)', () => {
  const multiCurrency = parseOkxBalance(response('3'));

  it('are adjEq, mmr and the inverted mgnRatio (USD) when every position is cross', () => {
    expect(okxAccountVenueReported(multiCurrency, [CROSS_LONG])).toEqual({
      marginRatio: '0.010844545590271873258', // 1 / 92.212254693
      maintenanceMargin: '282.1140685',
      equity: '26014.374337',
    });
  });

  it('are left out beside an isolated position, which OKX’s cross figures do not count', () => {
    expect(okxAccountVenueReported(multiCurrency, [CROSS_LONG, ISOLATED_SHORT])).toBeUndefined();
  });
});

describe('each currency’s USD price as OKX values it (eqUsd / eq)', () => {
  it('USDT 9,425.72 / 9,425.72 = 1, BTC 19,448.174337 / 0.2047176246; none where eq is 0 or ""', () => {
    const byCurrency = (currency: string) =>
      singleCurrency.currencies.find((entry) => entry.currency === currency)?.usdPrice;
    expect(byCurrency('USDT')).toBe('1');
    expect(Number(byCurrency('BTC'))).toBeCloseTo(19448.174337 / 0.2047176246, 9);
    const zero = parseOkxBalance({
      code: '0',
      msg: '',
      data: [{ details: [{ ccy: 'ETH', cashBal: '0', eq: '0', eqUsd: '0' }] }],
    });
    expect(zero.currencies[0]?.usdPrice).toBeUndefined();
    const blank = parseOkxBalance({
      code: '0',
      msg: '',
      data: [{ details: [{ ccy: 'ETH', cashBal: '1', eq: '', eqUsd: '' }] }],
    });
    expect(blank.currencies[0]?.usdPrice).toBeUndefined();
  });
});

describe('each currency’s collateralEnabled (switched off as collateral: false)', () => {
  const one = (fields: object) =>
    parseOkxBalance({
      code: '0',
      msg: '',
      data: [{ details: [{ ccy: 'ETH', cashBal: '1', eq: '1', eqUsd: '3000', ...fields }] }],
    });
  it('reads true and false, and an absent field as enabled', () => {
    expect(one({ collateralEnabled: false }).currencies[0]?.collateralEnabled).toBe(false);
    expect(one({ collateralEnabled: true }).currencies[0]?.collateralEnabled).toBe(true);
    expect(one({}).currencies[0]?.collateralEnabled).toBe(true);
  });
  it('refuses a value that is not a JSON boolean, naming the field', () => {
    expect(() => one({ collateralEnabled: 'false' })).toThrow(
      /data\[0\]\.details\[0\] "ETH" collateralEnabled/,
    );
  });
});
