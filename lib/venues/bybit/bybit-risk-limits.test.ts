import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { bybitBtcusdtTiers } from '../../../test/golden/bybit-btcusdt-tiers';
import { parseBybitRiskLimits } from './bybit-risk-limits';

/** Rows in the format of https://bybit-exchange.github.io/docs/v5/market/risk-limit. */
const AS_OF = '2026-11-24T12:00:00Z';

describe('parseBybitRiskLimits', () => {
  it('reads the documentation’s percent-unit example row as a 0.5% fraction', () => {
    // The documented response example for BTCUSD (bybit-exchange/docs docs/v5/market/risk-limit.mdx).
    const documented = {
      id: 1,
      symbol: 'BTCUSD',
      riskLimitValue: '150',
      maintenanceMargin: '0.5',
      initialMargin: '1',
      isLowestRisk: 1,
      maxLeverage: '100.00',
      mmDeduction: '',
    };
    const limits = parseBybitRiskLimits([documented], 'BTCUSD', 'BTC/USD:BTC', AS_OF);
    expect(limits.byRiskId.get(1)).toEqual({
      maintenanceMarginRate: '0.005',
      maintenanceAmount: '0',
      maxLeverage: 100,
    });
  });

  it('keeps fraction rows as the venue wrote them, sorted by cap, with floors from the previous cap', () => {
    const rows = [
      {
        id: 2,
        symbol: 'BTCUSDT',
        riskLimitValue: '2600000',
        maintenanceMargin: '0.0056',
        initialMargin: '0.0111',
        isLowestRisk: 0,
        maxLeverage: '90.00',
        mmDeduction: '1200',
      },
      {
        id: 1,
        symbol: 'BTCUSDT',
        riskLimitValue: '2000000',
        maintenanceMargin: '0.005',
        initialMargin: '0.01',
        isLowestRisk: 1,
        maxLeverage: '100.00',
        mmDeduction: '',
      },
      // Another symbol's row (a page without `symbol` holds several): not part of this table.
      {
        id: 1,
        symbol: 'ETHUSDT',
        riskLimitValue: '1000000',
        maintenanceMargin: '0.005',
        initialMargin: '0.01',
        isLowestRisk: 1,
        maxLeverage: '100.00',
        mmDeduction: '',
      },
    ];
    // Percent in the payload, fractions in the table: Bybit's BTCUSDT tiers 1–2.
    expect(parseBybitRiskLimits(rows, 'BTCUSDT', 'BTC/USDT:USDT', AS_OF).table?.tiers).toEqual(
      bybitBtcusdtTiers(2),
    );
  });

  it('has no table when the venue lists no tiers', () => {
    expect(parseBybitRiskLimits([], 'BTCPERP', 'BTC/USDC:USDC', AS_OF)).toEqual({
      table: undefined,
      byRiskId: new Map(),
    });
  });

  it('refuses a row whose rates fit neither unit, naming the field', () => {
    const row = {
      id: 1,
      symbol: 'BTCUSDT',
      riskLimitValue: '2000000',
      maintenanceMargin: '0.005',
      initialMargin: '0.1',
      isLowestRisk: 1,
      maxLeverage: '100',
      mmDeduction: '',
    };
    expect(() => parseBybitRiskLimits([row], 'BTCUSDT', 'BTC/USDT:USDT', AS_OF)).toThrow(
      BadResponse,
    );
    expect(() => parseBybitRiskLimits([row], 'BTCUSDT', 'BTC/USDT:USDT', AS_OF)).toThrow(
      'bybit GET /v5/market/risk-limit: result.list[0] "BTCUSDT" initialMargin × maxLeverage = 10, neither a fraction (≈ 1) nor percent (≈ 100) of the leverage it allows',
    );
  });

  it('refuses a repeated risk ID', () => {
    const row = {
      id: 1,
      symbol: 'BTCUSDT',
      riskLimitValue: '2000000',
      maintenanceMargin: '0.005',
      initialMargin: '0.01',
      isLowestRisk: 1,
      maxLeverage: '100',
      mmDeduction: '',
    };
    expect(() =>
      parseBybitRiskLimits(
        [row, { ...row, riskLimitValue: '2600000' }],
        'BTCUSDT',
        'BTC/USDT:USDT',
        AS_OF,
      ),
    ).toThrow('id 1 appears twice');
  });
});
