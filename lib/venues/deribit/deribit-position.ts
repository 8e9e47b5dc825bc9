import type Decimal from 'decimal.js';
import type { DeribitPayloadReader } from './deribit-payload-reader';

/**
 * One `private/get_positions` entry, read and checked
 * (https://docs.deribit.com/api-reference/account-management/private-get_positions).
 *
 * Units, as Deribit documents them: futures' `size` is in USD (signed, negative for a short),
 * options' `size` is in coin; futures' prices are USD per coin, options' prices are coin per
 * option; margins and P&L are in the settlement coin. `estimated_liquidation_price` is "added
 * only for futures, for users with segregated_sm margin model".
 */
export interface DeribitInstrument {
  /** ccxt unified symbol, e.g. `BTC/USD:BTC-261226-120000-C`. */
  readonly symbol: string;
  /** Settlement currency (BTC, ETH, USDC…). */
  readonly settle: string;
  readonly kind: 'future' | 'option';
  /** USD per contract for inverse futures, coin per contract for options (`contract_size`). */
  readonly contractSize: Decimal;
  /** Deribit's index name, e.g. `btc_usd` (`price_index`), when the instrument carries one. */
  readonly priceIndex?: string;
}

export interface DeribitPosition {
  readonly instrumentName: string;
  readonly instrument: DeribitInstrument;
  readonly side: 'long' | 'short';
  /** |size|: USD for futures, coin for options. */
  readonly size: Decimal;
  readonly averagePrice: Decimal;
  readonly markPrice: Decimal;
  readonly initialMargin: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly estimatedLiquidationPrice?: Decimal;
  readonly leverage?: number;
}

/**
 * Reads one position; `undefined` for an entry of size zero (`direction` "zero": nothing is
 * held). `instrumentOf` looks an instrument name up among the loaded markets.
 */
export function readDeribitPosition(
  raw: unknown,
  index: number,
  reader: DeribitPayloadReader,
  instrumentOf: (instrumentName: string) => DeribitInstrument | undefined,
): DeribitPosition | undefined {
  const place = `result[${index}]`;
  const record = reader.object(raw, place);
  const instrumentName = reader.string(record, 'instrument_name', place);
  const where = `${place} "${instrumentName}"`;
  const kind = reader.string(record, 'kind', where);
  if (kind !== 'future' && kind !== 'option') {
    reader.fail(
      `${where} kind`,
      `"${kind}" positions are not supported (Margin Lens reads futures, perpetuals and options)`,
    );
  }
  const size = reader.decimal(record, 'size', where);
  const direction = reader.string(record, 'direction', where);
  if (direction === 'zero' || size.isZero()) return undefined;
  if (direction !== 'buy' && direction !== 'sell')
    reader.fail(`${where} direction`, `expected "buy", "sell" or "zero", got "${direction}"`);
  if ((direction === 'buy') !== size.gt(0))
    reader.fail(`${where} size`, `${size.toFixed()} contradicts direction "${direction}"`);
  const instrument = instrumentOf(instrumentName);
  if (instrument === undefined)
    reader.fail(`${where} instrument_name`, 'is not among the instruments Deribit listed');
  if (instrument.kind !== kind)
    reader.fail(`${where} kind`, `"${kind}" but the instrument is a ${instrument.kind}`);
  const leverage =
    kind === 'future' ? reader.optionalDecimal(record, 'leverage', where) : undefined;
  const estimatedLiquidationPrice =
    kind === 'future'
      ? reader.optionalDecimal(record, 'estimated_liquidation_price', where)
      : undefined;
  return {
    instrumentName,
    instrument,
    side: direction === 'buy' ? 'long' : 'short',
    size: size.abs(),
    averagePrice: reader.positive(record, 'average_price', where),
    markPrice: reader.positive(record, 'mark_price', where),
    initialMargin: reader.decimal(record, 'initial_margin', where),
    maintenanceMargin: reader.decimal(record, 'maintenance_margin', where),
    ...(estimatedLiquidationPrice !== undefined && { estimatedLiquidationPrice }),
    ...(leverage !== undefined && leverage.gt(0) && { leverage: leverage.toNumber() }),
  };
}
