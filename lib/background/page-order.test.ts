import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePortfolio, resolveInputs } from '../engine';
import { SIX_VENUE_BOOK } from '../../test/portfolios/six-venue-book';
import type { GetTradeImpactRequest } from '../messaging/protocol';
import { pageOrder } from './page-order';

const inputs = resolveInputs(parsePortfolio(SIX_VENUE_BOOK));

const request = (patch: Partial<GetTradeImpactRequest>): GetTradeImpactRequest => ({
  type: 'getTradeImpact',
  venue: 'okx',
  accountId: 'okx-swap',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  orderType: 'limit',
  size: { value: 10, unit: 'contracts' },
  price: 90_000,
  leverage: null,
  reduceOnly: false,
  contractSize: null,
  withProbability: false,
  ...patch,
});

const contractsOf = (patch: Partial<GetTradeImpactRequest>) => {
  const converted = pageOrder(inputs, request(patch));
  if ('refused' in converted) throw new Error(converted.refused.message);
  return converted.order.contracts.toNumber();
};

describe('pageOrder: the form’s size in the venue’s units → contracts', () => {
  it('takes contracts as they are and converts coin and cost through the position’s contract size', () => {
    expect(contractsOf({})).toBe(10);
    // OKX BTC-USDT-SWAP: 0.01 BTC per contract (the position carries it).
    expect(contractsOf({ size: { value: 0.1, unit: 'base' } })).toBeCloseTo(10, 12);
    // A 9,000 USDT order at 90,000 is 0.1 BTC = 10 contracts.
    expect(contractsOf({ size: { value: 9000, unit: 'quote' } })).toBeCloseTo(10, 12);
    // A market order's cost is converted at the mark (95,057.54).
    expect(
      contractsOf({ orderType: 'market', price: null, size: { value: 950.5754, unit: 'quote' } }),
    ).toBeCloseTo(1, 12);
  });

  it('converts inverse sizes in USD per contract (Deribit 10 USD, COIN-M 100 USD)', () => {
    const deribit = { venue: 'deribit', accountId: 'deribit-btc', symbol: 'BTC/USD:BTC' };
    expect(contractsOf({ ...deribit, size: { value: 5000, unit: 'quote' } })).toBe(500);
    // 0.1 BTC at 90,000 is 9,000 USD = 900 Deribit contracts.
    expect(contractsOf({ ...deribit, size: { value: 0.1, unit: 'base' } })).toBeCloseTo(900, 9);
    const coinm = { venue: 'binancecoinm', accountId: 'binance-coinm', symbol: 'BTC/USD:BTC' };
    expect(contractsOf({ ...coinm, size: { value: 9000, unit: 'quote' } })).toBe(90);
  });

  it('uses the form’s contract size, or one coin per contract where the venue defines it so', () => {
    // No ETH position on OKX: the form's "Single contract value 0.1 ETH".
    const eth = { symbol: 'ETH/USDT:USDT', price: 2500 };
    const converted = pageOrder(
      inputs,
      request({ ...eth, size: { value: 1, unit: 'base' }, contractSize: 0.1 }),
    );
    expect('order' in converted && converted.order.contracts.toNumber()).toBeCloseTo(10, 12);
    expect('order' in converted && converted.order.contractSize?.toNumber()).toBe(0.1);
    expect('order' in converted && converted.assumptions.join(' ')).toMatch(
      /^Mark taken as your order's price: no position in .+ carries its mark\.$/,
    );
    // Binance USDⓈ-M quantities are in the coin.
    expect(
      contractsOf({
        venue: 'binanceusdm',
        accountId: 'binance-main',
        ...eth,
        size: { value: 2, unit: 'base' },
      }),
    ).toBe(2);
  });

  it('takes the venue’s published USD per inverse contract for a contract the book does not hold', () => {
    // Deribit's BTC future of 25 Jun 27: no position in it; 10 USD a contract (Deribit's own).
    const dated = pageOrder(
      inputs,
      request({
        venue: 'deribit',
        accountId: 'deribit-btc',
        symbol: 'BTC/USD:BTC-270625',
        size: { value: 1000, unit: 'quote' },
        price: 96_000,
      }),
    );
    expect('order' in dated && dated.order.contracts.toNumber()).toBe(100);
    expect('order' in dated && dated.assumptions).toContain(
      "Contract size taken as the venue's 10 USD per BTC 25 Jun 27 future contract.",
    );
    // Binance COIN-M ETH: 10 USD a contract; 0.5 ETH at 2,500 is 1,250 USD = 125 contracts.
    const eth = pageOrder(
      inputs,
      request({
        venue: 'binancecoinm',
        accountId: 'binance-coinm',
        symbol: 'ETH/USD:ETH',
        size: { value: 0.5, unit: 'base' },
        price: 2500,
      }),
    );
    expect('order' in eth && eth.order.contracts.toNumber()).toBe(125);
  });

  it('converts an initial margin at the order’s leverage, else the position’s, into the notional', () => {
    const binance = { venue: 'binanceusdm', accountId: 'binance-main', symbol: 'BTC/USDT:USDT' };
    // 900 USDT of margin at 20x is an 18,000 USDT order: 0.2 BTC at 90,000.
    expect(contractsOf({ ...binance, leverage: 20, size: { value: 900, unit: 'margin' } })).toBe(
      0.2,
    );
    // No leverage read from the page: the account's BTC position is at 10x.
    const atPosition = pageOrder(
      inputs,
      request({ ...binance, leverage: null, size: { value: 900, unit: 'margin' } }),
    );
    expect('order' in atPosition && atPosition.order.contracts.toNumber()).toBe(0.1);
    expect('order' in atPosition && atPosition.assumptions).toContain(
      "Size taken as your 900 USDT margin at the position's 10x: a 9000 USDT order. The venue's order cost also covers fees, so the order may be a little smaller.",
    );
    // OKX, 0.01 BTC per contract: 900 USDT at 10x is 0.1 BTC = 10 contracts.
    expect(contractsOf({ leverage: 10, size: { value: 900, unit: 'margin' } })).toBeCloseTo(10, 12);
  });

  it('refuses a margin without a leverage, and a margin on an inverse contract', () => {
    const noLeverage = pageOrder(
      inputs,
      request({
        venue: 'binanceusdm',
        accountId: 'binance-main',
        symbol: 'ETH/USDT:USDT',
        price: 2500,
        size: { value: 100, unit: 'margin' },
      }),
    );
    expect('refused' in noLeverage && noLeverage.refused.field).toBe('leverage');
    const inverse = pageOrder(
      inputs,
      request({
        venue: 'deribit',
        accountId: 'deribit-btc',
        symbol: 'BTC/USD:BTC',
        leverage: 10,
        size: { value: 100, unit: 'margin' },
      }),
    );
    expect('refused' in inverse && inverse.refused.field).toBe('size');
  });

  it('refuses what it cannot convert, naming the field', () => {
    const unknownSize = pageOrder(
      inputs,
      request({ symbol: 'ETH/USDT:USDT', size: { value: 1, unit: 'base' } }),
    );
    expect('refused' in unknownSize && unknownSize.refused.field).toBe('contractSize');
    const noMark = pageOrder(
      inputs,
      request({ symbol: 'ETH/USDT:USDT', orderType: 'market', price: null }),
    );
    expect('refused' in noMark && noMark.refused.field).toBe('price');
    const otherVenue = pageOrder(inputs, request({ accountId: 'bybit-hedge' }));
    expect('refused' in otherVenue && otherVenue.refused.field).toBe('accountId');
  });

  it('passes the page’s price, leverage and reduce-only through unchanged', () => {
    const converted = pageOrder(inputs, request({ leverage: 20, reduceOnly: true, price: 91_000 }));
    expect('order' in converted && converted.order).toMatchObject({
      price: new Decimal(91_000),
      leverage: 20,
      reduceOnly: true,
      type: 'limit',
      side: 'buy',
    });
  });
});
