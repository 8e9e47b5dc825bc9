/**
 * Writes the embedded OKX position tiers (lib/engine/margin/okx-position-tiers-<date>.json) from a
 * recorded answer of OKX's public `GET /api/v5/public/position-tiers` (instType=SWAP, one
 * instrument family at a time): a freqtrade leverage-tier cache
 * `…/okx/futures/leverage_tiers_USDT.json` committed in a public repository (the embedded file:
 * https://github.com/loveolu/crypto-strategy-research
 * `user_data/data/okx/futures/leverage_tiers_USDT.json` at
 * 346d4b70dd15035b77c23d782edfdb3690f542ad), the output of ccxt `fetchLeverageTiers`
 * keyed by unified symbol (`{"updated": <time>, "data": {<symbol>: [tier, …]}}`), whose tiers keep
 * OKX's raw row in `info` (`tier`, `minSz`, `maxSz` in contracts, `mmr`, `imr`, `maxLever`,
 * `instFamily`).
 *
 *   npx tsx scripts/extract-okx-position-tiers.ts <leverage_tiers_USDT.json> <owner/name> <path> <commit> <YYYY-MM-DD>
 *
 * <owner/name>, <path> and <commit> say where the file was taken (for the data file's `source`),
 * <YYYY-MM-DD> is the file's own `updated` date (checked against the file). Only OKX's raw fields are kept, as strings exactly as
 * recorded; nothing is computed. The script refuses a table whose tiers are not numbered 1…N or
 * whose sizes do not run on (each `minSz` above the previous `maxSz` by at most one contract).
 *
 * OKX tiers count contracts, so each embedded table also carries the instrument's contract value
 * `ctVal` (`GET /api/v5/public/instruments`), which the position-tier answer does not hold; the
 * values and their sources are listed below ({@link CONTRACT_VALUES}).
 *
 * The symbols: the 30 major USDT perpetuals chosen by hand for Binance
 * (scripts/extract-binance-brackets.ts), not ranked by measured trading volume; OKX lists
 * Binance's 1000PEPE as PEPE (PEPE-USDT-SWAP, 10,000,000 PEPE a contract).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readRecordedTierCache } from './support/freqtrade-tier-cache';

const SELECTION =
  'the 30 major USDT perpetuals chosen by hand for Binance, not ranked by measured trading volume (OKX lists 1000PEPE as PEPE)';

const INSTRUMENTS_2023 =
  'GET /api/v5/public/instruments?instType=SWAP ctVal, as tabulated in crypto-crawler/crypto-msg-parser crypto-contract-value/src/exchanges/okx.rs at b5d9a39158962a7e59a8953179e96d8843ee9d1f (2023-11-27)';

/**
 * Each instrument's contract value with where it was read. Most come from one table written from
 * OKX's instruments endpoint (2023-11-27; unchanged in every earlier version of that table back to
 * January 2023); INJ, SEI and WIF were listed later or are not in it.
 */
// prettier-ignore
const CONTRACT_VALUES: Readonly<Record<string, { readonly ctVal: string; readonly source: string }>> = {
  BTC: { ctVal: '0.01', source: INSTRUMENTS_2023 },
  ETH: { ctVal: '0.1', source: INSTRUMENTS_2023 },
  SOL: { ctVal: '1', source: INSTRUMENTS_2023 },
  XRP: { ctVal: '100', source: INSTRUMENTS_2023 },
  DOGE: { ctVal: '1000', source: INSTRUMENTS_2023 },
  BNB: { ctVal: '0.01', source: INSTRUMENTS_2023 },
  ADA: { ctVal: '100', source: INSTRUMENTS_2023 },
  AVAX: { ctVal: '1', source: INSTRUMENTS_2023 },
  LINK: { ctVal: '1', source: INSTRUMENTS_2023 },
  DOT: { ctVal: '1', source: INSTRUMENTS_2023 },
  LTC: { ctVal: '1', source: INSTRUMENTS_2023 },
  BCH: { ctVal: '0.1', source: INSTRUMENTS_2023 },
  TRX: { ctVal: '1000', source: INSTRUMENTS_2023 },
  SUI: { ctVal: '1', source: INSTRUMENTS_2023 },
  TON: { ctVal: '1', source: INSTRUMENTS_2023 },
  NEAR: { ctVal: '10', source: INSTRUMENTS_2023 },
  APT: { ctVal: '1', source: INSTRUMENTS_2023 },
  ARB: { ctVal: '10', source: INSTRUMENTS_2023 },
  OP: { ctVal: '1', source: INSTRUMENTS_2023 },
  FIL: { ctVal: '0.1', source: INSTRUMENTS_2023 },
  ATOM: { ctVal: '1', source: INSTRUMENTS_2023 },
  ETC: { ctVal: '10', source: INSTRUMENTS_2023 },
  UNI: { ctVal: '1', source: INSTRUMENTS_2023 },
  AAVE: { ctVal: '0.1', source: INSTRUMENTS_2023 },
  INJ: { ctVal: '0.1', source: 'OKX announcement "OKX to list perpetual for INJ and enable margin trading and Simple Earn" ("Face value 0.1"), as copied at coincarp.com; dated November 30 (2023)' },
  SEI: { ctVal: '10', source: 'OKX SEI USDT-margined perpetual listing ("face value of 10"), as reported by blockchainnews.com on 2025-11-14' },
  TIA: { ctVal: '1', source: INSTRUMENTS_2023 },
  WIF: { ctVal: '1', source: 'no OKX publication found; two third-party ctVal tables read from GET /api/v5/public/instruments (about 2024-11 and 2025) agree on 1 WIF' },
  PEPE: { ctVal: '10000000', source: INSTRUMENTS_2023 },
  HBAR: { ctVal: '100', source: INSTRUMENTS_2023 },
};

/** OKX's raw position-tier fields kept per row, in this order. */
const FIELDS = ['tier', 'minSz', 'maxSz', 'mmr', 'imr', 'maxLever'] as const;

function fail(message: string): never {
  throw new Error(`extract-okx-position-tiers: ${message}`);
}

function rawField(info: Record<string, unknown>, field: string, where: string): string {
  const value = info[field];
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) {
    fail(`${where} info.${field}: expected a decimal string, got ${JSON.stringify(value)}`);
  }
  return value;
}

function rowsOf(tiers: unknown, base: string): string[][] {
  const symbol = `${base}/USDT:USDT`;
  if (!Array.isArray(tiers) || tiers.length === 0) fail(`${symbol}: no tiers`);
  const rows = tiers.map((tier: unknown, index) => {
    const where = `${symbol} tier ${index + 1}`;
    if (typeof tier !== 'object' || tier === null) fail(`${where}: not an object`);
    const { info } = tier as { info?: unknown };
    if (typeof info !== 'object' || info === null) fail(`${where}: no info (OKX's row)`);
    const raw = info as Record<string, unknown>;
    if (raw.instFamily !== `${base}-USDT`) {
      fail(
        `${where} info.instFamily: expected ${base}-USDT, got ${JSON.stringify(raw.instFamily)}`,
      );
    }
    return FIELDS.map((field) => rawField(raw, field, where));
  });
  rows.forEach(([tier, minSz, maxSz], index) => {
    const where = `${symbol} tier ${index + 1}`;
    if (Number(tier) !== index + 1) fail(`${where}: numbered ${tier}`);
    if (!(Number(maxSz) > Number(minSz))) fail(`${where}: maxSz ${maxSz} not above minSz ${minSz}`);
    const previousMax = index === 0 ? null : Number(rows[index - 1]?.[2]);
    const gap = previousMax === null ? Number(minSz) : Number(minSz) - previousMax;
    if (previousMax === null ? gap !== 0 : !(gap > 0 && gap <= 1)) {
      fail(`${where}: minSz ${minSz} does not follow the previous maxSz ${String(previousMax)}`);
    }
  });
  return rows;
}

function main(): void {
  const recorded = readRecordedTierCache(
    process.argv.slice(2),
    'extract-okx-position-tiers.ts',
    fail,
  );
  const { repository, repositoryPath, commit, date, data } = recorded;
  const bases = Object.keys(CONTRACT_VALUES);
  const absent = bases.filter((base) => !Object.hasOwn(data, `${base}/USDT:USDT`));
  if (absent.length > 0) fail(`no tiers for ${absent.join(', ')}`);
  const positionTiers = Object.fromEntries(
    bases.map((base) => {
      const contract = CONTRACT_VALUES[base] ?? fail(`${base}: no contract value`);
      return [
        `${base}-USDT-SWAP`,
        {
          symbol: `${base}/USDT:USDT`,
          contractValue: contract.ctVal,
          contractValueSource: contract.source,
          rows: rowsOf(data[`${base}/USDT:USDT`], base),
        },
      ];
    }),
  );
  const output = {
    source: `OKX GET /api/v5/public/position-tiers (instType=SWAP), as recorded in ${repository} ${repositoryPath} at ${commit} (read ${recorded.updated})`,
    asOf: date,
    selection: SELECTION,
    fields: FIELDS,
    generatedBy: `npx tsx scripts/extract-okx-position-tiers.ts leverage_tiers_USDT.json ${repository} ${repositoryPath} ${commit} ${date}`,
    positionTiers,
  };
  const out = path.join(
    import.meta.dirname,
    '..',
    'lib',
    'engine',
    'margin',
    `okx-position-tiers-${date}.json`,
  );
  // Arrays of short strings on one line (one tier row a line), as prettier prints them.
  const text = JSON.stringify(output, null, 2).replace(
    /\[\s*("[\w.]+"(?:,\s*"[\w.]+")*)\s*\]/g,
    (_, inner: string) => `[${inner.replace(/,\s*/g, ', ')}]`,
  );
  writeFileSync(out, `${text}\n`);
  console.log(`${out}: ${bases.length} perpetuals`);
}

main();
