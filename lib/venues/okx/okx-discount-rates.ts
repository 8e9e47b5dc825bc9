import Decimal from 'decimal.js';
import { collateralRowProblems, type CollateralRow } from '../../engine/margin/collateral-table';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileCollateralTable } from '../api/venue-api-types';

/**
 * One currency's discount rates from OKX's public `GET /api/v5/public/discount-rate-interest-free-
 * quota?ccy=CCY` ("Get discount rate and interest-free quota",
 * https://www.okx.com/docs-v5/en/#public-data-rest-api-get-discount-rate-and-interest-free-quota,
 * read 2026-12-07): `data[]` of `ccy` with `details[]` rows of `minAmt` and `maxAmt` ("Tier −
 * lower/upper bound. The unit is the currency like BTC", `maxAmt` "" meaning positive infinity)
 * and `discountRate` (a fraction, "0.98" in the docs' example), and `minDiscountRate`, the
 * "Minimum discount rate when it exceeds the maximum amount of the last tier". `discountLv` is
 * deprecated and not read.
 *
 * Output: the portfolio file's collateral table for `okx` (floor = minAmt, cap = maxAmt or null,
 * collateralRate = discountRate; tiers by amount of the currency, collateral-table.ts), closed by
 * a row from the last `maxAmt` at `minDiscountRate` when the last tier is bounded, dated `asOf`
 * (when it was read). Rows are ordered by `minAmt`; rows that do not continue each other or a
 * rate outside [0, 1] are a malformed answer naming the row. An answer without the currency
 * (OKX publishes no discount rates for it) gives undefined: the currency is left without a
 * table, and the engine refuses the account naming it (okx-multi-currency-account.ts) rather
 * than the whole read failing.
 */
export const OKX_DISCOUNT_RATE_ENDPOINT = 'GET /api/v5/public/discount-rate-interest-free-quota';

export function parseOkxDiscountRates(
  response: unknown,
  currency: string,
  asOf: string,
): PortfolioFileCollateralTable | undefined {
  const reader = new PayloadReader('okx', `${OKX_DISCOUNT_RATE_ENDPOINT}?ccy=${currency}`);
  const entry = reader
    .array(reader.object(response, 'response').data, 'data')
    .map((raw, index) => reader.object(raw, `data[${index}]`))
    .find((candidate) => candidate.ccy === currency);
  if (entry === undefined) return undefined;
  const where = `data "${currency}" details`;
  const rows: CollateralRow[] = reader
    .array(entry.details, where)
    .map((raw, index) => {
      const at = `${where}[${index}]`;
      const row = reader.object(raw, at);
      return {
        floor: reader.decimal(row.minAmt, `${at} minAmt`, 'nonNegative'),
        cap: row.maxAmt === '' ? null : reader.decimal(row.maxAmt, `${at} maxAmt`, 'positive'),
        collateralRate: reader.decimal(row.discountRate, `${at} discountRate`, 'nonNegative'),
      };
    })
    .sort((a, b) => new Decimal(a.floor).comparedTo(b.floor));
  if (rows.length === 0) reader.fail(where, 'is empty');
  const last = rows[rows.length - 1] as CollateralRow;
  if (last.cap !== null)
    rows.push({
      floor: last.cap,
      cap: null,
      collateralRate: reader.decimal(
        entry.minDiscountRate,
        `data "${currency}" minDiscountRate`,
        'nonNegative',
      ),
    });
  const problem = collateralRowProblems(rows)[0];
  if (problem !== undefined) {
    const beyond = problem.index === rows.length - 1 && last.cap !== null;
    const field = beyond
      ? 'minDiscountRate'
      : problem.field === 'floor'
        ? 'minAmt'
        : problem.field === 'cap'
          ? 'maxAmt'
          : 'discountRate';
    reader.fail(
      beyond ? `data "${currency}" ${field}` : `${where}[${problem.index}] ${field}`,
      problem.message,
    );
  }
  return {
    venue: 'okx',
    asset: currency,
    source: `OKX ${OKX_DISCOUNT_RATE_ENDPOINT}`,
    asOf,
    tiers: rows.map((row) => ({ ...row })),
  };
}
