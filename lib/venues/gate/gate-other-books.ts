import { AccountNotEnabled, NotSupported, PermissionDenied } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { venueErrorCode } from '../api/connection-problem';
import { PayloadReader } from '../api/payload-reader';

/**
 * Gate's futures books Margin Lens does not compute, read only to refuse them by name rather than
 * leave their positions out of the account: BTC-settled (inverse) perpetuals,
 * `GET /api/v4/futures/btc/positions`, and USDT delivery futures,
 * `GET /api/v4/delivery/usdt/positions` (https://www.gate.com/docs/developers/apiv4/en/#get-user-position-list
 * and #get-user-position-list-2; both answer the same `Position` rows as gate-positions.ts). Each
 * is its own wallet at Gate; a position held in either refuses the connection, naming the
 * contract.
 *
 * Gate's refusals of these reads:
 * - label USER_NOT_FOUND: the trader never opened a futures account in that settlement currency
 *   (`{"label":"USER_NOT_FOUND","detail":"please transfer funds first to create futures
 *   account"}`, ccxt/ccxt#13249, 2022-05-14; gateio/gateapi-python#138). No book, so nothing
 *   held there: read as an empty book.
 * - label FORBIDDEN: the key may not read that book (a key without the Delivery permission).
 *   Decision: the connection is refused (permission denied), naming the book and the permission
 *   to grant, read only. A read that went on would let a position in that book go unseen, and a
 *   note beside a computed account would be easy to miss; granting the read fixes it for good.
 */
export const GATE_OTHER_BOOKS = {
  inverse: {
    endpoint: 'GET /api/v4/futures/btc/positions',
    what: 'BTC-settled (inverse) perpetual',
    permission: 'Perpetual futures',
  },
  delivery: {
    endpoint: 'GET /api/v4/delivery/usdt/positions',
    what: 'USDT delivery future',
    permission: 'Delivery',
  },
} as const;

type GateOtherBook = (typeof GATE_OTHER_BOOKS)[keyof typeof GATE_OTHER_BOOKS];

/** Reads one book with `read` and refuses a position held there (module doc). */
export async function readGateOtherBook(
  read: () => Promise<unknown>,
  book: GateOtherBook,
): Promise<void> {
  let response: unknown;
  try {
    response = await read();
  } catch (error) {
    const label = venueErrorCode(error);
    if (error instanceof AccountNotEnabled && label === 'USER_NOT_FOUND') return;
    if (error instanceof PermissionDenied && label === 'FORBIDDEN')
      throw new PermissionDenied(
        `gate: the key may not read ${book.endpoint} (Gate FORBIDDEN). Margin Lens reads the ${book.what} book so that no position there is left out of the account: give the key the ${book.permission} permission, read only.`,
      );
    throw error;
  }
  refuseGateOtherBook(response, book);
}

export function refuseGateOtherBook(response: unknown, book: GateOtherBook): void {
  const reader = new PayloadReader('gate', book.endpoint);
  reader.array(response, 'response').forEach((raw, index) => {
    const row = reader.object(raw, `[${index}]`);
    const contract = reader.text(row.contract, `[${index}] contract`);
    const size = reader.numericDecimal(row.size, `[${index}] "${contract}" size`);
    if (!new Decimal(size).isZero())
      throw new NotSupported(
        `gate: a ${book.what} position (${contract}) is not computed yet; Margin Lens reads Gate's USDT-margined perpetuals`,
      );
  });
}
