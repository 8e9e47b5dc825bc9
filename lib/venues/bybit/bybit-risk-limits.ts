import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileTier, PortfolioFileTierTable } from '../api/venue-api-types';

/**
 * One symbol's risk-limit tiers from Bybit's public `GET /v5/market/risk-limit`
 * (https://bybit-exchange.github.io/docs/v5/market/risk-limit): rows of `id` (the risk ID a
 * position reports as `riskId`), `riskLimitValue` (the tier's cap: position value in the
 * settlement coin — USDT/USDC for linear contracts, the coin for inverse ones),
 * `maintenanceMargin` and `initialMargin` (rates), `maxLeverage` and `mmDeduction` (the MM
 * deduction, "" for the first tier).
 *
 * Units of the rates: the live API writes fractions ("0.005" for 0.5%, as ccxt and captured
 * responses read them), while the documentation's own example writes percent ("0.5" with
 * `initialMargin` "1" at 100x). Bybit's max leverage is 1 / initial margin rate, so each row says
 * which: initialMargin × maxLeverage ≈ 1 means fractions, ≈ 100 means percent (converted to a
 * fraction here). Anything else is a malformed answer.
 *
 * Output: the portfolio file's tier table (floor = the previous tier's cap, cap =
 * `riskLimitValue`, maintenance amount = `mmDeduction`) and each tier by risk ID, so a position's
 * `riskId` gives the tier in force Bybit applies to it.
 */
export interface BybitTierInForce {
  /** Fraction, e.g. "0.005". */
  readonly maintenanceMarginRate: string;
  /** The MM deduction in the settlement coin ("0" for the first tier). */
  readonly maintenanceAmount: string;
  readonly maxLeverage: number;
}

export interface BybitRiskLimits {
  /** Undefined when the venue listed no tiers for the symbol. */
  readonly table: PortfolioFileTierTable | undefined;
  readonly byRiskId: ReadonlyMap<number, BybitTierInForce>;
}

export const BYBIT_RISK_LIMIT_ENDPOINT = 'GET /v5/market/risk-limit';

export function parseBybitRiskLimits(
  rows: readonly unknown[],
  marketId: string,
  symbol: string,
  asOf: string,
): BybitRiskLimits {
  const reader = new PayloadReader('bybit', BYBIT_RISK_LIMIT_ENDPOINT);
  const parsed = rows
    .map((raw, index) => {
      const where = `result.list[${index}]`;
      const row = reader.object(raw, where);
      return { row, where, symbol: reader.string(row.symbol, `${where} symbol`) };
    })
    .filter((entry) => entry.symbol === marketId)
    .map(({ row, where }) => {
      const at = `${where} "${marketId}"`;
      const cap = reader.decimal(row.riskLimitValue, `${at} riskLimitValue`, 'positive');
      const maxLeverage = reader.decimal(row.maxLeverage, `${at} maxLeverage`, 'positive');
      const rate = fractionRate(
        reader,
        reader.decimal(row.maintenanceMargin, `${at} maintenanceMargin`, 'nonNegative'),
        reader.decimal(row.initialMargin, `${at} initialMargin`, 'positive'),
        maxLeverage,
        at,
      );
      const deduction =
        reader.optionalDecimal(row.mmDeduction, `${at} mmDeduction`, 'nonNegative') ?? '0';
      return {
        id: reader.integer(row.id, `${at} id`),
        cap,
        tier: {
          maintenanceMarginRate: rate,
          maintenanceAmount: deduction,
          maxLeverage: new Decimal(maxLeverage).toNumber(),
        },
      };
    })
    .sort((a, b) => new Decimal(a.cap).comparedTo(b.cap));

  const byRiskId = new Map<number, BybitTierInForce>();
  const tiers: PortfolioFileTier[] = [];
  parsed.forEach((entry, index) => {
    if (byRiskId.has(entry.id))
      reader.fail(`result.list "${marketId}" id`, `${entry.id} appears twice`);
    byRiskId.set(entry.id, entry.tier);
    const floor = index === 0 ? '0' : (parsed[index - 1]?.cap ?? '0');
    if (index > 0 && new Decimal(floor).eq(entry.cap))
      reader.fail(`result.list "${marketId}" riskLimitValue`, `${entry.cap} appears twice`);
    tiers.push({ floor, cap: entry.cap, ...entry.tier });
  });
  const table: PortfolioFileTierTable | undefined =
    tiers.length === 0
      ? undefined
      : { venue: 'bybit', symbol, source: BYBIT_RISK_LIMIT_ENDPOINT, asOf, tiers };
  return { table, byRiskId };
}

/** The maintenance rate as a fraction, recognising percent rows by initialMargin × maxLeverage. */
function fractionRate(
  reader: PayloadReader,
  maintenance: string,
  initial: string,
  maxLeverage: string,
  where: string,
): string {
  const product = new Decimal(initial).mul(maxLeverage);
  if (product.gte(0.9) && product.lte(1.1)) return maintenance;
  if (product.gte(90) && product.lte(110)) return new Decimal(maintenance).div(100).toFixed();
  return reader.fail(
    `${where} initialMargin`,
    `× maxLeverage = ${product.toFixed()}, neither a fraction (≈ 1) nor percent (≈ 100) of the leverage it allows`,
  );
}
