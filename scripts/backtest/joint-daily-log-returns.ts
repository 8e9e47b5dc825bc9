/**
 * Joint daily log-returns of a few assets from the daily history files `<ASSET>-1d.csv`
 * (Date,Close,High,Low,Open,Volume; ../shared/data/market/README.md), for the VaR/ES backtest.
 *
 * The days kept are those on which every asset has a close; r_t = ln(C_t/C_{t−1}) between
 * consecutive kept days, dated by the later one. Kept days must follow each other by one
 * calendar day (crypto trades every day): a gap would make a several-day move look like one day's,
 * so it is refused, naming the assets and the days. A close that is not a positive finite number,
 * a malformed date, or dates out of order are refused by file and line.
 *
 * Units: closes in USD; returns are natural-log fractions. Cost: O(days·assets).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface JointDailyLogReturns {
  readonly assets: readonly string[];
  /** The day of each return (its later close), `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  /** Per day, one log-return per asset, in `assets` order. */
  readonly logReturns: readonly Float64Array[];
  /** Per day, each asset's close the day before (USD), in `assets` order. */
  readonly previousCloses: readonly Float64Array[];
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readJointDailyLogReturns(
  dataDir: string,
  assets: readonly string[],
): JointDailyLogReturns {
  if (assets.length === 0) throw new RangeError('readJointDailyLogReturns: no assets given');
  const closes = assets.map((asset) => readDailyCloses(path.join(dataDir, `${asset}-1d.csv`)));
  const first = closes[0] as Map<string, number>;
  const days = [...first.keys()].filter((day) => closes.every((series) => series.has(day)));
  const dates: string[] = [];
  const logReturns: Float64Array[] = [];
  const previousCloses: Float64Array[] = [];
  for (let index = 1; index < days.length; index++) {
    const day = days[index] as string;
    const previousDay = days[index - 1] as string;
    if (Date.parse(day) - Date.parse(previousDay) !== DAY_MS)
      throw new RangeError(
        `readJointDailyLogReturns: ${assets.join('/')} have closes on ${previousDay} and then ${day}, not on the days between`,
      );
    const before = Float64Array.from(closes, (series) => series.get(previousDay) as number);
    const after = Float64Array.from(closes, (series) => series.get(day) as number);
    dates.push(day);
    previousCloses.push(before);
    logReturns.push(before.map((close, asset) => Math.log((after[asset] as number) / close)));
  }
  return { assets: [...assets], dates, logReturns, previousCloses };
}

/** Date → close of one `<ASSET>-1d.csv`, validated line by line. */
function readDailyCloses(file: string): Map<string, number> {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]?.trim() ?? '';
  if (!header.startsWith('Date,Close'))
    throw new RangeError(`${file}: expected the header Date,Close,…, got "${header}"`);
  const closes = new Map<string, number>();
  let previous = '';
  for (let line = 1; line < lines.length; line++) {
    const [date = '', closeText = ''] = (lines[line] as string).split(',');
    const close = Number(closeText);
    if (!ISO_DAY.test(date) || Number.isNaN(Date.parse(date)))
      throw new RangeError(`${file} line ${line + 1}: "${date}" is not a YYYY-MM-DD date`);
    if (!(Number.isFinite(close) && close > 0))
      throw new RangeError(
        `${file} line ${line + 1} (${date}): close "${closeText}" is not a positive number`,
      );
    if (date <= previous)
      throw new RangeError(`${file} line ${line + 1}: ${date} does not follow ${previous}`);
    closes.set(date, close);
    previous = date;
  }
  return closes;
}
