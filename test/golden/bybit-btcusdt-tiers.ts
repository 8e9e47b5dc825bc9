import type {
  PortfolioFileTier,
  PortfolioFileTierTable,
} from '../../lib/venues/api/venue-api-types';

/**
 * Bybit BTCUSDT risk-limit tiers 1–3 as the portfolio file carries them (floor, cap, rate,
 * MM deduction, max leverage): the first rows of Bybit's "Margin Parameters" page, which are also
 * the first rows of the recorded risk limits embedded in lib/engine/margin/bybit-tier-tables.ts (risk limits 2,000,000 / 2,600,000 / 3,200,000 USDT,
 * MMR 0.5% / 0.56% / 0.63%, deductions 0 / 1,200 / 3,020, which the tier recursion reproduces).
 * Shared by the tests that need a Bybit table in a file or from the venue.
 */
export const BYBIT_BTCUSDT_TIERS: readonly PortfolioFileTier[] = [
  {
    floor: '0',
    cap: '2000000',
    maintenanceMarginRate: '0.005',
    maintenanceAmount: '0',
    maxLeverage: 100,
  },
  {
    floor: '2000000',
    cap: '2600000',
    maintenanceMarginRate: '0.0056',
    maintenanceAmount: '1200',
    maxLeverage: 90,
  },
  {
    floor: '2600000',
    cap: '3200000',
    maintenanceMarginRate: '0.0063',
    maintenanceAmount: '3020',
    maxLeverage: 80,
  },
];

/** The first `count` tiers; with `openTop`, the last one has no cap (a table that ends there). */
export function bybitBtcusdtTiers(count = 3, openTop = false): PortfolioFileTier[] {
  return BYBIT_BTCUSDT_TIERS.slice(0, count).map((tier, index) =>
    openTop && index === count - 1 ? { ...tier, cap: null } : { ...tier },
  );
}

/** A `tierTables` entry for BTC/USDT:USDT, as if read from Bybit's public risk-limit endpoint. */
export function bybitBtcusdtFileTable(
  tiers: readonly PortfolioFileTier[] = bybitBtcusdtTiers(3, true),
): PortfolioFileTierTable {
  return {
    venue: 'bybit',
    symbol: 'BTC/USDT:USDT',
    source: 'GET /v5/market/risk-limit',
    asOf: '2026-11-24T12:00:00Z',
    tiers,
  };
}
