import { hyperliquidMarketName } from './hyperliquid-market-name';
import { parseSymbol } from './parse-symbol';
import { InstrumentKind, type Instrument } from './types';
import { isUsdStablecoin } from './usd-stablecoins';

/**
 * Instrument names as a trader reads them, never a ccxt unified symbol. The symbol is read by the
 * engine's one parser (parse-symbol.ts, expiries by expiry.ts); the name is
 *
 *   <underlying>[/<quote>] <what>
 *
 * - underlying: the base asset; a Hyperliquid HIP-3 market (`XYZ-NVDA/USDC:USDC`, ccxt's
 *   `DEX-ASSET` base) as Hyperliquid writes it, `xyz:NVDA`;
 * - quote: left out when it is USD or a USD stablecoin (USDT, USDC: prices read as dollars),
 *   written otherwise (`ETH/BTC perp`: prices in BTC);
 * - what: `perp`, `<d Mon yy> future`, `<d Mon yy> <strike> C|P` for options, `spot`; the date is
 *   the expiry's (08:00 UTC), the strike with thousands separators (`3,000`, `0.5`).
 *
 * `BTC/USDT:USDT` → "BTC perp", `BTC/USD:BTC-261225` → "BTC 25 Dec 26 future",
 * `ETH/USD:ETH-260327-3000-C` → "ETH 27 Mar 26 3,000 C", `XYZ-NVDA/USDC:USDC` → "xyz:NVDA perp".
 *
 * The name does not say how the contract is margined (linear in USDT or USDC, inverse in the
 * coin): a view shows the account and its settlement asset beside it. Where one view lists two
 * instruments with the same name (Bybit's BTCUSDT and BTCUSD perps), `instrumentNames` adds the
 * settlement to those only: "BTC perp (USDT)", "BTC perp (inverse)".
 *
 * A symbol the parser does not read is returned as given; neither function throws.
 */
export function instrumentName(symbol: string): string {
  const read = readSymbol(symbol);
  return read === null ? symbol : plainName(read.instrument, read.underlying);
}

/**
 * The names of the instruments one view lists, by symbol: each `instrumentName`, with the
 * settlement added where two different symbols would otherwise read the same — `(USDT)`,
 * `(USDC)` for linear contracts, `(inverse)` for coin-margined ones (`(USD inverse)` should two
 * inverse contracts differ by quote only). Cost: O(n) in the symbols.
 */
export function instrumentNames(symbols: readonly string[]): ReadonlyMap<string, string> {
  const unique = [...new Set(symbols)];
  const reads = unique.map((symbol) => ({ symbol, read: readSymbol(symbol) }));
  const plain = reads.map(({ symbol, read }) =>
    read === null ? symbol : plainName(read.instrument, read.underlying),
  );
  const count = (names: readonly string[], name: string) =>
    names.filter((other) => other === name).length;
  const tagged = reads.map(({ read }, index) => {
    const name = plain[index] ?? '';
    if (read === null || count(plain, name) < 2) return name;
    return `${name} (${settlementTag(read.instrument, false)})`;
  });
  return new Map(
    reads.map(({ symbol, read }, index) => {
      const name = tagged[index] ?? symbol;
      if (read === null || count(tagged, name) < 2) return [symbol, name];
      return [symbol, `${plain[index] ?? symbol} (${settlementTag(read.instrument, true)})`];
    }),
  );
}

/** The parsed instrument and how its underlying is written, or null when the parser refuses it. */
function readSymbol(symbol: string): { instrument: Instrument; underlying: string } | null {
  const parsed = parseSymbol(symbol);
  if ('error' in parsed) return null;
  // HIP-3: ccxt's XYZ-NVDA base is written as Hyperliquid writes the market, xyz:NVDA.
  return { instrument: parsed, underlying: hyperliquidMarketName(parsed.base) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function plainName(instrument: Instrument, underlying: string): string {
  const pair = isUsdStablecoin(instrument.quote) ? underlying : `${underlying}/${instrument.quote}`;
  switch (instrument.kind) {
    case InstrumentKind.spot:
      return `${pair} spot`;
    case InstrumentKind.linearPerpetual:
    case InstrumentKind.inversePerpetual:
      return `${pair} perp`;
    case InstrumentKind.linearFuture:
    case InstrumentKind.inverseFuture:
      return `${pair} ${expiryDate(instrument.expiryTimeMs)} future`;
    case InstrumentKind.option:
      return `${pair} ${expiryDate(instrument.expiryTimeMs)} ${instrument.strike.toLocaleString(
        'en-US',
        { maximumFractionDigits: 8 },
      )} ${instrument.optionType === 'call' ? 'C' : 'P'}`;
  }
}

/** "25 Dec 26": the expiry's UTC date, day without a leading zero, two-digit year. */
function expiryDate(expiryTimeMs: number): string {
  const date = new Date(expiryTimeMs);
  const year = String(date.getUTCFullYear() % 100).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${year}`;
}

/** How the contract settles: its settlement asset when linear, "inverse" when margined in the coin. */
function settlementTag(instrument: Instrument, withQuote: boolean): string {
  const inverse =
    instrument.kind === InstrumentKind.inversePerpetual ||
    instrument.kind === InstrumentKind.inverseFuture ||
    (instrument.kind === InstrumentKind.option && instrument.settle === instrument.base);
  if (!inverse) return instrument.settle;
  return withQuote ? `${instrument.quote} inverse` : 'inverse';
}
