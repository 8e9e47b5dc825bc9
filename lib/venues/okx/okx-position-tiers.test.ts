import { describe, expect, it } from 'vitest';
import { OKX_ETH_USDT_FILE_TIERS } from '../../../test/fake-exchange/api/fixtures/okx/okx-position-tiers';
import {
  okxTierInForce,
  okxTierTable,
  parseOkxPositionTiers,
  sameOkxTiers,
} from './okx-position-tiers';

/**
 * ETHUSDT perpetual swap tiers as OKX published them ("OKEx position tiers to be adjusted",
 * support.okexcn.com article 4402607424781), in the row format of
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers.
 */
const RESPONSE = {
  code: '0',
  msg: '',
  data: [
    {
      uly: 'ETH-USDT',
      instFamily: 'ETH-USDT',
      instId: '',
      tier: '2',
      minSz: '3001',
      maxSz: '6000',
      mmr: '0.005',
      imr: '0.01',
      maxLever: '100',
    },
    {
      uly: 'ETH-USDT',
      instFamily: 'ETH-USDT',
      instId: '',
      tier: '1',
      minSz: '0',
      maxSz: '3000',
      mmr: '0.004',
      imr: '0.008',
      maxLever: '125',
    },
    {
      uly: 'ETH-USDT',
      instFamily: 'ETH-USDT',
      instId: '',
      tier: '3',
      minSz: '6001',
      maxSz: '12000',
      mmr: '0.01',
      imr: '0.015',
      maxLever: '66.66',
    },
  ],
};

describe('OKX position tiers', () => {
  const tiers = parseOkxPositionTiers(RESPONSE, 'ETH-USDT', 'cross');

  it.each([
    ['1', 1, '0.004', 125],
    ['3000', 1, '0.004', 125],
    ['3000.5', 2, '0.005', 100],
    ['6001', 3, '0.01', 66.66],
    ['12000', 3, '0.01', 66.66],
  ])(
    '%s contracts → tier %i (rate %s on the whole position, %sx)',
    (contracts, tier, rate, maxLeverage) => {
      expect(okxTierInForce(tiers, contracts, 'pos')).toEqual({
        tier,
        maintenanceMarginRate: rate,
        maintenanceAmount: '0',
        maxLeverage,
      });
    },
  );

  it('a position beyond the last tier is a malformed answer, and no tiers means no tier in force', () => {
    expect(() => okxTierInForce(tiers, '12001', '"ETH-USDT-SWAP" pos')).toThrow(
      'okx GET /api/v5/public/position-tiers: "ETH-USDT-SWAP" pos 12001 contracts exceed the last tier (12000 contracts)',
    );
    expect(okxTierInForce([], '5', 'pos')).toBeUndefined();
  });

  it('refuses a rate that is not a fraction', () => {
    const percent = {
      ...RESPONSE,
      data: [
        { ...RESPONSE.data[1], mmr: '0.4' },
        { ...RESPONSE.data[0], mmr: '1.5' },
      ],
    };
    expect(() => parseOkxPositionTiers(percent, 'ETH-USDT', 'cross')).toThrow(
      'tier 2 mmr must be a fraction below 1, got "1.5"',
    );
  });

  it('becomes a quantity-basis table for the file: floors and caps in contracts × ctVal, no amounts', () => {
    expect(okxTierTable(tiers, 'ETH/USDT:USDT', '0.1', '2026-11-24T12:00:00Z')?.tiers).toEqual(
      OKX_ETH_USDT_FILE_TIERS,
    );
    expect(okxTierTable([], 'BTC/USD:BTC', '100', '2026-11-24T12:00:00Z')).toBeUndefined();
  });

  it('tells whether two margin modes list the same tiers', () => {
    expect(sameOkxTiers(tiers, parseOkxPositionTiers(RESPONSE, 'ETH-USDT', 'isolated'))).toBe(true);
    const other = {
      ...RESPONSE,
      data: RESPONSE.data.map((row) => ({ ...row, mmr: row.tier === '1' ? '0.0045' : row.mmr })),
    };
    expect(sameOkxTiers(tiers, parseOkxPositionTiers(other, 'ETH-USDT', 'isolated'))).toBe(false);
  });
});
