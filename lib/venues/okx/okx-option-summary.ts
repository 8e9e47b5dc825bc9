import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * Mark implied volatilities of an OKX option family from the public
 * `GET /api/v5/public/opt-summary?instFamily=…`
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-option-market-data): per `instId`,
 * `markVol`, "Mark volatility", annualised as a fraction ("0.4335822639833618"). The engine values
 * an option at its mark IV as the index moves (lib/engine/margin/okx-option-account.ts).
 */
export const OKX_OPTION_SUMMARY_ENDPOINT = 'GET /api/v5/public/opt-summary';

/**
 * Mark IV (fraction) of each held option `instIds` of the family; the other options of the family
 * are not read (a row of an option nobody holds cannot fail the read). A held option without a
 * usable `markVol` is refused by name.
 */
export function parseOkxOptionMarkVols(
  response: unknown,
  instFamily: string,
  instIds: readonly string[],
): Map<string, number> {
  const reader = new PayloadReader(
    'okx',
    `${OKX_OPTION_SUMMARY_ENDPOINT}?instFamily=${instFamily}`,
  );
  const rows = reader.array(reader.object(response, 'response').data, 'data');
  const vols = new Map<string, number>();
  for (const instId of instIds) {
    const index = rows.findIndex(
      (raw) =>
        typeof raw === 'object' && raw !== null && (raw as { instId?: unknown }).instId === instId,
    );
    if (index < 0) reader.fail('data', `has no row for the held option "${instId}"`);
    const row = reader.object(rows[index], `data[${index}]`);
    const markVol = new Decimal(
      reader.decimal(row.markVol, `data[${index}] "${instId}" markVol`, 'positive'),
    );
    // The portfolio file's bound on markIv (10, i.e. 1000%).
    if (markVol.gt(10))
      reader.fail(
        `data[${index}] "${instId}" markVol`,
        `is ${markVol.toFixed()}, above 10 (1000%)`,
      );
    vols.set(instId, markVol.toNumber());
  }
  return vols;
}
