/**
 * Writes the embedded Binance USDⓈ-M brackets (lib/engine/margin/binance-usdm-brackets-<date>.json)
 * from a recorded answer of Binance's signed `GET /fapi/v1/leverageBracket`: freqtrade's
 * `freqtrade/exchange/binance_leverage_tiers.json` (https://github.com/freqtrade/freqtrade), the
 * output of ccxt `fetchLeverageTiers` keyed by unified symbol, whose tiers keep Binance's raw
 * fields in `info` (`bracket`, `initialLeverage`, `notionalCap`, `notionalFloor`,
 * `maintMarginRatio`, `cum`).
 *
 *   npx tsx scripts/extract-binance-brackets.ts <binance_leverage_tiers.json> <commit> <YYYY-MM-DD>
 *
 * <commit> is the freqtrade commit the file was taken at and <YYYY-MM-DD> that commit's date
 * (`git log -1 --format=%cI -- freqtrade/exchange/binance_leverage_tiers.json`). Only the raw
 * Binance fields are kept, as strings exactly as recorded; nothing is computed. The engine checks
 * every `cum` against the recursion when it builds a table (lib/engine/margin/tiers.ts).
 *
 * The symbols: 30 major USDⓈ-M USDT perpetuals chosen by hand. They are not ranked by measured
 * trading volume — no volume figures were available where this was written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Unified ccxt bases of the embedded perpetuals (each `<base>/USDT:USDT`), chosen by hand. */
// prettier-ignore
const BASES = [
  'BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'AVAX', 'LINK', 'DOT',
  'LTC', 'BCH', 'TRX', 'SUI', 'TON', 'NEAR', 'APT', 'ARB', 'OP', 'FIL',
  'ATOM', 'ETC', 'UNI', 'AAVE', 'INJ', 'SEI', 'TIA', 'WIF', '1000PEPE', 'HBAR',
] as const;

const SELECTION =
  '30 major USDⓈ-M USDT perpetuals chosen by hand, not ranked by measured trading volume';

/** Binance's raw bracket fields kept per bracket, in this order. */
const FIELDS = ['notionalFloor', 'notionalCap', 'maintMarginRatio', 'cum', 'initialLeverage'];

function fail(message: string): never {
  throw new Error(`extract-binance-brackets: ${message}`);
}

function rawField(info: Record<string, unknown>, field: string, where: string): string {
  const value = info[field];
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) {
    fail(`${where} info.${field}: expected a decimal string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function bracketsOf(recorded: Record<string, unknown>, base: string): Record<string, string>[] {
  const symbol = `${base}/USDT:USDT`;
  const tiers = recorded[symbol];
  if (!Array.isArray(tiers) || tiers.length === 0) fail(`${symbol}: absent from the file`);
  return tiers.map((tier: unknown, index) => {
    const where = `${symbol} tier ${index + 1}`;
    if (typeof tier !== 'object' || tier === null) fail(`${where}: not an object`);
    const { currency, info } = tier as { currency?: unknown; info?: unknown };
    if (currency !== 'USDT') fail(`${where} currency: expected USDT, got ${String(currency)}`);
    if (typeof info !== 'object' || info === null) fail(`${where}: no info (Binance's fields)`);
    const raw = info as Record<string, unknown>;
    if (raw.bracket !== String(index + 1)) {
      fail(`${where} info.bracket: expected ${index + 1}, got ${JSON.stringify(raw.bracket)}`);
    }
    return Object.fromEntries(FIELDS.map((field) => [field, rawField(raw, field, where)]));
  });
}

function main(): void {
  const [file, commit, date] = process.argv.slice(2);
  if (!file || !commit || !date) {
    fail('usage: extract-binance-brackets.ts <binance_leverage_tiers.json> <commit> <YYYY-MM-DD>');
  }
  if (!/^[0-9a-f]{40}$/.test(commit)) fail(`commit: expected 40 hex digits, got ${commit}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`date: expected YYYY-MM-DD, got ${date}`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const brackets = Object.fromEntries(
    BASES.map((base) => [`${base}USDT`, bracketsOf(recorded, base)]),
  );
  const data = {
    source: `Binance GET /fapi/v1/leverageBracket, as recorded in freqtrade/freqtrade binance_leverage_tiers.json at ${commit} (${date})`,
    asOf: date,
    selection: SELECTION,
    generatedBy: `npx tsx scripts/extract-binance-brackets.ts binance_leverage_tiers.json ${commit} ${date}`,
    brackets,
  };
  const out = path.join(
    import.meta.dirname,
    '..',
    'lib',
    'engine',
    'margin',
    `binance-usdm-brackets-${date}.json`,
  );
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${out}: ${BASES.length} perpetuals`);
}

main();
