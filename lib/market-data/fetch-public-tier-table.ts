import { classifyConnectionError, type ConnectionProblem } from '../venues/api/connection-problem';
import { PayloadReader } from '../venues/api/payload-reader';
import type { CcxtExchange, PortfolioFileTierTable } from '../venues/api/venue-api-types';
import { fetchAllBybitPages } from '../venues/bybit/bybit-pages';
import { BYBIT_RISK_LIMIT_ENDPOINT, parseBybitRiskLimits } from '../venues/bybit/bybit-risk-limits';
import {
  OKX_POSITION_TIERS_ENDPOINT,
  okxTierTable,
  parseOkxPositionTiers,
} from '../venues/okx/okx-position-tiers';

/**
 * One venue's published tier table for one contract, read without a key from the venue's public
 * endpoint through a key-less ccxt exchange — for positions that came without one (a portfolio
 * file, positions read from an exchange page), so that a SOL or DOGE perpetual is priced on the
 * venue's own tiers rather than refused:
 * - Bybit: `GET /v5/market/risk-limit?category=linear|inverse&symbol=…` (paginated; read as the
 *   Bybit adapter reads it, bybit-risk-limits.ts: cap = `riskLimitValue`, MM deduction);
 * - OKX: `GET /api/v5/public/position-tiers?instType=SWAP|FUTURES&tdMode=…&instFamily=…`
 *   (okx-position-tiers.ts: sizes in contracts × `ctVal`, no maintenance amount), for the
 *   position's margin mode (OKX may publish other tiers for isolated positions).
 * The table's `asOf` is the time it was read and its `source` the endpoint read without a key
 * (`public GET …`, {@link isPublicTierTableSource}), so the report names both. Never throws: a symbol the venue does not list, a failed request and a malformed answer
 * come back as data, naming what was wrong.
 */
export const PUBLIC_TIER_VENUES = ['bybit', 'okx'] as const;

const PUBLIC_SOURCE_PREFIX = 'public ';

/** Whether a tier table's `source` says it was read here from a public endpoint. */
export function isPublicTierTableSource(source: string): boolean {
  return source.startsWith(PUBLIC_SOURCE_PREFIX);
}
export type PublicTierVenue = (typeof PUBLIC_TIER_VENUES)[number];

export interface PublicTierRequest {
  readonly venue: PublicTierVenue;
  /** The ccxt unified symbol, e.g. `SOL/USDT:USDT`. */
  readonly symbol: string;
  /** The margin mode whose tiers apply (OKX lists tiers per mode; Bybit has one list). */
  readonly marginMode: 'cross' | 'isolated';
}

export type PublicTierTable =
  | { readonly status: 'read'; readonly table: PortfolioFileTierTable }
  | { readonly status: 'unlisted'; readonly reason: string }
  | { readonly status: 'failed'; readonly problem: ConnectionProblem };

interface LoadedMarket {
  readonly id: string;
  readonly symbol: string;
  readonly type?: string;
  readonly linear?: boolean;
  readonly inverse?: boolean;
  readonly info: Readonly<Record<string, unknown>>;
}

interface BybitPublicApi {
  publicGetV5MarketRiskLimit(params: object): Promise<unknown>;
}

interface OkxPublicApi {
  publicGetPublicPositionTiers(params: object): Promise<unknown>;
}

/** `asOf`: the caller's clock, ISO-8601, stamped on the table. */
export async function fetchPublicTierTable(
  exchange: CcxtExchange,
  request: PublicTierRequest,
  asOf: string,
): Promise<PublicTierTable> {
  try {
    await exchange.loadMarkets();
    const market = (exchange.markets as Record<string, LoadedMarket | undefined>)[request.symbol];
    if (market === undefined || (market.type !== 'swap' && market.type !== 'future'))
      return {
        status: 'unlisted',
        reason: `${request.venue} lists no perpetual or future ${request.symbol}`,
      };
    const table =
      request.venue === 'bybit'
        ? await bybitTable(exchange as unknown as BybitPublicApi, market, asOf)
        : await okxTable(exchange as unknown as OkxPublicApi, market, request.marginMode, asOf);
    if (table === undefined)
      return {
        status: 'unlisted',
        reason: `${request.venue} publishes no tiers for ${request.symbol}`,
      };
    return { status: 'read', table };
  } catch (error) {
    return { status: 'failed', problem: classifyConnectionError(request.venue, error) };
  }
}

async function bybitTable(
  bybit: BybitPublicApi,
  market: LoadedMarket,
  asOf: string,
): Promise<PortfolioFileTierTable | undefined> {
  const category = market.inverse === true ? 'inverse' : 'linear';
  const rows = await fetchAllBybitPages(
    `${BYBIT_RISK_LIMIT_ENDPOINT}?symbol=${market.id}`,
    (cursor) =>
      bybit.publicGetV5MarketRiskLimit({
        category,
        symbol: market.id,
        ...(cursor !== undefined && { cursor }),
      }),
  );
  const table = parseBybitRiskLimits(rows, market.id, market.symbol, asOf).table;
  return table === undefined
    ? undefined
    : { ...table, source: `${PUBLIC_SOURCE_PREFIX}${BYBIT_RISK_LIMIT_ENDPOINT}` };
}

async function okxTable(
  okx: OkxPublicApi,
  market: LoadedMarket,
  marginMode: PublicTierRequest['marginMode'],
  asOf: string,
): Promise<PortfolioFileTierTable | undefined> {
  const reader = new PayloadReader('okx', 'GET /api/v5/public/instruments');
  const family = reader.text(
    market.info.instFamily ?? market.info.uly,
    `"${market.id}" instFamily`,
  );
  const contractValue = reader.decimal(market.info.ctVal, `"${market.id}" ctVal`, 'positive');
  const response = await okx.publicGetPublicPositionTiers({
    instType: market.type === 'future' ? 'FUTURES' : 'SWAP',
    tdMode: marginMode,
    instFamily: family,
  });
  const tiers = parseOkxPositionTiers(response, family, marginMode);
  const table = okxTierTable(tiers, market.symbol, contractValue, asOf);
  return table === undefined
    ? undefined
    : { ...table, source: `${PUBLIC_SOURCE_PREFIX}${OKX_POSITION_TIERS_ENDPOINT} (${marginMode})` };
}
