import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileTier, PortfolioFileTierTable } from '../api/venue-api-types';

/**
 * One contract's risk-limit tiers from Gate's public
 * `GET /api/v4/futures/usdt/risk_limit_tiers?contract=…`
 * (https://www.gate.com/docs/developers/apiv4/en/#query-risk-limit-tiers; the
 * `FuturesLimitRiskTiers` model of Gate's SDK, gateio/gateapi-python docs at commit 744afea, 2025-07-31): rows of
 * `tier`, `risk_limit` (the tier's cap: position value in USDT), `initial_rate`,
 * `maintenance_rate` (fractions), `leverage_max` and `deduction` ("Maintenance margin quick
 * calculation deduction amount").
 *
 * Gate computes maintenance margin in slices (each tier's rate on the part of the value in that
 * tier, lib/engine/margin/gate-tier-tables.ts), which is value × rate − deduction: so the table
 * goes to the portfolio file on the notional basis with `deduction` as the maintenance amount,
 * and the file's reader checks every deduction against the slice rule (a table that disagrees
 * is refused there, naming the tier).
 */
export const GATE_RISK_LIMIT_TIERS_ENDPOINT = 'GET /api/v4/futures/usdt/risk_limit_tiers';

export function parseGateRiskLimitTiers(
  response: unknown,
  contract: string,
  symbol: string,
  asOf: string,
): PortfolioFileTierTable | undefined {
  const reader = new PayloadReader(
    'gate',
    `${GATE_RISK_LIMIT_TIERS_ENDPOINT}?contract=${contract}`,
  );
  const rows = reader
    .array(response, 'response')
    .map((raw, index) => {
      const where = `[${index}]`;
      const row = reader.object(raw, where);
      const tier = reader.integer(row.tier, `${where} tier`, 1);
      const at = `${where} tier ${tier}`;
      const rate = reader.decimal(row.maintenance_rate, `${at} maintenance_rate`, 'nonNegative');
      if (new Decimal(rate).gte(1))
        reader.fail(`${at} maintenance_rate`, `must be a fraction below 1, got "${rate}"`);
      return {
        cap: reader.decimal(row.risk_limit, `${at} risk_limit`, 'positive'),
        maintenanceMarginRate: rate,
        maintenanceAmount: reader.decimal(row.deduction, `${at} deduction`, 'nonNegative'),
        maxLeverage: new Decimal(
          reader.decimal(row.leverage_max, `${at} leverage_max`, 'positive'),
        ).toNumber(),
      };
    })
    .sort((a, b) => new Decimal(a.cap).comparedTo(b.cap));
  const tiers: PortfolioFileTier[] = rows.map((row, index) => {
    const floor = index === 0 ? '0' : (rows[index - 1]?.cap ?? '0');
    if (index > 0 && new Decimal(floor).eq(row.cap))
      reader.fail('risk_limit', `${row.cap} appears twice`);
    return { floor, ...row };
  });
  return tiers.length === 0
    ? undefined
    : { venue: 'gate', symbol, source: GATE_RISK_LIMIT_TIERS_ENDPOINT, asOf, tiers };
}
