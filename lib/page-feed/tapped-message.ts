import { MAX_TAPPED_TEXT, PageFeedVenue } from './page-feed-sites';

/**
 * What the MAIN-world tap (page-feed-tap.ts) posts over the port to the ISOLATED-world reader:
 * the text of one message the venue sent the page, exactly as received, and for a response the
 * request it answers (method and the parameters that say which positions it covers). The tap
 * matched it already; the reader checks its shape again here (the tap runs where the page's
 * scripts run) and then reads the text with its own JSON.parse.
 */

/** The Deribit requests whose responses the tap forwards, matched by JSON-RPC id. */
export const DERIBIT_TRACKED_METHODS = [
  // https://docs.deribit.com/api-reference/account-management/private-get_positions
  'private/get_positions',
  // https://docs.deribit.com/api-reference/account-management/private-get_account_summary
  'private/get_account_summary',
  // https://docs.deribit.com/api-reference/account-management/private-get_account_summaries
  'private/get_account_summaries',
  // Public option marks (mark_iv): an option position is valued at its mark IV.
  // https://docs.deribit.com/api-reference/market-data/public-get_book_summary_by_currency
  'public/get_book_summary_by_currency',
  // https://docs.deribit.com/api-reference/market-data/public-ticker
  'public/ticker',
] as const;
export type DeribitTrackedMethod = (typeof DERIBIT_TRACKED_METHODS)[number];

export type TappedMessage =
  /** A Deribit notification on a `user.portfolio.*`, `user.changes.*` or option `ticker.*` channel. */
  | {
      readonly site: typeof PageFeedVenue.deribit;
      readonly kind: 'notification';
      readonly text: string;
    }
  /** A Deribit response to a tracked request. */
  | {
      readonly site: typeof PageFeedVenue.deribit;
      readonly kind: 'response';
      readonly method: DeribitTrackedMethod;
      /** The request's `currency` parameter (null when not given). */
      readonly currency: string | null;
      /** The request's `kind` parameter (null when not given). */
      readonly instrumentKind: string | null;
      readonly text: string;
    }
  /** A Hyperliquid WebSocket push on one of the account channels. */
  | {
      readonly site: typeof PageFeedVenue.hyperliquid;
      readonly kind: 'socket';
      readonly text: string;
    }
  /** A Hyperliquid `POST /info` `clearinghouseState` answer, with the request's user and dex. */
  | {
      readonly site: typeof PageFeedVenue.hyperliquid;
      readonly kind: 'info';
      readonly user: string;
      readonly dex: string;
      readonly text: string;
    };

const SHORT_TEXT = /^[A-Za-z0-9_:.-]{1,40}$/;

/**
 * The message if it is exactly one of {@link TappedMessage} for `site`, else undefined (nothing
 * else is read: no other keys, no getters, strings bounded).
 */
export function parseTappedMessage(value: unknown, site: PageFeedVenue): TappedMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  const text = record.text;
  if (record.site !== site || typeof text !== 'string' || text.length > MAX_TAPPED_TEXT)
    return undefined;
  if (site === PageFeedVenue.deribit) {
    if (record.kind === 'notification' && keys === 'kind,site,text')
      return { site, kind: 'notification', text };
    if (record.kind !== 'response' || keys !== 'currency,instrumentKind,kind,method,site,text')
      return undefined;
    const method = DERIBIT_TRACKED_METHODS.find((name) => name === record.method);
    const currency = optionalShortText(record.currency);
    const instrumentKind = optionalShortText(record.instrumentKind);
    if (method === undefined || currency === false || instrumentKind === false) return undefined;
    return { site, kind: 'response', method, currency, instrumentKind, text };
  }
  if (record.kind === 'socket' && keys === 'kind,site,text') return { site, kind: 'socket', text };
  if (record.kind !== 'info' || keys !== 'dex,kind,site,text,user') return undefined;
  const { user, dex } = record;
  if (typeof user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(user)) return undefined;
  if (typeof dex !== 'string' || (dex !== '' && !SHORT_TEXT.test(dex))) return undefined;
  return { site, kind: 'info', user: user.toLowerCase(), dex, text };
}

/** A short identifier, null, or false when it is neither. */
function optionalShortText(value: unknown): string | null | false {
  if (value === null) return null;
  return typeof value === 'string' && SHORT_TEXT.test(value) ? value : false;
}
