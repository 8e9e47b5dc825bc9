import { BadRequest, NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { loadedMarket } from '../api/loaded-market';
import { PayloadReader } from '../api/payload-reader';
import type {
  CcxtExchange,
  PortfolioFileCollateralTable,
  PortfolioFileTierTable,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import { BYBIT_VENUE } from './bybit-venue';
import { BybitAccountGeneration, parseBybitAccountMode } from './bybit-account-mode';
import { parseBybitKeyPermissions } from './bybit-key-permissions';
import { fetchAllBybitPages } from './bybit-pages';
import {
  BYBIT_POSITIONS_ENDPOINT,
  readBybitPositionRow,
  toPortfolioPosition,
  type BybitPositionCategory,
  type BybitPositionRow,
} from './bybit-positions';
import {
  BYBIT_RISK_LIMIT_ENDPOINT,
  parseBybitRiskLimits,
  type BybitRiskLimits,
} from './bybit-risk-limits';
import { parseBybitCollateralRatios } from './bybit-collateral-ratios';
import { parseBybitTakerFee, type BybitTakerFee } from './bybit-fee-rate';
import { bybitSilos, bybitUnifiedCoins } from './bybit-silos';
import {
  BYBIT_TICKERS_ENDPOINT,
  bybitUsdtConversionRate,
  readBybitTickerPrice,
  type BybitTickerCategory,
} from './bybit-usd-index-prices';
import { parseBybitWallet } from './bybit-wallet';

/**
 * Bybit (ccxt `bybit`, v5 API): one Unified Trading Account read with a read-only key.
 *
 * Reads, in this order: ccxt's markets (linear, inverse and option instruments), the account's
 * margin mode and generation (`GET /v5/account/info`), the wallet (`GET /v5/account/
 * wallet-balance`), every open position of the four position lists — linear settled in USDT,
 * linear settled in USDC, inverse, option — following `nextPageCursor` (ccxt reads one page),
 * then the key's taker fee rate on each linear and inverse symbol held (`GET /v5/account/fee-rate`,
 * bybit-fee-rate.ts: Bybit adds the estimated fee to close to each position's IM and MM, so each
 * such position carries it as `takerFeeRate`), then, public, the risk-limit tiers of each linear
 * and inverse symbol held (`GET /v5/market/risk-limit`) and each option's mark IV
 * (`GET /v5/market/tickers`); for a cross
 * UTA margined across coins, each coin's tiered collateral value ratio (`GET /v5/spot-margin-
 * trade/collateral`, bybit-collateral-ratios.ts) and USD index price (`GET /v5/market/tickers`,
 * bybit-usd-index-prices.ts).
 *
 * Accounts (bybit-silos.ts): under UTA 2.0 every product line shares the account's margin
 * (cross, isolated or portfolio). A cross UTA holding more than one coin (its non-zero coins,
 * collateral or not, and its positions' settlement coins) and no inverse contracts is one
 * cross-collateral account, id `accountId` — its USDT and USDC perpetuals, futures and options
 * together — valued as Bybit values it (lib/engine/margin/bybit-unified-account.ts). Otherwise a cross or isolated UTA is emitted as
 * one account per settlement asset, id `accountId:ASSET` (`bybit-main:USDT`, `bybit-main:USDC`,
 * `bybit-main:BTC`) — an approximation of Bybit's multi-collateral margin, conservative because
 * one coin's collateral does not back another's
 * positions in our figures; a portfolio-margin UTA stays one account, id `accountId`. Isolated
 * positions keep their margin on the position (`marginMode: 'isolated'` + `isolatedMargin`,
 * which the engine takes out of the wallet). Position mode is hedge when any position of the
 * account is a hedge-mode leg (`positionIdx` 1 or 2; Bybit sets it per symbol and has no endpoint
 * to read it). Classic accounts are refused (Bybit no longer offers them), and so are UTA 1.0
 * accounts holding inverse contracts, which sit in a separate inverse derivatives account this
 * adapter does not read.
 *
 * Money is passed on as Bybit's decimal strings; venue-reported figures are in the position's or
 * the account's settlement coin (a portfolio-margin account's in USD). Bybit's documentation:
 * https://bybit-exchange.github.io/docs/v5/intro.
 */
export interface BybitAdapterOptions {
  /** Positions asked for per page of `GET /v5/position/list` (Bybit allows 1 to 200). */
  readonly positionPageSize?: number;
}

/** The position lists of a Unified Trading Account: linear by settle coin, inverse, option. */
const POSITION_LISTS: readonly { category: BybitPositionCategory; settleCoin?: string }[] = [
  { category: 'linear', settleCoin: 'USDT' },
  { category: 'linear', settleCoin: 'USDC' },
  { category: 'inverse' },
  { category: 'option' },
];

interface BybitImplicitApi {
  privateGetV5UserQueryApi(params?: object): Promise<unknown>;
  privateGetV5AccountInfo(params?: object): Promise<unknown>;
  privateGetV5AccountWalletBalance(params: object): Promise<unknown>;
  privateGetV5PositionList(params: object): Promise<unknown>;
  privateGetV5AccountFeeRate(params: object): Promise<unknown>;
  publicGetV5MarketRiskLimit(params: object): Promise<unknown>;
  publicGetV5MarketTickers(params: object): Promise<unknown>;
  publicGetV5SpotMarginTradeCollateral(params: object): Promise<unknown>;
}

interface MarketLike {
  readonly id: string;
  readonly symbol: string;
  readonly linear?: boolean;
  readonly inverse?: boolean;
  readonly option?: boolean;
  readonly contract?: boolean;
  readonly settle?: string;
  readonly base?: string;
}

export function createBybitAdapter(options: BybitAdapterOptions = {}): VenueAdapter {
  const pageSize = options.positionPageSize ?? 200;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200)
    throw new RangeError(`Bybit position page size must be 1 to 200, got ${pageSize}`);
  return {
    venue: 'bybit',
    credentialKind: 'apiKey',
    needsPassword: false,
    hostPermissions: BYBIT_VENUE.apiHosts,
    async checkKeyPermissions(exchange) {
      return parseBybitKeyPermissions(await api(exchange).privateGetV5UserQueryApi());
    },
    fetchAccounts: (exchange, accountId, asOf) =>
      fetchBybitAccounts(exchange, accountId, asOf, pageSize),
  };
}

/** The Bybit adapter (200 positions per page, Bybit's maximum). */
export const bybitAdapter: VenueAdapter = createBybitAdapter();

function api(exchange: CcxtExchange): BybitImplicitApi {
  return exchange as unknown as BybitImplicitApi;
}

async function fetchBybitAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
  pageSize: number,
): Promise<VenueAccountsSnapshot> {
  const bybit = api(exchange);
  await exchange.loadMarkets();
  const mode = parseBybitAccountMode(await bybit.privateGetV5AccountInfo());
  if (mode.generation === BybitAccountGeneration.classic)
    throw new Error(
      'bybit: this is a classic account, which Bybit no longer offers; Margin Lens reads Unified Trading Accounts (upgrade the account on Bybit)',
    );
  const wallet = parseBybitWallet(
    await bybit.privateGetV5AccountWalletBalance({ accountType: 'UNIFIED' }),
    mode.marginMode,
  );
  const rows = (
    await Promise.all(
      POSITION_LISTS.map(async ({ category, settleCoin }) => {
        const raw = await fetchAllBybitPages(
          `${BYBIT_POSITIONS_ENDPOINT}?category=${category}`,
          (cursor) =>
            bybit.privateGetV5PositionList({
              category,
              ...(settleCoin !== undefined && { settleCoin }),
              limit: pageSize,
              ...(cursor !== undefined && { cursor }),
            }),
        );
        return raw.flatMap(
          (entry, index) => readBybitPositionRow(entry, category, index, settleCoin) ?? [],
        );
      }),
    )
  ).flat();
  if (
    mode.generation === BybitAccountGeneration.uta1 &&
    rows.some((row) => row.category === 'inverse')
  )
    throw new Error(
      'bybit: this Unified Trading Account 1.0 keeps inverse contracts in a separate inverse derivatives account, which Margin Lens does not read; upgrade to UTA 2.0 on Bybit',
    );

  const markets = rows.map((row) => marketFor(exchange, row));
  const tiered = uniqueBy(
    rows.flatMap((row, index) =>
      row.category === 'option' ? [] : [{ row, market: markets[index] as MarketLike }],
    ),
    (entry) => `${entry.row.category}:${entry.row.marketId}`,
  );
  // The key's taker fee on each perpetual and future held: the fee to close in its IM and MM.
  const takerFees = new Map<string, BybitTakerFee>(
    await Promise.all(
      tiered.map(
        async ({ row }) =>
          [
            `${row.category}:${row.marketId}`,
            parseBybitTakerFee(
              await bybit.privateGetV5AccountFeeRate({
                category: row.category,
                symbol: row.marketId,
              }),
              row.category,
              row.marketId,
            ),
          ] as const,
      ),
    ),
  );
  const riskLimits = new Map<string, BybitRiskLimits>(
    await Promise.all(
      tiered.map(async ({ row, market }) => {
        const raw = await fetchAllBybitPages(
          `${BYBIT_RISK_LIMIT_ENDPOINT}?symbol=${row.marketId}`,
          (cursor) =>
            bybit.publicGetV5MarketRiskLimit({
              category: row.category,
              symbol: row.marketId,
              ...(cursor !== undefined && { cursor }),
            }),
        );
        return [
          row.marketId,
          parseBybitRiskLimits(raw, row.marketId, market.symbol, asOf),
        ] as const;
      }),
    ),
  );
  const optionIds = [
    ...new Set(rows.filter((row) => row.category === 'option').map((row) => row.marketId)),
  ];
  const tickers = new Map<string, OptionTicker>(
    await Promise.all(
      optionIds.map(
        async (id) =>
          [
            id,
            readOptionTicker(
              await bybit.publicGetV5MarketTickers({ category: 'option', symbol: id }),
              id,
            ),
          ] as const,
      ),
    ),
  );

  const positions = rows.map((row, index) => {
    const market = markets[index] as MarketLike;
    const fee = takerFees.get(`${row.category}:${row.marketId}`);
    return {
      settle: settleOf(market, row),
      hedgeLeg: row.positionIdx !== 0,
      option: row.category === 'option',
      inverse: row.category === 'inverse',
      position: toPortfolioPosition(row, {
        symbol: market.symbol,
        accountMarginMode: mode.marginMode,
        tierInForce:
          row.riskId === 0 ? undefined : riskLimits.get(row.marketId)?.byRiskId.get(row.riskId),
        markIv: tickers.get(row.marketId)?.markIv,
        forwardPrice: tickers.get(row.marketId)?.underlyingPrice,
        takerFeeRate:
          fee === undefined || 'unknown' in fee ? undefined : 'charged' in fee ? fee.charged : '0',
      }),
    };
  });
  const tierTables = [...riskLimits.values()].flatMap((limits): PortfolioFileTierTable[] =>
    limits.table === undefined ? [] : [limits.table],
  );
  // The index each option's margin is computed on (Bybit's option margin uses the index, S).
  const prices: Record<string, string> = {};
  rows.forEach((row, index) => {
    const ticker = tickers.get(row.marketId);
    const base = (markets[index] as MarketLike | undefined)?.base;
    if (ticker !== undefined && typeof base === 'string') prices[base] = ticker.indexPrice;
  });
  // The accounts, and their refusals, before anything more is fetched for them: an account
  // Margin Lens refuses is named as such, not reported as a malformed ticker or table.
  const accounts = bybitSilos({ accountId, marginMode: mode.marginMode, wallet, positions });
  // A cross UTA margined across coins: each coin's tiered collateral value ratio and USD index;
  // a coin Bybit does not count as collateral, a ratio of 0 (bybit-silos.ts).
  const unified = bybitUnifiedCoins(mode.marginMode, wallet, positions);
  const isCollateral = (coin: string) =>
    wallet.coins.find((entry) => entry.asset === coin)?.collateral ?? true;
  // (Prices first: a coin Bybit cannot value is refused by name before its ratios are asked.)
  const indexes =
    unified === undefined ? undefined : await usdIndexPrices(bybit, unified, isCollateral);
  if (indexes !== undefined) Object.assign(prices, indexes);
  const collateralTables =
    unified === undefined
      ? []
      : await Promise.all(
          unified.map(async (coin) =>
            isCollateral(coin)
              ? parseBybitCollateralRatios(
                  await bybit.publicGetV5SpotMarginTradeCollateral({ currency: coin }),
                  coin,
                  asOf,
                )
              : nonCollateralTable(coin, asOf),
          ),
        );
  return {
    // The USD indexes travel with the account too: the snapshot's prices give way to live market
    // data, which would value the collateral at another source's price, not Bybit's index.
    accounts:
      indexes === undefined
        ? accounts
        : accounts.map((account) =>
            account.id === accountId
              ? {
                  ...account,
                  collateralIndex: {
                    source: `Bybit ${BYBIT_TICKERS_ENDPOINT} (spot usdIndexPrice; USDT: BTCUSD index / BTCUSDT index; a coin that is not collateral, its COINUSDT lastPrice × that rate)`,
                    asOf,
                    prices: (unified ?? []).flatMap((asset) => {
                      const index = indexes[asset];
                      return index === undefined ? [] : [{ asset, index }];
                    }),
                  },
                }
              : account,
          ),
    tierTables,
    ...(collateralTables.length > 0 && { collateralTables }),
    ...(Object.keys(prices).length > 0 && { prices }),
  };
}

/**
 * The USD index price of each coin (bybit-usd-index-prices.ts): USDT's is the conversion rate
 * BTCUSD index / BTCUSDT index, any other coin's its `COINUSDT` spot ticker's `usdIndexPrice`.
 * A coin Bybit does not count as collateral has no USD index ("non-collateral margin coin returns
 * \"\"", tickers documentation): it is priced, as a price exposure only (its collateral value is
 * 0), at its `COINUSDT` spot `lastPrice` × the USDT conversion rate. A collateral coin without a
 * USD index, or a coin without a `COINUSDT` spot ticker, is an account Margin Lens cannot value:
 * ccxt's `NotSupported`, naming the coin.
 */
async function usdIndexPrices(
  bybit: BybitImplicitApi,
  coins: readonly string[],
  isCollateral: (coin: string) => boolean,
): Promise<Record<string, string>> {
  const prices: Record<string, string> = {};
  const ticker = async (category: BybitTickerCategory, symbol: string, field: TickerField) => {
    const price = readBybitTickerPrice(
      await bybit.publicGetV5MarketTickers({ category, symbol }),
      category,
      symbol,
      field,
    );
    if (price === undefined)
      return new PayloadReader('bybit', `${BYBIT_TICKERS_ENDPOINT}?category=${category}`).fail(
        `result.list "${symbol}" ${field}`,
        'is empty',
      );
    return price;
  };
  const usdtRate = async () =>
    bybitUsdtConversionRate(
      await ticker('inverse', 'BTCUSD', 'indexPrice'),
      await ticker('linear', 'BTCUSDT', 'indexPrice'),
    );
  const unsupported = (coin: string, why: string) =>
    new NotSupported(
      `bybit: this Unified Trading Account holds ${coin}, ${why}; Margin Lens values every coin of a cross-margin UTA across coins at Bybit's USD index price and cannot value this one`,
    );
  const spot = async (coin: string) => {
    try {
      return await bybit.publicGetV5MarketTickers({ category: 'spot', symbol: `${coin}USDT` });
    } catch (error) {
      if (error instanceof BadRequest)
        throw unsupported(
          coin,
          `which has no ${coin}USDT spot ticker on Bybit (${BYBIT_TICKERS_ENDPOINT})`,
        );
      throw error;
    }
  };
  await Promise.all(
    coins.map(async (coin) => {
      if (coin === 'USDT') {
        prices[coin] = await usdtRate();
        return;
      }
      const response = await spot(coin);
      const index = readBybitTickerPrice(response, 'spot', `${coin}USDT`, 'usdIndexPrice');
      if (index !== undefined) {
        prices[coin] = index;
        return;
      }
      if (isCollateral(coin))
        throw unsupported(
          coin,
          `which the wallet counts as collateral but whose ${coin}USDT usdIndexPrice Bybit leaves empty`,
        );
      const last = readBybitTickerPrice(response, 'spot', `${coin}USDT`, 'lastPrice');
      if (last === undefined)
        throw unsupported(coin, `which has neither a USD index nor a ${coin}USDT last price`);
      prices[coin] = new Decimal(last)
        .times(await usdtRate())
        .toDecimalPlaces(12)
        .toFixed();
    }),
  );
  return prices;
}

/**
 * The collateral table of a coin Bybit does not count as collateral (`marginCollateral` or
 * `collateralSwitch` false, wallet-balance documentation): one tier of ratio 0, so it adds
 * nothing to the margin balance and stays a price exposure of the account.
 */
function nonCollateralTable(coin: string, asOf: string): PortfolioFileCollateralTable {
  return {
    venue: 'bybit',
    asset: coin,
    source: `Bybit GET /v5/account/wallet-balance: ${coin} marginCollateral or collateralSwitch false, not counted in the margin balance`,
    asOf,
    tiers: [{ floor: '0', cap: null, collateralRate: '0' }],
  };
}

type TickerField = 'usdIndexPrice' | 'indexPrice' | 'lastPrice';

/** The settlement coin of a position's instrument (`settleCoin` of the instrument list). */
function settleOf(market: MarketLike, row: BybitPositionRow): string {
  return new PayloadReader('bybit', 'GET /v5/market/instruments-info').text(
    market.settle,
    `"${row.marketId}" settleCoin`,
  );
}

/** The ccxt market of a position row, matched by Bybit's id within the row's category. */
function marketFor(exchange: CcxtExchange, row: BybitPositionRow): MarketLike {
  return loadedMarket<MarketLike>(
    exchange,
    (candidate) =>
      candidate.id === row.marketId &&
      candidate.contract === true &&
      (row.category === 'option'
        ? candidate.option === true
        : row.category === 'inverse'
          ? candidate.inverse === true
          : candidate.linear === true && candidate.option !== true),
    new PayloadReader('bybit', `${BYBIT_POSITIONS_ENDPOINT}?category=${row.category}`),
    `"${row.marketId}" symbol`,
    'GET /v5/market/instruments-info',
  );
}

interface OptionTicker {
  /** Mark IV as a fraction ("0.7567" in the docs' example). */
  readonly markIv: number;
  /** The underlying's index price, USD (decimal string). */
  readonly indexPrice: string;
  /**
   * `underlyingPrice`, "Underlying price" (the docs say no more): the forward of the option's
   * expiry that Bybit's mark IV goes with, USD (decimal string); undefined when empty. A ticker
   * recorded in ccxt's tests (BTC-27DEC24-55000-P: indexPrice 63,783.9, underlyingPrice
   * 71,652.59, markIv 0.8866, markPrice 11,823.36, delta −0.2331) is reproduced by Black-76 on
   * `underlyingPrice` (11,823.5, −0.2331), not on the index (13,840.6, −0.281).
   */
  readonly underlyingPrice: string | undefined;
}

/**
 * `markIv`, `indexPrice` and `underlyingPrice` of `GET /v5/market/tickers?category=option`
 * (https://bybit-exchange.github.io/docs/v5/market/tickers).
 */
function readOptionTicker(response: unknown, marketId: string): OptionTicker {
  const reader = new PayloadReader(
    'bybit',
    `GET /v5/market/tickers?category=option&symbol=${marketId}`,
  );
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const ticker = reader
    .array(result.list, 'result.list')
    .map((raw, index) => reader.object(raw, `result.list[${index}]`))
    .find((entry) => entry.symbol === marketId);
  if (ticker === undefined) return reader.fail('result.list', `has no ticker for "${marketId}"`);
  return {
    markIv: new Decimal(
      reader.decimal(ticker.markIv, `result.list "${marketId}" markIv`, 'positive'),
    ).toNumber(),
    indexPrice: reader.decimal(
      ticker.indexPrice,
      `result.list "${marketId}" indexPrice`,
      'positive',
    ),
    underlyingPrice: reader.optionalDecimal(
      ticker.underlyingPrice,
      `result.list "${marketId}" underlyingPrice`,
      'positive',
    ),
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
