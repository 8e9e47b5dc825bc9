/**
 * Each account's margin ratio over the last day, for the popup's sparklines: a pure recorder
 * (no storage, no clock) that the background's margin-history item calls on every change of the
 * risk state.
 *
 * - Samples are 5-minute buckets (`at`: the bucket's start, ms since the epoch), oldest first.
 *   A state computed within the newest bucket updates it: `last` is the latest ratio, `high` the
 *   highest seen in the bucket, so a spike between two reads is not lost.
 * - Bounded: buckets older than 24 h before the newest are dropped, so at most 288 samples.
 * - A ratio is maintenance margin / equity (the report's `marginRatio`); null when the account
 *   has no equity left (the ratio is unbounded; JSON cannot hold Infinity).
 * - A state older than the newest bucket (a clock set back) is ignored, never reordered.
 */
export interface MarginHistory {
  readonly samples: readonly MarginSample[];
}

export interface MarginSample {
  /** Start of the 5-minute bucket, ms since the epoch (UTC). */
  readonly at: number;
  /** By report account id. */
  readonly accounts: Readonly<Record<string, RatioReading>>;
}

export interface RatioReading {
  /** The latest margin ratio in the bucket; null: no equity left. */
  readonly last: number | null;
  /** The highest in the bucket (null above any number). */
  readonly high: number | null;
}

export const BUCKET_MS = 5 * 60 * 1000;
export const HISTORY_MS = 24 * 60 * 60 * 1000;

export const EMPTY_MARGIN_HISTORY: MarginHistory = { samples: [] };

/** The history with the accounts' margin ratios at `atMs` recorded. Does not mutate `history`. */
export function recordMarginRatios(
  history: MarginHistory,
  atMs: number,
  accounts: readonly {
    readonly id: string;
    /** Null when no equity is left (the report's underwater account). */
    readonly marginRatio: number | null;
    readonly equity: number;
  }[],
): MarginHistory {
  if (!Number.isFinite(atMs)) return history;
  const bucket = Math.floor(atMs / BUCKET_MS) * BUCKET_MS;
  const newest = history.samples.at(-1);
  if (newest !== undefined && bucket < newest.at) return history;
  const readings: Record<string, RatioReading> = {};
  for (const account of accounts) {
    const ratio =
      account.equity > 0 && account.marginRatio !== null && Number.isFinite(account.marginRatio)
        ? account.marginRatio
        : null;
    const before = newest?.at === bucket ? newest.accounts[account.id] : undefined;
    readings[account.id] = {
      last: ratio,
      high: before === undefined ? ratio : higher(before.high, ratio),
    };
  }
  const kept = history.samples.filter(
    (sample) => sample.at !== bucket && sample.at > bucket - HISTORY_MS,
  );
  return { samples: [...kept, { at: bucket, accounts: readings }] };
}

/** The higher of two ratios, null (no equity) above any number. */
function higher(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(a, b);
}

/** One account's readings over the history, oldest first (buckets without it are left out). */
export function accountRatios(
  history: MarginHistory,
  accountId: string,
): readonly { readonly at: number; readonly reading: RatioReading }[] {
  return history.samples.flatMap((sample) => {
    const reading = sample.accounts[accountId];
    return reading === undefined ? [] : [{ at: sample.at, reading }];
  });
}
