import { describe, expect, it } from 'vitest';
import { DERIBIT_VENUE } from '../../venues/deribit/deribit-venue';
import { DERIBIT_PAGE } from './deribit-page';

const page = (url: string) => DERIBIT_PAGE.instrumentFromUrl(url);

describe('DERIBIT_PAGE.instrumentFromUrl', () => {
  it.each([
    ['https://www.deribit.com/futures/BTC-PERPETUAL', 'BTC/USD:BTC', 'BTC', 'perpetual'],
    ['https://www.deribit.com/futures/ETH-PERPETUAL?tab=orders', 'ETH/USD:ETH', 'ETH', 'perpetual'],
    ['https://www.deribit.com/futures/SOL_USDC-PERPETUAL', 'SOL/USDC:USDC', 'SOL', 'perpetual'],
    ['https://www.deribit.com/futures/BTC-25JUN27', 'BTC/USD:BTC-270625', 'BTC', 'future'],
    ['https://www.deribit.com/futures/BTC-3JAN25/', 'BTC/USD:BTC-250103', 'BTC', 'future'],
  ])('reads %s', (url, symbol, underlying, kind) => {
    expect(page(url)).toEqual({ venue: 'deribit', symbol, underlying, kind });
  });

  it.each([
    ['https://www.deribit.com/options/BTC', 'BTC'],
    ['https://www.deribit.com/options/ETH/', 'ETH'],
    ['https://www.deribit.com/options/BTC/BTC-10JAN25', 'BTC'],
  ])('reads the option chain on %s (one expiry or all)', (url, underlying) => {
    expect(page(url)).toEqual({
      venue: 'deribit',
      symbol: null,
      underlying,
      kind: 'option-chain',
    });
  });

  it.each([
    'https://www.deribit.com/futures',
    'https://www.deribit.com/futures/BTC',
    'https://www.deribit.com/futures/BTC-30FEB27',
    'https://www.deribit.com/futures/BTC-25XYZ27',
    'https://www.deribit.com/futures/BTC-FS-25JUN27_PERP',
    'https://www.deribit.com/options/BTC/ETH-10JAN25',
    'https://www.deribit.com/options/BTC/BTC-32JAN25',
    'https://www.deribit.com/options/BTC/BTC-10JAN25/BTC-10JAN25-100000-C',
    'https://www.deribit.com/en/futures/BTC-PERPETUAL',
    'https://www.deribit.com/main#/futures/BTC-PERPETUAL',
    'https://test.deribit.com/futures/BTC-PERPETUAL',
    'https://www.deribit.com.evil.example/futures/BTC-PERPETUAL',
    'https://www.deribit.com/futures/BTC-PERPETUAL%zz',
  ])('ignores %s', (url) => {
    expect(page(url)).toBeNull();
  });

  it('has the venue descriptor’s page matches', () => {
    expect(DERIBIT_PAGE.matches).toBe(DERIBIT_VENUE.pageMatches);
  });
});
