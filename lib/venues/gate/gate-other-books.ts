import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * Gate's futures books Margin Lens does not compute, read only to refuse them by name rather than
 * leave their positions out of the account: BTC-settled (inverse) perpetuals,
 * `GET /api/v4/futures/btc/positions`, and USDT delivery futures,
 * `GET /api/v4/delivery/usdt/positions` (https://www.gate.com/docs/developers/apiv4/en/#get-user-position-list
 * and #get-user-position-list-2; both answer the same `Position` rows as gate-positions.ts). Each is its own wallet at Gate; a position held in either refuses the
 * connection, naming the contract.
 */
export const GATE_OTHER_BOOKS = {
  inverse: {
    endpoint: 'GET /api/v4/futures/btc/positions',
    what: 'BTC-settled (inverse) perpetual',
  },
  delivery: { endpoint: 'GET /api/v4/delivery/usdt/positions', what: 'USDT delivery future' },
} as const;

export function refuseGateOtherBook(
  response: unknown,
  book: (typeof GATE_OTHER_BOOKS)[keyof typeof GATE_OTHER_BOOKS],
): void {
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
