import { NotSupported } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { BITGET_ACCOUNT } from '../../../test/fake-exchange/api/fixtures/bitget/bitget-accounts';
import {
  BITGET_TIERED_MAINTENANCE_FROM_MS,
  readBitgetPositionRow,
  toBitgetPortfolioPosition,
} from './bitget-positions';

/** The fixture's isolated ETH short (bitget-accounts.ts), with fields changed. */
const ethShort = (fields: Readonly<Record<string, unknown>> = {}) => ({
  ...(BITGET_ACCOUNT.positions[1] as Readonly<Record<string, unknown>>),
  ...fields,
});

const context = { symbol: 'ETH/USDT:USDT', takerFeeRate: '0.0006' };

describe('Bitget position rows (Get All Positions)', () => {
  it('gives a position opened before 2025-11-10 08:00 UTC its tier in force (the old whole-value rule)', () => {
    expect(BITGET_TIERED_MAINTENANCE_FROM_MS).toBe(Date.parse('2025-11-10T08:00:00Z'));
    const before = String(BITGET_TIERED_MAINTENANCE_FROM_MS - 1);
    const old = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ cTime: before }), 0),
      context,
    );
    expect(old).toMatchObject({ maintenanceMarginRate: '0.005', maintenanceAmount: '0' });
    const current = toBitgetPortfolioPosition(
      readBitgetPositionRow(ethShort({ cTime: String(BITGET_TIERED_MAINTENANCE_FROM_MS) }), 0),
      context,
    );
    expect(current.maintenanceMarginRate).toBeUndefined();
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
