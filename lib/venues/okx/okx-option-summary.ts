import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * Option market data of an OKX option family from the public
 * `GET /api/v5/public/opt-summary?instFamily=…`
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-option-market-data), per `instId`:
 * - `markVol`, "Mark volatility", annualised as a fraction ("0.4335822639833618"): the engine
 *   values an option at its mark IV as the index moves (lib/engine/margin/okx-option-account.ts);
 * - `fwdPx`, "Forward price": the forward of the option's expiry that the mark volatility goes
 *   with, in USD; the engine values the option on it (the file's `forwardPrice`,
 *   lib/engine/measure/option-forwards.ts).
 */
export const OKX_OPTION_SUMMARY_ENDPOINT = 'GET /api/v5/public/opt-summary';

export interface OkxOptionMark {
  /** Mark IV, a fraction. */
  readonly markIv: number;
  /**
   * The forward the mark IV applies to (USD), a decimal string as OKX gives it; undefined when OKX
   * leaves it empty (the engine then values the option on the index, and says so).
   */
  readonly forwardPrice: string | undefined;
}

/**
 * Mark IV and forward of each held option `instIds` of the family; the other options of the
 * family are not read (a row of an option nobody holds cannot fail the read). A held option
 * without a usable `markVol`, or with a `fwdPx` that is no positive number, is refused by name;
 * an empty `fwdPx` is no forward.
 */
export function parseOkxOptionMarks(
  response: unknown,
  instFamily: string,
  instIds: readonly string[],
): Map<string, OkxOptionMark> {
  const reader = new PayloadReader(
    'okx',
    `${OKX_OPTION_SUMMARY_ENDPOINT}?instFamily=${instFamily}`,
  );
  const rows = reader.array(reader.object(response, 'response').data, 'data');
  const marks = new Map<string, OkxOptionMark>();
  for (const instId of instIds) {
    const index = rows.findIndex(
      (raw) =>
        typeof raw === 'object' && raw !== null && (raw as { instId?: unknown }).instId === instId,
    );
    if (index < 0) reader.fail('data', `has no row for the held option "${instId}"`);
    const row = reader.object(rows[index], `data[${index}]`);
    const where = `data[${index}] "${instId}"`;
    const markVol = new Decimal(reader.decimal(row.markVol, `${where} markVol`, 'positive'));
    // The portfolio file's bound on markIv (10, i.e. 1000%).
    if (markVol.gt(10))
      reader.fail(`${where} markVol`, `is ${markVol.toFixed()}, above 10 (1000%)`);
    marks.set(instId, {
      markIv: markVol.toNumber(),
      forwardPrice: reader.optionalDecimal(row.fwdPx, `${where} fwdPx`, 'positive'),
    });
  }
  return marks;
}
