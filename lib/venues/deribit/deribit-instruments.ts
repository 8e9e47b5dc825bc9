import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';
import type { DeribitInstrument } from './deribit-position';

/**
 * Deribit instruments by name, from the markets ccxt loaded (`public/get_instruments`,
 * https://docs.deribit.com/api-reference/market-data/public-get_instruments): the ccxt symbol
 * and settlement currency, and from the raw instrument its `contract_size` (10 USD for BTC and
 * ETH inverse futures, 1 coin for options) and `price_index`.
 */
interface CcxtMarket {
  readonly symbol?: unknown;
  readonly settle?: unknown;
  readonly option?: unknown;
  readonly swap?: unknown;
  readonly future?: unknown;
  readonly info?: unknown;
}

export function deribitInstrumentLookup(
  marketsById: Readonly<Record<string, unknown>> | undefined,
  reader: PayloadReader,
): (instrumentName: string) => DeribitInstrument | undefined {
  return (instrumentName) => {
    const candidates = marketsById?.[instrumentName];
    const market = (Array.isArray(candidates) ? candidates[0] : undefined) as
      CcxtMarket | undefined;
    if (market === undefined) return undefined;
    const where = `instrument "${instrumentName}"`;
    const info = reader.object(market.info, where);
    const kind =
      market.option === true
        ? 'option'
        : market.swap === true || market.future === true
          ? 'future'
          : undefined;
    if (kind === undefined) reader.fail(`${where} kind`, 'is neither a future nor an option');
    if (typeof market.symbol !== 'string' || typeof market.settle !== 'string')
      reader.fail(`${where} settlement_currency`, 'is missing');
    const contractSize: Decimal = reader.jsonNumber(
      info.contract_size,
      `${where} contract_size`,
      'positive',
    );
    const priceIndex = info.price_index;
    return {
      symbol: market.symbol,
      settle: market.settle,
      kind,
      contractSize: new Decimal(contractSize),
      ...(typeof priceIndex === 'string' && { priceIndex }),
    };
  };
}
