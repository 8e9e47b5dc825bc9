import { describe, expect, it } from 'vitest';
import { parseBybitCollateralRatios } from './bybit-collateral-ratios';

/**
 * `GET /v5/spot-margin-trade/collateral` as documented (docs/v5/spot-margin-uta/
 * tier-collateral-ratio): the docs' own response example, BTC 0–1,000,000 at 0.85, above at 0.
 */
const DOCS_EXAMPLE = {
  retCode: 0,
  retMsg: 'OK',
  result: {
    list: [
      {
        currency: 'BTC',
        collateralRatioList: [
          { minQty: '0', maxQty: '1000000', collateralRatio: '0.85' },
          { minQty: '1000000', maxQty: '', collateralRatio: '0' },
        ],
      },
    ],
  },
  retExtInfo: '{}',
  time: 1739848984945,
};

function withRows(rows: readonly object[]) {
  return { result: { list: [{ currency: 'BTC', collateralRatioList: rows }] } };
}

describe('parseBybitCollateralRatios', () => {
  it('reads the documented example into a file table by coin quantity', () => {
    expect(parseBybitCollateralRatios(DOCS_EXAMPLE, 'BTC', '2026-11-24T12:00:00Z')).toEqual({
      venue: 'bybit',
      asset: 'BTC',
      source: 'Bybit GET /v5/spot-margin-trade/collateral',
      asOf: '2026-11-24T12:00:00Z',
      tiers: [
        { floor: '0', cap: '1000000', collateralRate: '0.85' },
        { floor: '1000000', cap: null, collateralRate: '0' },
      ],
    });
  });

  it('names the coin, row and field of a malformed answer', () => {
    const endpoint = 'bybit GET /v5/spot-margin-trade/collateral?currency=BTC';
    expect(() => parseBybitCollateralRatios(DOCS_EXAMPLE, 'ETH', 'x')).toThrow(
      'bybit GET /v5/spot-margin-trade/collateral?currency=ETH: result.list has no entry for "ETH"',
    );
    expect(() =>
      parseBybitCollateralRatios(
        withRows([
          { minQty: '0', maxQty: '10', collateralRatio: '0.9' },
          { minQty: '12', maxQty: '', collateralRatio: '0.8' },
        ]),
        'BTC',
        'x',
      ),
    ).toThrow(
      `${endpoint}: result.list "BTC" collateralRatioList[1] minQty 12 does not continue the previous cap (10)`,
    );
    expect(() =>
      parseBybitCollateralRatios(
        withRows([{ minQty: '0', maxQty: '', collateralRatio: '85' }]),
        'BTC',
        'x',
      ),
    ).toThrow('collateralRatioList[0] collateralRatio is a fraction in [0, 1]');
    expect(() => parseBybitCollateralRatios(withRows([]), 'BTC', 'x')).toThrow(
      `${endpoint}: result.list "BTC" collateralRatioList is empty`,
    );
  });
});
