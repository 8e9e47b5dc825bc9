/**
 * Writes the embedded Bybit linear risk limits (lib/engine/margin/bybit-risk-limits-<date>.json)
 * from a recorded answer of Bybit's public `GET /v5/market/risk-limit?category=linear`: a
 * freqtrade leverage-tier cache `…/bybit/futures/leverage_tiers_USDT.json` committed in a public
 * repository, the output of ccxt `fetchLeverageTiers` keyed by unified symbol
 * (`{"updated": <time>, "data": {<symbol>: [tier, …]}}`), whose tiers keep Bybit's raw row in
 * `info` (`id`, `symbol`, `riskLimitValue`, `maintenanceMargin`, `initialMargin`, `isLowestRisk`,
 * `maxLeverage`, `mmDeduction`).
 *
 *   npx tsx scripts/extract-bybit-risk-limits.ts <leverage_tiers_USDT.json> <owner/name> <path> <commit> <YYYY-MM-DD>
 *
 * <owner/name>, <path> and <commit> say where the file was taken (for the data file's `source`),
 * <YYYY-MM-DD> is the file's own `updated` date (checked against the file). Only Bybit's raw fields
 * are kept, as strings exactly as recorded; nothing is computed. The engine checks every
 * `mmDeduction` against the recursion when it builds a table (lib/engine/margin/tiers.ts).
 *
 * The embedded file: erikubingf-del/tradingtest `user_data/data/bybit/futures/leverage_tiers_USDT.json`
 * at 30f372055f2e4695ecd9d75d0d2cd39319579ce1 (`updated` 2025-12-29), which holds all 30.
 *
 * The symbols: the 30 major USDT perpetuals chosen by hand for Binance
 * (scripts/extract-binance-brackets.ts), not ranked by measured trading volume; any the recording
 * lacks are named in the data file's `absent`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRecordedTierCache } from './support/freqtrade-tier-cache';

/** Bybit bases of the hand-chosen perpetuals (each `<base>USDT`), the Binance list's order. */
// prettier-ignore
const BASES = [
  'BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'AVAX', 'LINK', 'DOT',
  'LTC', 'BCH', 'TRX', 'SUI', 'TON', 'NEAR', 'APT', 'ARB', 'OP', 'FIL',
  'ATOM', 'ETC', 'UNI', 'AAVE', 'INJ', 'SEI', 'TIA', 'WIF', '1000PEPE', 'HBAR',
] as const;

const SELECTION =
  'the 30 major USDT perpetuals chosen by hand for Binance, not ranked by measured trading volume';

/** Bybit's raw risk-limit fields kept per row, in this order. */
const FIELDS = ['riskLimitValue', 'maintenanceMargin', 'maxLeverage', 'mmDeduction'] as const;

function fail(message: string): never {
  throw new Error(`extract-bybit-risk-limits: ${message}`);
}

function rawField(info: Record<string, unknown>, field: string, where: string): string {
  const value = info[field];
  const emptyAllowed = field === 'mmDeduction';
  if (
    typeof value !== 'string' ||
    !(/^\d+(\.\d+)?$/.test(value) || (emptyAllowed && value === ''))
  ) {
    fail(`${where} info.${field}: expected a decimal string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function rowsOf(tiers: unknown, base: string): Record<string, string>[] {
  const symbol = `${base}/USDT:USDT`;
  if (!Array.isArray(tiers) || tiers.length === 0) fail(`${symbol}: no tiers`);
  return tiers.map((tier: unknown, index) => {
    const where = `${symbol} tier ${index + 1}`;
    if (typeof tier !== 'object' || tier === null) fail(`${where}: not an object`);
    const { info } = tier as { info?: unknown };
    if (typeof info !== 'object' || info === null) fail(`${where}: no info (Bybit's row)`);
    const raw = info as Record<string, unknown>;
    if (raw.symbol !== `${base}USDT`) {
      fail(`${where} info.symbol: expected ${base}USDT, got ${JSON.stringify(raw.symbol)}`);
    }
    return Object.fromEntries(FIELDS.map((field) => [field, rawField(raw, field, where)]));
  });
}

function main(): void {
  const recorded = readRecordedTierCache(
    process.argv.slice(2),
    'extract-bybit-risk-limits.ts',
    fail,
  );
  const { repository, repositoryPath, commit, date, data } = recorded;
  const present = BASES.filter((base) => Object.hasOwn(data, `${base}/USDT:USDT`));
  const absent = BASES.filter((base) => !present.includes(base)).map((base) => `${base}USDT`);
  const riskLimits = Object.fromEntries(
    present.map((base) => [`${base}USDT`, rowsOf(data[`${base}/USDT:USDT`], base)]),
  );
  const output = {
    source: `Bybit GET /v5/market/risk-limit (category=linear), as recorded in ${repository} ${repositoryPath} at ${commit} (read ${recorded.updated})`,
    asOf: date,
    selection: SELECTION,
    absent,
    generatedBy: `npx tsx scripts/extract-bybit-risk-limits.ts leverage_tiers_USDT.json ${repository} ${repositoryPath} ${commit} ${date}`,
    riskLimits,
  };
  const out = path.join(
    import.meta.dirname,
    '..',
    'lib',
    'engine',
    'margin',
    `bybit-risk-limits-${date}.json`,
  );
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(
    `${out}: ${present.length} perpetuals (${absent.length === 0 ? 'none absent' : `absent: ${absent.join(', ')}`})`,
  );
}

main();
