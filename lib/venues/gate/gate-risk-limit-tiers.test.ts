import { describe, expect, it } from 'vitest';
import { GATE_RISK_LIMIT_TIERS } from '../../../test/fake-exchange/api/fixtures/gate/gate-risk-limit-tiers';
import { parsePortfolio } from '../../engine';
import { parseGateRiskLimitTiers } from './gate-risk-limit-tiers';

const AS_OF = '2026-12-07T12:00:00Z';
const BTC_ROWS = GATE_RISK_LIMIT_TIERS.BTC_USDT ?? [];

const fileWith = (table: unknown) => ({
  version: 1,
  asOf: AS_OF,
  accounts: [],
  tierTables: [table],
});

describe('parseGateRiskLimitTiers (GET /api/v4/futures/usdt/risk_limit_tiers)', () => {
  it('gives a notional table with Gate’s deduction as each tier’s maintenance amount', () => {
    const table = parseGateRiskLimitTiers(BTC_ROWS, 'BTC_USDT', 'BTC/USDT:USDT', AS_OF);
    expect(table?.tiers.slice(0, 2)).toEqual([
      {
        floor: '0',
        cap: '20000',
        maintenanceMarginRate: '0.004',
        maintenanceAmount: '0',
        maxLeverage: 125,
      },
      {
        floor: '20000',
        cap: '50000',
        maintenanceMarginRate: '0.0045',
        maintenanceAmount: '10',
        maxLeverage: 111,
      },
    ]);
    // The file's reader checks every deduction against the slice rule.
    expect(() => parsePortfolio(fileWith(table))).not.toThrow();
  });

  it('is refused by the file’s reader when a deduction disagrees with the slice rule', () => {
    const rows = BTC_ROWS.map((row) => (row.tier === 3 ? { ...row, deduction: '36' } : row));
    const table = parseGateRiskLimitTiers(rows, 'BTC_USDT', 'BTC/USDT:USDT', AS_OF);
    expect(() => parsePortfolio(fileWith(table))).toThrow(/disagrees with the recursion \(35\)/);
  });

  it('is no table when Gate lists no tiers', () => {
    expect(parseGateRiskLimitTiers([], 'XYZ_USDT', 'XYZ/USDT:USDT', AS_OF)).toBeUndefined();
  });
});
