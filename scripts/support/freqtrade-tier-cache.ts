import { readFileSync } from 'node:fs';

/**
 * A freqtrade leverage-tier cache (`…/<exchange>/futures/leverage_tiers_USDT.json`) as the tier
 * extraction scripts take it: ccxt `fetchLeverageTiers` output keyed by unified symbol,
 * `{"updated": <time>, "data": {<symbol>: [tier, …]}}`, each tier keeping the venue's raw row in
 * `info`, with where it was taken from. The command line is
 *
 *   <leverage_tiers_USDT.json> <owner/name> <path> <commit> <YYYY-MM-DD>
 *
 * <owner/name>, <path> and <commit> say where the file was taken (for the data file's `source`),
 * <YYYY-MM-DD> is the file's own `updated` date, checked against the file.
 */
export interface RecordedTierCache {
  readonly repository: string;
  readonly repositoryPath: string;
  readonly commit: string;
  readonly date: string;
  /** The file's `updated` time. */
  readonly updated: string;
  /** Tiers by ccxt unified symbol. */
  readonly data: Readonly<Record<string, unknown>>;
}

export function readRecordedTierCache(
  args: readonly string[],
  script: string,
  fail: (message: string) => never,
): RecordedTierCache {
  const [file, repository, repositoryPath, commit, date] = args;
  if (!file || !repository || !repositoryPath || !commit || !date) {
    fail(`usage: ${script} <leverage_tiers_USDT.json> <owner/name> <path> <commit> <YYYY-MM-DD>`);
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    fail(`repository: expected owner/name, got ${repository}`);
  if (!/^[0-9a-f]{40}$/.test(commit)) fail(`commit: expected 40 hex digits, got ${commit}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`date: expected YYYY-MM-DD, got ${date}`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as {
    updated?: unknown;
    data?: Record<string, unknown>;
  };
  if (typeof recorded.updated !== 'string' || !recorded.updated.startsWith(date)) {
    fail(`updated: the file says ${String(recorded.updated)}, not ${date}`);
  }
  const data = recorded.data ?? fail('data: absent');
  return { repository, repositoryPath, commit, date, updated: recorded.updated, data };
}
