import { buildTiers, type MaintenanceTier, type TierRow } from './tiers';

/**
 * Embedded fallback tier tables for Binance USDⓈ-M perpetuals, used when neither the position
 * nor the venue supplies the tier in force. Binance re-tiers by announcement; a live table
 * (`GET /fapi/v1/leverageBracket`, signed) takes precedence once an account is connected.
 *
 * Source: the Binance bracket snapshot committed in freqtrade
 * (`freqtrade/exchange/binance_leverage_tiers.json`, last changed 2024-10-24, commit 3d9514d2),
 * as transcribed in research/methodology.md §1.2 table (c). The maintenance amounts are checked
 * against the recursion when the table is built (methodology B5).
 */
export const BINANCE_USDM_TIERS_AS_OF = '2024-10-24';

const BTCUSDT: TierRow[] = [
  {
    floor: '0',
    cap: '50000',
    maintenanceMarginRate: '0.004',
    maxLeverage: 125,
    maintenanceAmount: '0',
  },
  {
    floor: '50000',
    cap: '600000',
    maintenanceMarginRate: '0.005',
    maxLeverage: 100,
    maintenanceAmount: '50',
  },
  {
    floor: '600000',
    cap: '3000000',
    maintenanceMarginRate: '0.0065',
    maxLeverage: 75,
    maintenanceAmount: '950',
  },
  {
    floor: '3000000',
    cap: '12000000',
    maintenanceMarginRate: '0.01',
    maxLeverage: 50,
    maintenanceAmount: '11450',
  },
  {
    floor: '12000000',
    cap: '70000000',
    maintenanceMarginRate: '0.02',
    maxLeverage: 25,
    maintenanceAmount: '131450',
  },
  {
    floor: '70000000',
    cap: '100000000',
    maintenanceMarginRate: '0.025',
    maxLeverage: 20,
    maintenanceAmount: '481450',
  },
  {
    floor: '100000000',
    cap: '230000000',
    maintenanceMarginRate: '0.05',
    maxLeverage: 10,
    maintenanceAmount: '2981450',
  },
  {
    floor: '230000000',
    cap: '480000000',
    maintenanceMarginRate: '0.1',
    maxLeverage: 5,
    maintenanceAmount: '14481450',
  },
  {
    floor: '480000000',
    cap: '600000000',
    maintenanceMarginRate: '0.125',
    maxLeverage: 4,
    maintenanceAmount: '26481450',
  },
  {
    floor: '600000000',
    cap: '800000000',
    maintenanceMarginRate: '0.15',
    maxLeverage: 3,
    maintenanceAmount: '41481450',
  },
  {
    floor: '800000000',
    cap: '1200000000',
    maintenanceMarginRate: '0.25',
    maxLeverage: 2,
    maintenanceAmount: '121481450',
  },
  {
    floor: '1200000000',
    cap: '1800000000',
    maintenanceMarginRate: '0.5',
    maxLeverage: 1,
    maintenanceAmount: '421481450',
  },
];

const ETHUSDT: TierRow[] = [
  {
    floor: '0',
    cap: '50000',
    maintenanceMarginRate: '0.004',
    maxLeverage: 125,
    maintenanceAmount: '0',
  },
  {
    floor: '50000',
    cap: '600000',
    maintenanceMarginRate: '0.005',
    maxLeverage: 100,
    maintenanceAmount: '50',
  },
  {
    floor: '600000',
    cap: '3000000',
    maintenanceMarginRate: '0.0065',
    maxLeverage: 75,
    maintenanceAmount: '950',
  },
  {
    floor: '3000000',
    cap: '12000000',
    maintenanceMarginRate: '0.01',
    maxLeverage: 50,
    maintenanceAmount: '11450',
  },
  {
    floor: '12000000',
    cap: '50000000',
    maintenanceMarginRate: '0.02',
    maxLeverage: 25,
    maintenanceAmount: '131450',
  },
  {
    floor: '50000000',
    cap: '65000000',
    maintenanceMarginRate: '0.025',
    maxLeverage: 20,
    maintenanceAmount: '381450',
  },
  {
    floor: '65000000',
    cap: '150000000',
    maintenanceMarginRate: '0.05',
    maxLeverage: 10,
    maintenanceAmount: '2006450',
  },
  {
    floor: '150000000',
    cap: '320000000',
    maintenanceMarginRate: '0.1',
    maxLeverage: 5,
    maintenanceAmount: '9506450',
  },
  {
    floor: '320000000',
    cap: '400000000',
    maintenanceMarginRate: '0.125',
    maxLeverage: 4,
    maintenanceAmount: '17506450',
  },
  {
    floor: '400000000',
    cap: '530000000',
    maintenanceMarginRate: '0.15',
    maxLeverage: 3,
    maintenanceAmount: '27506450',
  },
  {
    floor: '530000000',
    cap: '800000000',
    maintenanceMarginRate: '0.25',
    maxLeverage: 2,
    maintenanceAmount: '80506450',
  },
  {
    floor: '800000000',
    cap: '1200000000',
    maintenanceMarginRate: '0.5',
    maxLeverage: 1,
    maintenanceAmount: '280506450',
  },
];

const TABLES: Readonly<Record<string, readonly TierRow[]>> = { BTCUSDT, ETHUSDT };
const built = new Map<string, MaintenanceTier[]>();

/** The embedded tiers for a Binance market id (e.g. `BTCUSDT`), or undefined when none is embedded. */
export function binanceUsdmEmbeddedTiers(marketId: string): readonly MaintenanceTier[] | undefined {
  const rows = TABLES[marketId];
  if (!rows) return undefined;
  let tiers = built.get(marketId);
  if (!tiers) {
    tiers = buildTiers(rows, `binanceusdm ${marketId}`);
    built.set(marketId, tiers);
  }
  return tiers;
}

export function binanceUsdmEmbeddedMarkets(): string[] {
  return Object.keys(TABLES);
}
