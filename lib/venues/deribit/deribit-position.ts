import type Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';

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
  /** The underlying's index price in USD (`index_price`), what option margin is computed on. */
  readonly indexPrice?: Decimal;
}

/**
 * Reads one position; `undefined` for an entry of size zero (`direction` "zero": nothing is
 * held). `instrumentOf` looks an instrument name up among the loaded markets.
 */
export function readDeribitPosition(
  raw: unknown,
  index: number,
  reader: PayloadReader,
  instrumentOf: (instrumentName: string) => DeribitInstrument | undefined,
): DeribitPosition | undefined {
  const place = `result[${index}]`;
  const record = reader.object(raw, place);
  const instrumentName = reader.text(record.instrument_name, `${place} instrument_name`);
  const where = `${place} "${instrumentName}"`;
  const kind = reader.text(record.kind, `${where} kind`);
  if (kind !== 'future' && kind !== 'option') {
    reader.fail(
      `${where} kind`,
      `is "${kind}": such positions are not supported (Margin Lens reads futures, perpetuals and options)`,
    );
  }
  const size = reader.jsonNumber(record.size, `${where} size`);
  const direction = reader.text(record.direction, `${where} direction`);
  if (direction === 'zero' || size.isZero()) return undefined;
  if (direction !== 'buy' && direction !== 'sell')
    reader.fail(`${where} direction`, `must be "buy", "sell" or "zero", got "${direction}"`);
  if ((direction === 'buy') !== size.gt(0))
    reader.fail(`${where} size`, `${size.toFixed()} contradicts the direction "${direction}"`);
  const instrument = instrumentOf(instrumentName);
  if (instrument === undefined)
    reader.fail(`${where} instrument_name`, 'is not among the instruments Deribit listed');
  if (instrument.kind !== kind)
    reader.fail(`${where} kind`, `is "${kind}" but the instrument is a ${instrument.kind}`);
  const leverage =
    kind === 'future' ? reader.optionalJsonNumber(record.leverage, `${where} leverage`) : undefined;
  const estimatedLiquidationPrice =
    kind === 'future'
      ? reader.optionalJsonNumber(
          record.estimated_liquidation_price,
          `${where} estimated_liquidation_price`,
        )
      : undefined;
  const indexPrice = reader.optionalJsonNumber(record.index_price, `${where} index_price`);
  return {
    instrumentName,
    instrument,
    side: direction === 'buy' ? 'long' : 'short',
    size: size.abs(),
    averagePrice: reader.jsonNumber(record.average_price, `${where} average_price`, 'positive'),
    markPrice: reader.jsonNumber(record.mark_price, `${where} mark_price`, 'positive'),
    initialMargin: reader.jsonNumber(record.initial_margin, `${where} initial_margin`),
    maintenanceMargin: reader.jsonNumber(record.maintenance_margin, `${where} maintenance_margin`),
    ...(estimatedLiquidationPrice !== undefined && { estimatedLiquidationPrice }),
    ...(leverage !== undefined && leverage.gt(0) && { leverage: leverage.toNumber() }),
    ...(indexPrice !== undefined && indexPrice.gt(0) && { indexPrice }),
  };
}
