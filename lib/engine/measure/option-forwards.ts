import type { LiveMarket } from '../market/market-snapshot';
import { isLiveMarketInput } from '../market/market-snapshot';
import { InstrumentKind, type Account } from '../product/types';

/**
 * The forward each option is priced on: its own expiry's, not the index. An option on a coin
 * settles against that coin at its expiry, so Black-76 takes the forward F_T of that expiry
 * (Black 1976); pricing it on the index S is right only when the basis F_T − S is nil, and crypto
 * futures often trade several percent over the index months out. In order:
 *
 * 0. the venue's: the forward the position's own venue quotes beside the mark IV it gave
 *    (`forwardPrice`: OKX `fwdPx`, Bybit `underlyingPrice`, Deribit `underlying_price`), so the
 *    option is valued on the forward its venue's IV was fitted to;
 * 1. live: the `underlying_price` Deribit quotes beside each option's mark IV in
 *    `public/get_book_summary_by_currency` — the forward (the expiry's future, or Deribit's
 *    synthetic forward from put–call parity where no future lists) that the mark IV applies to
 *    (https://docs.deribit.com/#public-get_book_summary_by_currency);
 * 2. a dated future on the same coin and the same expiry held in the book: its mark;
 * 3. otherwise none: the caller prices on the index and the report says so.
 *
 * Output: by option position ({@link optionForwardKey}: two venues list the same ccxt symbol, e.g.
 * OKX's and Deribit's BTC/USD:BTC-…, each with its own forward), the forward (USD) and where it
 * came from, in words.
 */
export interface OptionForward {
  readonly value: number;
  /**
   * `venue`: the position's own venue, from the file; `live`: quoted by Deribit beside the option;
   * `future`: a future of the book's.
   */
  readonly from: 'venue' | 'live' | 'future';
  readonly source: string;
}

/** The key of an option position's forward: its account and its index in the account. */
export function optionForwardKey(accountId: string, positionIndex: number): string {
  return `${accountId}\u0000${positionIndex}`;
}

export function optionForwards(
  accounts: readonly Account[],
  live: LiveMarket | undefined,
): ReadonlyMap<string, OptionForward> {
  const liveForwards = isLiveMarketInput(live) ? live.optionMarkIvs : undefined;
  // Futures' marks by coin and expiry.
  const futures = new Map<string, { value: number; symbol: string }>();
  for (const account of accounts)
    for (const position of account.positions) {
      const instrument = position.instrument;
      if (
        instrument.kind !== InstrumentKind.linearFuture &&
        instrument.kind !== InstrumentKind.inverseFuture
      )
        continue;
      const mark = position.markPrice.toNumber();
      if (mark > 0)
        futures.set(`${instrument.base}|${instrument.expiryTimeMs}`, {
          value: mark,
          symbol: position.symbol,
        });
    }
  const forwards = new Map<string, OptionForward>();
  for (const account of accounts)
    for (const [index, position] of account.positions.entries()) {
      const instrument = position.instrument;
      if (instrument.kind !== InstrumentKind.option) continue;
      const key = optionForwardKey(account.id, index);
      const own = position.forwardPrice?.toNumber();
      if (own !== undefined && own > 0) {
        forwards.set(key, {
          value: own,
          from: 'venue',
          source: `the forward the venue (${account.venue}) quotes beside its mark IV (forwardPrice)`,
        });
        continue;
      }
      const quoted = liveForwards?.forwards?.[position.symbol];
      if (quoted !== undefined && quoted > 0) {
        forwards.set(key, {
          value: quoted,
          from: 'live',
          source: `${liveForwards?.source ?? 'live'}: the forward its mark IV applies to (underlying_price)`,
        });
        continue;
      }
      const future = futures.get(`${instrument.base}|${instrument.expiryTimeMs}`);
      if (future !== undefined)
        forwards.set(key, {
          value: future.value,
          from: 'future',
          source: `the mark of ${future.symbol}, the future of the same expiry in the book`,
        });
    }
  return forwards;
}
