import { parsePortfolio, PortfolioError } from '../engine';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import { onlyKeys } from './only-keys';
import { RequestType, type SavePageAccountsRequest } from './protocol';

/**
 * Receiver-side validation of `savePageAccounts`, the page-feed content script's snapshot of the
 * accounts a venue's page received (lib/page-feed). Its sender is a content script on an exchange
 * page, untrusted: exact keys, bounded sizes, every account checked against the portfolio file's
 * schema (the schema's own messages, naming account, position and field), prices and notes
 * bounded and plain. Which venue the accounts may belong to is not in the message: the background
 * derives it from the sender's origin (lib/background/save-page-accounts.ts).
 */
export const MAX_PAGE_ACCOUNTS = 16;
export const MAX_PAGE_NOTES = 20;
/** Positions in one account (Deribit's largest books hold a few hundred option legs). */
export const MAX_PAGE_POSITIONS = 1_000;
const MAX_NOTE_CHARACTERS = 500;
const MAX_PRICES = 32;
/** The whole message as JSON, in characters (a few hundred positions fit). */
const MAX_MESSAGE_CHARACTERS = 1_000_000;
/** A Deribit account id (digits) or a Hyperliquid address (lower case). */
const IDENTITY = /^(?:\d{1,20}|0x[0-9a-f]{40})$/;
const ASSET = /^[A-Z0-9]{1,12}$/;
const PRICE = /^\d{1,20}(\.\d{1,20})?$/;
/** Any valid time: the schema does not compare positions with it. */
const SCHEMA_AS_OF = '2000-01-01T00:00:00Z';

export function parsePageAccountRequest(
  record: Record<string, unknown>,
): { request: SavePageAccountsRequest } | { error: string } {
  const extra = onlyKeys(record, ['type', 'identity', 'accounts', 'pending', 'prices']);
  if (extra) return extra;
  const fail = (problem: string) => ({ error: `savePageAccounts: ${problem}` });
  let size: number;
  try {
    size = JSON.stringify(record).length;
  } catch {
    return fail('the snapshot is not plain JSON data');
  }
  if (size > MAX_MESSAGE_CHARACTERS)
    return fail(`the snapshot is larger than ${MAX_MESSAGE_CHARACTERS} characters`);
  const { identity, accounts, pending, prices } = record;
  if (identity !== null && (typeof identity !== 'string' || !IDENTITY.test(identity)))
    return fail(
      '"identity" must be null, a Deribit account id or a lower-case Hyperliquid address',
    );
  if (!Array.isArray(accounts) || accounts.length > MAX_PAGE_ACCOUNTS)
    return fail(`"accounts" must be a list of at most ${MAX_PAGE_ACCOUNTS} accounts`);
  const crowded = accounts.findIndex((account: unknown) => {
    const positions = (account as { positions?: unknown } | null)?.positions;
    return Array.isArray(positions) && positions.length > MAX_PAGE_POSITIONS;
  });
  if (crowded >= 0)
    return fail(`accounts[${crowded}] holds more than ${MAX_PAGE_POSITIONS} positions`);
  if (
    !Array.isArray(pending) ||
    pending.length > MAX_PAGE_NOTES ||
    pending.some((note) => typeof note !== 'string' || note.length > MAX_NOTE_CHARACTERS)
  )
    return fail(
      `"pending" must be a list of at most ${MAX_PAGE_NOTES} texts of at most ${MAX_NOTE_CHARACTERS} characters`,
    );
  if (typeof prices !== 'object' || prices === null || Array.isArray(prices))
    return fail('"prices" must be an object of USD prices by asset');
  const priceEntries = Object.entries(prices);
  if (priceEntries.length > MAX_PRICES)
    return fail(`"prices" holds more than ${MAX_PRICES} assets`);
  for (const [asset, price] of priceEntries) {
    if (!ASSET.test(asset)) return fail('"prices" has a key that is not an asset code');
    if (typeof price !== 'string' || !PRICE.test(price))
      return fail(`"prices" ${asset} must be a plain decimal string`);
  }
  try {
    parsePortfolio({ version: 1, asOf: SCHEMA_AS_OF, baseCurrency: 'USD', accounts });
  } catch (error) {
    if (!(error instanceof PortfolioError)) throw error;
    return fail(error.problems.slice(0, 5).join('; '));
  }
  return {
    request: {
      type: RequestType.savePageAccounts,
      identity,
      accounts: accounts as PortfolioFileAccount[],
      pending: pending as string[],
      prices: Object.fromEntries(priceEntries) as Record<string, string>,
    },
  };
}
