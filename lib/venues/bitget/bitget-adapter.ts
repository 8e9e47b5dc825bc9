import { AuthenticationError } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { loadedMarket } from '../api/loaded-market';
import { PayloadReader } from '../api/payload-reader';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileTierTable,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import { BITGET_VENUE } from './bitget-venue';
import { parseBitgetUsdtAccount } from './bitget-balance';
import { askingSpotRead, parseBitgetKeyPermissions } from './bitget-key-permissions';
import { BITGET_OTHER_BOOKS, refuseBitgetOtherBook } from './bitget-other-books';
import { bitgetTierTable } from './bitget-position-tiers';
import {
  BITGET_POSITIONS_ENDPOINT,
  readBitgetPositionRow,
  toBitgetPortfolioPosition,
  type BitgetPositionRow,
} from './bitget-positions';
import { refuseSpecialTierLevel } from './bitget-special-tier-level';
import { parseBitgetTakerFee } from './bitget-trade-fee';
import { refusingUnifiedAccount } from './bitget-unified-account';

/**
 * Bitget (ccxt `bitget`, API v2): the USDT-M futures account of a classic account, read with a
 * read-only key and its passphrase (ccxt's `password`). One account, `accountId`, in the USDT
 * margin coin: its cross positions share the wallet, its isolated positions each their own margin.
 *
 * Reads ccxt's swap markets (public `GET /api/v2/mix/market/contracts`), every USDT-M position
 * (`GET /api/v2/mix/position/all-position?productType=USDT-FUTURES`, not paginated), the account
 * (`GET /api/v2/mix/account/accounts?productType=USDT-FUTURES`), then per symbol held the public
 * position tiers (`GET /api/v2/mix/market/query-position-lever`) and the key's taker fee
 * (`GET /api/v2/common/trade-rate`): Bitget's maintenance margin holds the fee to close
 * (lib/engine/margin/bitget.ts).
 *
 * Refused by name (NotSupported, an account Margin Lens cannot compute yet): a Unified Trading
 * Account (Bitget code 40085, bitget-unified-account.ts), multi-assets mode, a position in the
 * USDC-M or coin-M futures book (the same position list asked for those product types,
 * bitget-other-books.ts), and tiers other than the public standard ones
 * (bitget-special-tier-level.ts).
 * ccxt's own probe for a Unified Trading Account (`GET /api/v3/account/settings` on every
 * `loadMarkets` with a key) is turned off (`options.uta` false, create-exchange.ts), so its error
 * never stands in for the classic endpoints' answer.
 */
interface BitgetImplicitApi {
  privateMixGetV2MixPositionAllPosition(params: object): Promise<unknown>;
  privateMixGetV2MixAccountAccounts(params: object): Promise<unknown>;
  publicMixGetV2MixMarketQueryPositionLever(params: object): Promise<unknown>;
  privateSpotGetV2SpotAccountInfo(params?: object): Promise<unknown>;
  privateCommonGetV2CommonTradeRate(params: object): Promise<unknown>;
}

interface MarketLike {
  readonly id: string;
  readonly symbol: string;
  readonly swap?: boolean;
  readonly future?: boolean;
  readonly settle?: string;
}

const PRODUCT_TYPE = 'USDT-FUTURES';

export const bitgetAdapter: VenueAdapter = {
  venue: 'bitget',
  credentialKind: 'apiKey',
  needsPassword: BITGET_VENUE.keyPassphrase,
  hostPermissions: BITGET_VENUE.apiHosts,
  async checkKeyPermissions(exchange) {
    return parseBitgetKeyPermissions(
      await refusingUnifiedAccount(askingSpotRead(api(exchange).privateSpotGetV2SpotAccountInfo())),
    );
  },
  fetchAccounts: fetchBitgetAccounts,
};

/** The implicit API of an exchange that has the key's passphrase. */
function api(exchange: CcxtExchange): BitgetImplicitApi {
  const password = (exchange as unknown as { password?: unknown }).password;
  if (typeof password !== 'string' || password === '')
    throw new AuthenticationError(
      'bitget: the API key needs its passphrase (Bitget keys have one)',
    );
  return exchange as unknown as BitgetImplicitApi;
}

async function fetchBitgetAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
): Promise<VenueAccountsSnapshot> {
  const bitget = api(exchange);
  await exchange.loadMarkets();
  const positionsResponse = await refusingUnifiedAccount(
    bitget.privateMixGetV2MixPositionAllPosition({ productType: PRODUCT_TYPE, marginCoin: 'USDT' }),
  );
  const reader = new PayloadReader('bitget', BITGET_POSITIONS_ENDPOINT);
  const rows = reader
    .array(reader.object(positionsResponse, 'response').data, 'data')
    .map((raw, index) => readBitgetPositionRow(raw, index));
  rows.forEach((row, index) => {
    if (row.marginCoin !== 'USDT')
      reader.fail(`data[${index}] "${row.symbol}" marginCoin`, `is "${row.marginCoin}", not USDT`);
  });
  for (const book of BITGET_OTHER_BOOKS)
    refuseBitgetOtherBook(
      await bitget.privateMixGetV2MixPositionAllPosition({ productType: book.productType }),
      book,
    );
  const account = parseBitgetUsdtAccount(
    await refusingUnifiedAccount(
      bitget.privateMixGetV2MixAccountAccounts({ productType: PRODUCT_TYPE }),
    ),
    rows,
  );

  const markets = rows.map((row, index) => marketFor(exchange, row, index));
  const held = [...new Map(markets.map((market) => [market.id, market])).values()];
  const [tierTables, fees] = await Promise.all([
    Promise.all(
      held.map(async (market) =>
        bitgetTierTable(
          await bitget.publicMixGetV2MixMarketQueryPositionLever({
            symbol: market.id,
            productType: PRODUCT_TYPE,
          }),
          market.id,
          market.symbol,
          asOf,
        ),
      ),
    ),
    Promise.all(
      held.map(
        async (market) =>
          [
            market.id,
            parseBitgetTakerFee(
              await bitget.privateCommonGetV2CommonTradeRate({
                symbol: market.id,
                businessType: 'mix',
              }),
              market.id,
            ),
          ] as const,
      ),
    ),
  ]);
  const takerFees = new Map(fees);

  const tablesById = new Map(held.map((market, index) => [market.id, tierTables[index]]));
  const positions = rows.map((row, index) => {
    const market = markets[index] as MarketLike;
    const table = tablesById.get(market.id) as PortfolioFileTierTable;
    refuseSpecialTierLevel(row, table);
    return toBitgetPortfolioPosition(row, {
      symbol: market.symbol,
      takerFeeRate: takerFees.get(market.id) as string,
      tiers: table.tiers,
    });
  });
  // No position and nothing in the wallet: no silo to report.
  if (account === undefined || (rows.length === 0 && new Decimal(account.walletBalance).isZero()))
    return { accounts: [], tierTables: [] };
  const isolatedMaintenance = isolatedOnlyMaintenanceMargin(positions);
  return {
    accounts: [
      {
        id: accountId,
        venue: 'bitget',
        marginMode: 'cross',
        positionMode: rows.some((row) => row.hedgeMode) ? 'hedge' : 'oneway',
        balances: [{ asset: 'USDT', total: account.walletBalance }],
        positions,
        venueReported: {
          ...account.venueReported,
          ...(isolatedMaintenance !== undefined && { maintenanceMargin: isolatedMaintenance }),
        },
      } satisfies PortfolioFileAccount,
    ],
    tierTables,
  };
}

/**
 * The account's maintenance margin where Bitget reports every part of it: all positions isolated,
 * each with its own (bitget-positions.ts). A cross position's is not reported.
 */
function isolatedOnlyMaintenanceMargin(
  positions: readonly PortfolioFilePosition[],
): string | undefined {
  if (positions.length === 0) return undefined;
  const own = positions.map((position) =>
    position.marginMode === 'isolated' ? position.venueReported?.maintenanceMargin : undefined,
  );
  if (own.some((value) => value === undefined)) return undefined;
  return own.reduce((sum, value) => sum.plus(value as string), new Decimal(0)).toFixed();
}

function marketFor(exchange: CcxtExchange, row: BitgetPositionRow, index: number): MarketLike {
  return loadedMarket<MarketLike>(
    exchange,
    (candidate) =>
      candidate.id === row.symbol &&
      (candidate.swap === true || candidate.future === true) &&
      candidate.settle === 'USDT',
    new PayloadReader('bitget', BITGET_POSITIONS_ENDPOINT),
    `data[${index}] "${row.symbol}" symbol`,
    'GET /api/v2/mix/market/contracts?productType=USDT-FUTURES',
  );
}
