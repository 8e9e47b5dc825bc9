import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileTierTable } from '../api/venue-api-types';

/**
 * OKX's public `GET /api/v5/public/position-tiers`
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers) for swaps and
 * futures: per instrument family and margin mode (`tdMode`), rows of `tier`, `minSz` and `maxSz`
 * (position size in contracts), `mmr` and `imr` (rates, fractions) and `maxLever`.
 *
 * OKX tiers are by position size in contracts, and a tier's maintenance margin rate applies to
 * the whole position (MM = contracts × contract value × mark × mmr, no deduction; OKX "Tiered
 * maintenance margin ratio rules", methodology §3.1–3.2; lib/engine/margin/okx-tier-tables.ts).
 * So a tier follows from the position's size alone, with a maintenance amount of 0 — unlike a
 * notional table, it does not move with the price. ccxt's `fetchMarketLeverageTiers` labels
 * `minSz`/`maxSz` as notionals, which they are not.
 *
 * The portfolio file takes OKX tables on the engine's `quantity` basis (lib/engine/margin/
 * tier-table.ts): floor and cap are sizes, contracts × `ctVal` — base units for linear contracts,
 * USD for inverse ones. Tier boundaries are whole contracts as OKX publishes them
 * ("3,001–6,000"): a tier covers sizes above the previous tier's `maxSz` up to its own.
 */
export const OKX_POSITION_TIERS_ENDPOINT = 'GET /api/v5/public/position-tiers';

export interface OkxTierInForce {
  readonly tier: number;
  /** Fraction, e.g. "0.004". */
  readonly maintenanceMarginRate: string;
  readonly maintenanceAmount: '0';
  readonly maxLeverage: number;
}

export interface OkxPositionTier extends OkxTierInForce {
  readonly minContracts: string;
  readonly maxContracts: string;
}

export function parseOkxPositionTiers(
  response: unknown,
  instFamily: string,
  tdMode: string,
): OkxPositionTier[] {
  const reader = new PayloadReader(
    'okx',
    `${OKX_POSITION_TIERS_ENDPOINT}?instFamily=${instFamily}&tdMode=${tdMode}`,
  );
  const rows = reader.array(reader.object(response, 'response').data, 'data').map((raw, index) => {
    const where = `data[${index}]`;
    const row = reader.object(raw, where);
    const tier = reader.integer(row.tier, `${where} tier`);
    const at = `${where} tier ${tier}`;
    return {
      tier,
      minContracts: reader.decimal(row.minSz, `${at} minSz`, 'nonNegative'),
      maxContracts: reader.decimal(row.maxSz, `${at} maxSz`, 'positive'),
      maintenanceMarginRate: reader.decimal(row.mmr, `${at} mmr`, 'nonNegative'),
      maintenanceAmount: '0' as const,
      maxLeverage: new Decimal(
        reader.decimal(row.maxLever, `${at} maxLever`, 'positive'),
      ).toNumber(),
    };
  });
  rows.sort((a, b) => new Decimal(a.maxContracts).comparedTo(b.maxContracts));
  rows.forEach((row, index) => {
    if (new Decimal(row.maintenanceMarginRate).gte(1))
      reader.fail(
        `data tier ${row.tier} mmr`,
        `must be a fraction below 1, got "${row.maintenanceMarginRate}"`,
      );
    const previous = rows[index - 1];
    if (previous !== undefined && new Decimal(previous.maxContracts).eq(row.maxContracts))
      reader.fail(`data tier ${row.tier} maxSz`, `${row.maxContracts} appears twice`);
  });
  return rows;
}

/** The tier in force for a position of `contracts` contracts, or undefined when OKX lists no tiers. */
export function okxTierInForce(
  tiers: readonly OkxPositionTier[],
  contracts: string,
  where: string,
): OkxTierInForce | undefined {
  if (tiers.length === 0) return undefined;
  const size = new Decimal(contracts);
  const tier = tiers.find((candidate) => size.lte(candidate.maxContracts));
  if (tier === undefined)
    return new PayloadReader('okx', OKX_POSITION_TIERS_ENDPOINT).fail(
      where,
      `${contracts} contracts exceed the last tier (${tiers[tiers.length - 1]?.maxContracts ?? '?'} contracts)`,
    );
  const { tier: number, maintenanceMarginRate, maintenanceAmount, maxLeverage } = tier;
  return { tier: number, maintenanceMarginRate, maintenanceAmount, maxLeverage };
}

/** The portfolio file's table for one symbol: sizes in contracts × `ctVal`, no maintenance amount. */
export function okxTierTable(
  tiers: readonly OkxPositionTier[],
  symbol: string,
  contractValue: string,
  asOf: string,
): PortfolioFileTierTable | undefined {
  if (tiers.length === 0) return undefined;
  const size = (contracts: string) => new Decimal(contracts).mul(contractValue).toFixed();
  return {
    venue: 'okx',
    symbol,
    source: OKX_POSITION_TIERS_ENDPOINT,
    asOf,
    tiers: tiers.map((tier, index) => ({
      floor: index === 0 ? '0' : size(tiers[index - 1]?.maxContracts ?? '0'),
      cap: size(tier.maxContracts),
      maintenanceMarginRate: tier.maintenanceMarginRate,
      maintenanceAmount: '0',
      maxLeverage: tier.maxLeverage,
    })),
  };
}

/** Whether two margin modes' tier lists are the same tiers (OKX usually lists one set for both). */
export function sameOkxTiers(
  a: readonly OkxPositionTier[],
  b: readonly OkxPositionTier[],
): boolean {
  return (
    a.length === b.length &&
    a.every((tier, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        new Decimal(tier.maxContracts).eq(other.maxContracts) &&
        new Decimal(tier.maintenanceMarginRate).eq(other.maintenanceMarginRate) &&
        tier.maxLeverage === other.maxLeverage
      );
    })
  );
}
