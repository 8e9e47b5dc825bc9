import {
  DERIBIT_ACCOUNT_SUMMARIES,
  DERIBIT_OPTION_BOOK_SUMMARIES,
  DERIBIT_POSITIONS,
} from '../api/fixtures/deribit/deribit-account';
import {
  HYPERLIQUID_ADDRESS_WITH_POSITIONS,
  HYPERLIQUID_CLEARINGHOUSE_STATE,
} from '../api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from '../api/fixtures/hyperliquid/hyperliquid-meta';

/**
 * What the Deribit and Hyperliquid web apps receive over their own traffic, in the venues'
 * documented formats, for the fake accounts of test/fake-exchange/api/fixtures (the same account
 * the key and address adapters read, so the page feed can be compared with them). Used by the
 * feed readers' unit tests and by the fake exchange's page-feed server (page-feed-server.ts).
 */

// ---- Deribit -------------------------------------------------------------------------------

/** The fake account's id, as `private/get_account_summaries` reports it. */
export const DERIBIT_PAGE_ACCOUNT_ID = DERIBIT_ACCOUNT_SUMMARIES.id;

type Summaries = { readonly summaries: readonly Record<string, unknown>[] };
const SUMMARIES = (DERIBIT_ACCOUNT_SUMMARIES as Summaries).summaries;

/** One currency's summary (the fixture's), e.g. `BTC`. */
export function deribitSummary(currency: string): Record<string, unknown> {
  const summary = SUMMARIES.find((entry) => entry.currency === currency);
  if (summary === undefined) throw new Error(`no ${currency} summary in the fixture`);
  return summary;
}

/** The fixture's positions settled in `currency` (inverse: named `BTC-…`). */
export function deribitPositions(currency: string): readonly Record<string, unknown>[] {
  return (DERIBIT_POSITIONS as readonly Record<string, unknown>[]).filter((position) =>
    String(position.instrument_name).startsWith(`${currency}-`),
  );
}

/**
 * A JSON-RPC notification: `{"jsonrpc":"2.0","method":"subscription","params":{"channel","data"}}`,
 * no id (https://docs.deribit.com/articles/notifications).
 */
export function deribitNotification(channel: string, data: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } });
}

/**
 * A JSON-RPC response: `{"jsonrpc":"2.0","id","result","usIn","usOut","usDiff","testnet"}`
 * (https://docs.deribit.com/articles/json-rpc-overview).
 */
export function deribitResponse(id: number, result: unknown): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    result,
    usIn: 1_795_521_600_000_000,
    usOut: 1_795_521_600_000_150,
    usDiff: 150,
    testnet: false,
  });
}

/**
 * `user.portfolio.{currency}`: the currency's balances and margins, the summary fields
 * (https://docs.deribit.com/subscriptions/user/userportfoliocurrency; channel in lower case).
 */
export function deribitPortfolioNotification(currency: string): string {
  return deribitNotification(`user.portfolio.${currency.toLowerCase()}`, deribitSummary(currency));
}

/**
 * `private/get_account_summary` (extended): one currency's summary with the account's `id`,
 * `username`, `type` and `system_name`
 * (https://docs.deribit.com/api-reference/account-management/private-get_account_summary).
 */
export function deribitAccountSummaryResult(currency: string): Record<string, unknown> {
  const account: Record<string, unknown> = { ...DERIBIT_ACCOUNT_SUMMARIES };
  delete account.summaries;
  return { ...deribitSummary(currency), ...account };
}

/**
 * `user.changes.{kind}.{currency}.{interval}` data: `{trades, positions, orders}`, positions in
 * the `private/get_positions` format
 * (https://docs.deribit.com/subscriptions/user/userchangeskindcurrencyinterval).
 */
export function deribitChangesNotification(
  kind: string,
  currency: string,
  positions: readonly unknown[],
): string {
  return deribitNotification(`user.changes.${kind}.${currency.toLowerCase()}.raw`, {
    trades: [],
    positions,
    orders: [],
  });
}

/** `public/get_book_summary_by_currency` (kind option) rows with `mark_iv` in percent. */
export function deribitOptionBook(currency: string): readonly object[] {
  return DERIBIT_OPTION_BOOK_SUMMARIES[currency] ?? [];
}

// ---- Hyperliquid ---------------------------------------------------------------------------

export const HYPERLIQUID_PAGE_ADDRESS = HYPERLIQUID_ADDRESS_WITH_POSITIONS;
export const HYPERLIQUID_PAGE_STATE = HYPERLIQUID_CLEARINGHOUSE_STATE;

/**
 * A WebSocket push: `{"channel": …, "data": …}`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket).
 */
export function hyperliquidPush(channel: string, data: unknown): string {
  return JSON.stringify({ channel, data });
}

/**
 * `clearinghouseState` subscription data: `{dex, user, clearinghouseState}`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions).
 */
export function hyperliquidClearinghousePush(
  state: unknown = HYPERLIQUID_PAGE_STATE,
  user: string = HYPERLIQUID_PAGE_ADDRESS,
  dex = '',
): string {
  return hyperliquidPush('clearinghouseState', { dex, user, clearinghouseState: state });
}

/**
 * `webData2` data: the user's clearinghouse state with the perpetual universe (`meta`) and its
 * asset contexts (`assetCtxs`), among other fields (same page; nktkas/hyperliquid's WebData2
 * type lists them).
 */
export function hyperliquidWebData2Push(
  state: unknown = HYPERLIQUID_PAGE_STATE,
  user: string = HYPERLIQUID_PAGE_ADDRESS,
): string {
  const [meta, assetCtxs] = HYPERLIQUID_META_AND_ASSET_CTXS;
  return hyperliquidPush('webData2', {
    clearinghouseState: state,
    leadingVaults: [],
    totalVaultEquity: '0.0',
    openOrders: [],
    agentAddress: null,
    agentValidUntil: null,
    cumLedger: '22000.0',
    meta,
    assetCtxs,
    serverTime: 1_795_521_600_000,
    isVault: false,
    user,
    twapStates: [],
    spotAssetCtxs: [],
  });
}

/**
 * `webData3` data: `{userState: {user, …}, perpDexStates}`, no positions; the web app subscribes
 * it for the connected wallet, so its `user` names the page's own address (same page).
 */
export function hyperliquidWebData3Push(
  user: string = HYPERLIQUID_PAGE_ADDRESS,
  mode: Readonly<Record<string, unknown>> = {},
): string {
  return hyperliquidPush('webData3', {
    userState: {
      agentAddress: null,
      agentValidUntil: null,
      cumLedger: '22000.0',
      serverTime: 1_795_521_600_000,
      isVault: false,
      user,
      // `abstraction` ("dexAbstraction" | "unifiedAccount" | "portfolioMargin" | "disabled") and
      // the older `dexAbstractionEnabled`, when the account set one.
      ...mode,
    },
    perpDexStates: [{ totalVaultEquity: '0.0' }],
  });
}

/**
 * `activeAssetData` data: the order form's figures for the wallet that trades and one coin
 * (`{user, coin, leverage, maxTradeSzs, availableToTrade, markPx}`, same page).
 */
export function hyperliquidActiveAssetDataPush(
  markPx: string,
  coin = 'BTC',
  user: string = HYPERLIQUID_PAGE_ADDRESS,
): string {
  return hyperliquidPush('activeAssetData', {
    user,
    coin,
    leverage: { type: 'cross', value: 10 },
    maxTradeSzs: ['1.0', '1.0'],
    availableToTrade: ['1.0', '1.0'],
    markPx,
  });
}
