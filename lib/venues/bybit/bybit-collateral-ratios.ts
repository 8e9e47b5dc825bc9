import Decimal from 'decimal.js';
import { collateralRowProblems, type CollateralRow } from '../../engine/margin/collateral-table';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileCollateralTable } from '../api/venue-api-types';

/**
 * One coin's tiered collateral value ratio from Bybit's public `GET /v5/spot-margin-trade/
 * collateral?currency=COIN` ("Get Tiered Collateral Ratio",
 * https://bybit-exchange.github.io/docs/v5/spot-margin-uta/tier-collateral-ratio): `list[]` of
 * `currency` with `collateralRatioList[]` rows of `minQty` ("lower limit (in coin) of the tiered
 * range"), `maxQty` ("upper limit (in coin) …, \"\" means positive infinity") and
 * `collateralRatio` (a fraction, "0.85" in the docs' example).
 *
 * Output: the portfolio file's collateral table for `bybit` (floor = minQty, cap = maxQty or null,
 * collateralRate = collateralRatio; tiers by coin quantity, collateral-table.ts), dated `asOf`
 * (when it was read). Rows are ordered by `minQty`; rows that do not continue each other, a
 * bounded last row or a ratio outside [0, 1] are a malformed answer naming the row.
 */
export const BYBIT_COLLATERAL_RATIO_ENDPOINT = 'GET /v5/spot-margin-trade/collateral';

export function parseBybitCollateralRatios(
  response: unknown,
  coin: string,
  asOf: string,
): PortfolioFileCollateralTable {
  const reader = new PayloadReader('bybit', `${BYBIT_COLLATERAL_RATIO_ENDPOINT}?currency=${coin}`);
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const entry = reader
    .array(result.list, 'result.list')
    .map((raw, index) => reader.object(raw, `result.list[${index}]`))
    .find((candidate) => candidate.currency === coin);
  if (entry === undefined) return reader.fail('result.list', `has no entry for "${coin}"`);
  const where = `result.list "${coin}" collateralRatioList`;
  const rows: CollateralRow[] = reader
    .array(entry.collateralRatioList, where)
    .map((raw, index) => {
      const row = reader.object(raw, `${where}[${index}]`);
      const at = `${where}[${index}]`;
      const maxQty =
        row.maxQty === '' ? null : reader.decimal(row.maxQty, `${at} maxQty`, 'positive');
      return {
        floor: reader.decimal(row.minQty, `${at} minQty`, 'nonNegative'),
        cap: maxQty,
        collateralRate: reader.decimal(row.collateralRatio, `${at} collateralRatio`, 'nonNegative'),
      };
    })
    .sort((a, b) => new Decimal(a.floor).comparedTo(b.floor));
  if (rows.length === 0) reader.fail(where, 'is empty');
  const problem = collateralRowProblems(rows)[0];
  if (problem !== undefined) {
    const field =
      problem.field === 'floor' ? 'minQty' : problem.field === 'cap' ? 'maxQty' : 'collateralRatio';
    reader.fail(`${where}[${problem.index}] ${field}`, problem.message);
  }
  return {
    venue: 'bybit',
    asset: coin,
    source: `Bybit ${BYBIT_COLLATERAL_RATIO_ENDPOINT}`,
    asOf,
    tiers: rows.map((row) => ({ ...row })),
  };
}
