import { describe, expect, it } from 'vitest';
import { BadResponse } from 'ccxt-src/base/errors.js';
import { parseOkxDiscountRates } from './okx-discount-rates';

/**
 * `GET /api/v5/public/discount-rate-interest-free-quota` as documented
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-discount-rate-and-interest-free-quota,
 * read 2026-12-07): the docs' own response example, BTC 0–20 at 0.98, 20–25 at 0.9775,
 * `minDiscountRate` 0 beyond the last tier.
 */
const DOCS_EXAMPLE = {
  code: '0',
  data: [
    {
      amt: '0',
      ccy: 'BTC',
      collateralRestrict: false,
      details: [
        {
          discountRate: '0.98',
          liqPenaltyRate: '0.02',
          maxAmt: '20',
          minAmt: '0',
          tier: '1',
          disCcyEq: '1000',
        },
        {
          discountRate: '0.9775',
          liqPenaltyRate: '0.0225',
          maxAmt: '25',
          minAmt: '20',
          tier: '2',
          disCcyEq: '2000',
        },
      ],
      discountLv: '1',
      minDiscountRate: '0',
    },
  ],
  msg: '',
};

function withDetails(details: readonly object[], minDiscountRate: unknown = '0') {
  return { code: '0', msg: '', data: [{ ccy: 'BTC', details, minDiscountRate }] };
}

const AS_OF = '2026-12-07T12:00:00Z';

describe('parseOkxDiscountRates', () => {
  it('reads the documented example into a file table by amount of the currency, closed at minDiscountRate', () => {
    expect(parseOkxDiscountRates(DOCS_EXAMPLE, 'BTC', AS_OF)).toEqual({
      venue: 'okx',
      asset: 'BTC',
      source: 'OKX GET /api/v5/public/discount-rate-interest-free-quota',
      asOf: AS_OF,
      tiers: [
        { floor: '0', cap: '20', collateralRate: '0.98' },
        { floor: '20', cap: '25', collateralRate: '0.9775' },
        { floor: '25', cap: null, collateralRate: '0' },
      ],
    });
  });

  it('an unbounded last tier (maxAmt "") needs no minDiscountRate; rows are sorted', () => {
    const table = parseOkxDiscountRates(
      withDetails(
        [
          { minAmt: '1000', maxAmt: '', discountRate: '0.9' },
          { minAmt: '0', maxAmt: '1000', discountRate: '0.98' },
        ],
        '',
      ),
      'BTC',
      AS_OF,
    );
    expect(table?.tiers).toEqual([
      { floor: '0', cap: '1000', collateralRate: '0.98' },
      { floor: '1000', cap: null, collateralRate: '0.9' },
    ]);
  });

  it.each([
    [
      'a gap between tiers',
      withDetails([
        { minAmt: '0', maxAmt: '20', discountRate: '0.98' },
        { minAmt: '21', maxAmt: '25', discountRate: '0.97' },
      ]),
      'data "BTC" details[1] minAmt 21 does not continue the previous cap (20)',
    ],
    [
      'a rate above 1',
      withDetails([{ minAmt: '0', maxAmt: '', discountRate: '1.2' }]),
      'data "BTC" details[0] discountRate is a fraction in [0, 1] (0.95 for 95%), got 1.2',
    ],
    [
      'a bounded last tier without minDiscountRate',
      withDetails([{ minAmt: '0', maxAmt: '20', discountRate: '0.98' }], ''),
      'data "BTC" minDiscountRate must be a decimal number, got ""',
    ],
  ])('%s is a malformed answer naming the field', (_, payload, message) => {
    expect(() => parseOkxDiscountRates(payload, 'BTC', AS_OF)).toThrow(BadResponse);
    expect(() => parseOkxDiscountRates(payload, 'BTC', AS_OF)).toThrow(
      `okx GET /api/v5/public/discount-rate-interest-free-quota?ccy=BTC: ${message}`,
    );
  });
});

describe('parseOkxDiscountRates: a currency OKX does not list', () => {
  it('gives no table (the engine then refuses the account naming the currency), not a malformed answer', () => {
    expect(parseOkxDiscountRates({ code: '0', msg: '', data: [] }, 'BTC', AS_OF)).toBeUndefined();
  });
});
