import { NotSupported } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { BITGET_ACCOUNT } from '../../../test/fake-exchange/api/fixtures/bitget/bitget-accounts';
import {
  BITGET_BTC_FILE_TIERS,
  BITGET_ETH_FILE_TIERS,
} from '../../../test/fake-exchange/api/fixtures/bitget/bitget-position-tiers';
import {
  BITGET_TIERED_MAINTENANCE_FROM_MS,
  readBitgetPositionRow,
  toBitgetPortfolioPosition,
} from './bitget-positions';
import type { PortfolioFileTierTable } from '../api/venue-api-types';
import { refuseSpecialTierLevel } from './bitget-special-tier-level';
import { parseBitgetTakerFee } from './bitget-trade-fee';

/** The fixture's isolated ETH short (bitget-accounts.ts), with fields changed. */
const ethShort = (fields: Readonly<Record<string, unknown>> = {}) => ({
  ...(BITGET_ACCOUNT.positions[1] as Readonly<Record<string, unknown>>),
  ...fields,
});

const context = {
  symbol: 'ETH/USDT:USDT',
  takerFeeRate: '0.0006',
  tiers: BITGET_ETH_FILE_TIERS,
};

describe('Bitget position rows (Get All Positions)', () => {
  it('gives a position opened before 2025-11-10 08:00 UTC its tier in force (the old whole-value rule)', () => {
    expect(BITGET_TIERED_MAINTENANCE_FROM_MS).toBe(Date.parse('2025-11-10T08:00:00Z'));
    const before = String(BITGET_TIERED_MAINTENANCE_FROM_MS - 1);
    const old = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ cTime: before }), 0),
      context,
    );
    // With its tier's maximum leverage (ETHUSDT tier 1, rate 0.5%: 100x), not the engine's 1.
    expect(old).toMatchObject({
      maintenanceMarginRate: '0.005',
      maintenanceAmount: '0',
      maxLeverage: 100,
    });
    const current = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ cTime: String(BITGET_TIERED_MAINTENANCE_FROM_MS) }), 0),
      context,
    );
    expect(current.maintenanceMarginRate).toBeUndefined();
    expect(current.maxLeverage).toBeUndefined();
  });

  it("names an old position's tier by its rate, whatever the boundaries (a Special Level)", () => {
    // 32,500 USDT is in the standard tier 1 (0.5%, 100x); a rate of 0.65% is tier 2's (75x).
    const old = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ cTime: '1691382137448', keepMarginRate: '0.0065' }), 0),
      context,
    );
    expect(old).toMatchObject({ maintenanceMarginRate: '0.0065', maxLeverage: 75 });
  });

  it('always writes the taker fee, "0" included, so a Bitget position never reads as fee unknown', () => {
    const position = toBitgetPortfolioPosition(readBitgetPositionRow(ethShort(), 0), {
      ...context,
      takerFeeRate: parseBitgetTakerFee(
        { code: '00000', data: { makerFeeRate: '-0.0001', takerFeeRate: '-0.0001' } },
        'ETHUSDT',
      ),
    });
    expect(position.takerFeeRate).toBe('0');
    expect(parseBitgetTakerFee({ code: '00000', data: { takerFeeRate: '0' } }, 'ETHUSDT')).toBe(
      '0',
    );
  });

  it('reads a liquidation price ≤ 0 as none ("low risk, no liquidation price")', () => {
    for (const price of ['0', '-9880613.7641839999']) {
      const position = toBitgetPortfolioPosition(
        readBitgetPositionRow(ethShort({ liquidationPrice: price }), 0),
        context,
      );
      expect(position.venueReported?.liquidationPrice).toBeNull();
    }
  });

  it('refuses a multi-assets (union) position by name', () => {
    expect(() => readBitgetPositionRow(ethShort({ assetMode: 'union' }), 0)).toThrow(NotSupported);
    expect(() => readBitgetPositionRow(ethShort({ assetMode: 'union' }), 0)).toThrow(
      'bitget: the USDT-M futures account is in multi-assets mode',
    );
  });

  it('reads one-way mode without a position side, and cross without isolated margin', () => {
    const position = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ posMode: 'one_way_mode', marginMode: 'crossed' }), 0),
      context,
    );
    expect(position.positionSide).toBeUndefined();
    expect(position.marginMode).toBeUndefined();
    expect(position.isolatedMargin).toBeUndefined();
    expect(position.venueReported?.maintenanceMargin).toBeUndefined();
  });
});

describe('Bitget tiers other than the public standard ones (a Special Level)', () => {
  const btcTable: PortfolioFileTierTable = {
    venue: 'bitget',
    symbol: 'BTC/USDT:USDT',
    source: 'GET /api/v2/mix/market/query-position-lever',
    asOf: '2026-11-24T12:00:00Z',
    tiers: BITGET_BTC_FILE_TIERS,
  };
  const btcLong = (fields: Readonly<Record<string, unknown>>) =>
    readBitgetPositionRow({ ...(BITGET_ACCOUNT.positions[0] as object), ...fields }, 0);

  it("passes a position whose keepMarginRate is the table's at its value (330,000: tier 2, 0.5%)", () => {
    expect(() => refuseSpecialTierLevel(btcLong({}), btcTable)).not.toThrow();
    // Exactly on the 200,000 boundary either tier's rate is Bitget's.
    for (const rate of ['0.004', '0.005'])
      expect(() =>
        refuseSpecialTierLevel(
          btcLong({ total: '2', markPrice: '100000', keepMarginRate: rate }),
          btcTable,
        ),
      ).not.toThrow();
  });

  it('refuses by name a rate the standard table does not give at that value', () => {
    // 330,000 USDT at 0.4%: the first tier reaches past it, as at Special Level 1 or above.
    const special = btcLong({ keepMarginRate: '0.004' });
    expect(() => refuseSpecialTierLevel(special, btcTable)).toThrow(NotSupported);
    expect(() => refuseSpecialTierLevel(special, btcTable)).toThrow(
      "bitget: the long BTCUSDT position's tier rate (keepMarginRate 0.004) is not the public position-tier table's at its value of 330000 USDT (0.005, tier 2",
    );
    expect(() => refuseSpecialTierLevel(special, btcTable)).toThrow('Special Level (1–3)');
  });

  it('leaves a position opened before 2025-11-10 alone (its rate is its tier in force)', () => {
    expect(() =>
      refuseSpecialTierLevel(
        btcLong({ keepMarginRate: '0.004', cTime: '1691382137448' }),
        btcTable,
      ),
    ).not.toThrow();
  });
});
