import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * Bitget's futures books Margin Lens does not compute, read only to refuse a position held there
 * by name rather than leave it out unseen: USDC-M (`productType=USDC-FUTURES`) and coin-M
 * (`COIN-FUTURES`) futures, each its own margin account at Bitget. The same "Get All Positions"
 * endpoint answers them in the same rows as the USDT-M book (https://www.bitget.com/api-doc/
 * contract/position/get-all-position: `productType` USDT-FUTURES, COIN-FUTURES or
 * USDC-FUTURES), with the key's futures read permission: one request per book.
 */
export const BITGET_OTHER_BOOKS = [
  { productType: 'USDC-FUTURES', what: 'USDC-M futures' },
  { productType: 'COIN-FUTURES', what: 'coin-M futures' },
] as const;

export type BitgetOtherBook = (typeof BITGET_OTHER_BOOKS)[number];

/** Refuses a position held in `book` (module doc); an empty book passes. */
export function refuseBitgetOtherBook(response: unknown, book: BitgetOtherBook): void {
  const reader = new PayloadReader(
    'bitget',
    `GET /api/v2/mix/position/all-position?productType=${book.productType}`,
  );
  reader.array(reader.object(response, 'response').data, 'data').forEach((raw, index) => {
    const row = reader.object(raw, `data[${index}]`);
    const symbol = reader.text(row.symbol, `data[${index}] symbol`);
    const size = reader.decimal(row.total, `data[${index}] "${symbol}" total`, 'nonNegative');
    if (!new Decimal(size).isZero())
      throw new NotSupported(
        `bitget: a ${book.what} position (${symbol}) is not computed yet; Margin Lens reads Bitget's USDT-M futures only. Close it, or enter the account in a portfolio file.`,
      );
  });
}
