import type { ValidatedPortfolio } from '../engine';
import {
  fetchPublicTierTable,
  type PublicTierRequest,
} from '../market-data/fetch-public-tier-table';
import { publicTierRequestsOf } from '../market-data/public-tier-requests';
import {
  publicTierTablesItem,
  type StoredPublicTierTable,
} from '../storage/public-tier-tables-item';
import { MARKET_DATA_HOSTS } from '../venues/api/venue-hosts';
import type { CcxtExchange, PortfolioFileTierTable } from '../venues/api/venue-api-types';

/**
 * The venues' public tier tables for positions that came without one (a portfolio file, accounts
 * read from exchange pages): read without a key from Bybit's and OKX's public endpoints
 * (lib/market-data/fetch-public-tier-table.ts) with the trader's permission for public market
 * data (MARKET_DATA_HOSTS, asked for by the live-market setting), kept with the time they were
 * read, and added to the portfolio file where it has no table of its own
 * (lib/connections/with-public-tier-tables.ts). Venues change tiers rarely: a table is read again
 * after a day, a failed read after an hour; an entry no portfolio needed for a week is dropped.
 */
export const PUBLIC_TIER_TABLE_MAX_AGE_MS = 24 * 60 * 60_000;
export const PUBLIC_TIER_RETRY_MS = 60 * 60_000;
const UNUSED_ENTRY_MS = 7 * 24 * 60 * 60_000;

export interface PublicTierTablesEnvironment {
  readonly hasHostAccess: (origins: readonly string[]) => Promise<boolean>;
  /** Key-less ccxt exchanges for public endpoints. */
  readonly openPublic: (venue: PublicTierRequest['venue']) => CcxtExchange;
  readonly now: () => number;
}

export interface PublicTierTablesService {
  /** Reads the tables `portfolio` needs that are missing or old. */
  refresh(portfolio: ValidatedPortfolio): Promise<void>;
  /** The tables read, for the portfolio file. */
  current(): Promise<readonly PortfolioFileTierTable[]>;
}

export function createPublicTierTablesService(
  env: PublicTierTablesEnvironment,
): PublicTierTablesService {
  return {
    async refresh(portfolio) {
      if (!(await env.hasHostAccess(MARKET_DATA_HOSTS))) return;
      const now = env.now();
      const nowIso = new Date(now).toISOString();
      const stored = await publicTierTablesItem.getValue();
      const next: Record<string, StoredPublicTierTable> = {};
      for (const [key, entry] of Object.entries(stored))
        if (now - Date.parse(entry.neededAt) <= UNUSED_ENTRY_MS) next[key] = entry;
      const requests = publicTierRequestsOf(portfolio);
      const reads = requests.flatMap((request) => {
        const key = `${request.venue} ${request.symbol}`;
        const entry = next[key];
        if (entry !== undefined) next[key] = { ...entry, neededAt: nowIso };
        return isCurrent(entry, request, now) ? [] : [{ key, request }];
      });
      const results = await Promise.all(
        reads.map(async ({ key, request }) => ({
          key,
          request,
          result: await fetchPublicTierTable(env.openPublic(request.venue), request, nowIso),
        })),
      );
      for (const { key, request, result } of results) {
        const base = { request, readAt: nowIso, neededAt: nowIso };
        next[key] =
          result.status === 'read'
            ? { ...base, table: result.table }
            : {
                ...base,
                problem: result.status === 'unlisted' ? result.reason : result.problem.message,
              };
      }
      await publicTierTablesItem.setValue(next);
    },

    async current() {
      if (!(await env.hasHostAccess(MARKET_DATA_HOSTS))) return [];
      const stored = await publicTierTablesItem.getValue();
      return Object.values(stored).flatMap((entry) => (entry.table ? [entry.table] : []));
    },
  };
}

/** Whether a stored entry answers `request` now: same margin mode, and not too old. */
function isCurrent(
  entry: StoredPublicTierTable | undefined,
  request: PublicTierRequest,
  now: number,
): boolean {
  if (entry === undefined || entry.request.marginMode !== request.marginMode) return false;
  const age = now - Date.parse(entry.readAt);
  return age >= 0 && age < (entry.table ? PUBLIC_TIER_TABLE_MAX_AGE_MS : PUBLIC_TIER_RETRY_MS);
}
