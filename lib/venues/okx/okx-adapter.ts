import Decimal from 'decimal.js';
import { AuthenticationError, BadRequest, NotSupported } from 'ccxt-src/base/errors.js';
import { loadedMarket } from '../api/loaded-market';
import { PayloadReader } from '../api/payload-reader';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  PortfolioFileCollateralTable,
  PortfolioFilePosition,
  PortfolioFileTierTable,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import { okxMultiCurrencies } from '../../engine/margin/okx-multi-currency-account';
import { MarginMode } from '../../engine/product/types';
import { OKX_VENUE } from './okx-venue';
import { parseOkxAccountConfig, type OkxAccountLevel } from './okx-account-config';
import {
  okxAccountVenueReported,
  okxCurrencyVenueReported,
  OKX_BALANCE_ENDPOINT,
  parseOkxBalance,
  type OkxBalance,
} from './okx-balance';
import { OKX_DISCOUNT_RATE_ENDPOINT, parseOkxDiscountRates } from './okx-discount-rates';
import { readOkxOptionFigures } from './okx-option-reads';
import { parseOkxKeyPermissions } from './okx-key-permissions';
import { parseOkxTakerFee } from './okx-trade-fee';
import {
  okxTierInForce,
  okxTierTable,
  parseOkxPositionTiers,
  sameOkxTiers,
  type OkxPositionTier,
} from './okx-position-tiers';
import {
  OKX_POSITIONS_ENDPOINT,
  readOkxPositionRow,
  toOkxPortfolioPosition,
  type OkxPositionRow,
} from './okx-positions';

/**
 * OKX (ccxt `okx`, API v5): one trading account read with a read-only key and its passphrase
 * (ccxt's `password`).
 *
 * Reads ccxt's markets (swaps, futures, options), the account configuration
 * (`GET /api/v5/account/config`), the balance (`GET /api/v5/account/balance`) and every position
 * (`GET /api/v5/account/positions`, which OKX does not paginate), then, public, the position tiers
 * of each instrument family and margin mode held (`GET /api/v5/public/position-tiers`), and the
 * key's taker fee for each instrument family held in isolated margin
 * (`GET /api/v5/account/trade-fee`, okx-trade-fee.ts: OKX liquidates an isolated position at
 * maintenance margin plus the fee to close it).
 *
 * Margin silos by account level (okx-account-config.ts):
 * - multi-currency (3) and portfolio margin (4): one account `accountId` (cross / portfolio), all
 *   currencies' balances, OKX's account margin ratio, MMR and adjusted equity (USD) — cross
 *   figures, so left out when the account holds isolated positions (okx-balance.ts);
 * - single-currency margin (2): the cross positions of each margin currency are a silo of their
 *   own, so each currency is an account `accountId:CCY` (e.g. `okx-main:USDT` with the USDT
 *   swaps, `okx-main:BTC` with the BTC-margined inverse swaps) with that currency's balance and
 *   margin ratio; isolated positions sit in their currency's account with their own margin, and
 *   then the account's maintenance margin is the currency's cross MMR plus theirs, and OKX's
 *   cross margin ratio is left out (okx-balance.ts);
 * - spot mode (1): one account `accountId` with the balances (no derivatives are possible).
 * A multi-currency account (3) holding or settling in more than one currency is margined on OKX's
 * discount-rate collateral (lib/engine/margin/okx-multi-currency-account.ts): for each of its
 * currencies the adapter reads the public discount rates (okx-discount-rates.ts, the file's
 * `collateralTables`) and carries the USD price OKX valued it at, the balance's `eqUsd` / `eq`
 * (okx-balance.ts), as the account's `collateralIndex`. That price, not an index ticker
 * (`GET /api/v5/market/index-tickers`), because it is the one OKX used for the `adjEq` of the
 * same answer, read at the same instant and for every currency (USDT and USDC included, which
 * have no USD index ticker there), at no extra request.
 *
 * Tier tables: OKX's tiers are by size (contracts), emitted on the engine's quantity basis
 * (contracts × ctVal, okx-position-tiers.ts), one per symbol — the cross tiers where the symbol is
 * held in cross; an isolated position whose mode lists other tiers carries its own tier in force
 * (an isolated leg's tier depends on its own size alone). OKX reports no tier per position.
 * Money is passed on as OKX's decimal strings; venue-reported position figures are in the
 * position's margin currency. OKX documentation: https://www.okx.com/docs-v5/en/.
 */
interface OkxImplicitApi {
  privateGetAccountConfig(params?: object): Promise<unknown>;
  privateGetAccountBalance(params?: object): Promise<unknown>;
  privateGetAccountPositions(params?: object): Promise<unknown>;
  publicGetPublicPositionTiers(params: object): Promise<unknown>;
  privateGetAccountTradeFee(params: object): Promise<unknown>;
  publicGetPublicDiscountRateInterestFreeQuota(params: object): Promise<unknown>;
  publicGetPublicOptSummary(params: object): Promise<unknown>;
}

interface MarketLike {
  readonly id: string;
  readonly symbol: string;
  /** ccxt's flag for a linear (USDT- or USDC-margined) contract. */
  readonly linear?: boolean;
  readonly base?: string;
  readonly info: {
    readonly ctVal?: unknown;
    readonly ctMult?: unknown;
    readonly instFamily?: unknown;
    readonly uly?: unknown;
  };
}

export const okxAdapter: VenueAdapter = {
  venue: 'okx',
  credentialKind: 'apiKey',
  needsPassword: OKX_VENUE.keyPassphrase,
  hostPermissions: OKX_VENUE.apiHosts,
  async checkKeyPermissions(exchange) {
    return parseOkxKeyPermissions(await api(exchange).privateGetAccountConfig());
  },
  fetchAccounts: fetchOkxAccounts,
};

/**
 * The implicit API of an exchange that has the key's passphrase. ccxt 4.5.84 does not insist on
 * it: without one it signs the request and sends the header `OK-ACCESS-PASSPHRASE: undefined`.
 */
function api(exchange: CcxtExchange): OkxImplicitApi {
  const password = (exchange as unknown as { password?: unknown }).password;
  if (typeof password !== 'string' || password === '')
    throw new AuthenticationError('okx: the API key needs its passphrase (OKX keys have one)');
  return exchange as unknown as OkxImplicitApi;
}

async function fetchOkxAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
): Promise<VenueAccountsSnapshot> {
  const okx = api(exchange);
  await exchange.loadMarkets();
  const config = parseOkxAccountConfig(await okx.privateGetAccountConfig());
  const balance = parseOkxBalance(await okx.privateGetAccountBalance());
  const positionsResponse = new PayloadReader('okx', OKX_POSITIONS_ENDPOINT).object(
    await okx.privateGetAccountPositions(),
    'response',
  );
  const rows = new PayloadReader('okx', OKX_POSITIONS_ENDPOINT)
    .array(positionsResponse.data, 'data')
    .flatMap((raw, index) => readOkxPositionRow(raw, index) ?? []);

  const isOption = (row: OkxPositionRow) => row.instType === 'OPTION';
  // Options are computed in single-currency margin (lib/engine/margin/okx-option-account.ts); in
  // a multi-currency account their value and margin enter the USD adjusted equity, not built.
  const option = rows.find(isOption);
  if (option !== undefined && config.accountLevel === 3)
    throw new NotSupported(
      `okx: options in a multi-currency margin account (${option.instId}) are not computed yet; Margin Lens computes OKX options in single-currency margin`,
    );
  const markets = rows.map((row) => marketFor(exchange, row));
  const tierKeys = [
    ...new Map(
      rows.flatMap((row, index) => {
        if (isOption(row)) return [];
        const family = instrumentFamily(markets[index] as MarketLike, row);
        return [[`${row.instType} ${family} ${row.marginMode}`, { row, family }] as const];
      }),
    ).values(),
  ];
  const tiers = new Map<string, OkxPositionTier[]>(
    await Promise.all(
      tierKeys.map(async ({ row, family }) => {
        const response = await okx.publicGetPublicPositionTiers({
          instType: row.instType,
          tdMode: row.marginMode,
          instFamily: family,
        });
        return [
          `${row.instType} ${family} ${row.marginMode}`,
          parseOkxPositionTiers(response, family, row.marginMode),
        ] as const;
      }),
    ),
  );

  // The taker fee to close, for the isolated linear positions' liquidation rule (okx-trade-fee.ts;
  // the engine's inverse rule does not charge it yet, lib/engine/margin/okx.ts).
  const chargedAtLiquidation = (row: OkxPositionRow, index: number) =>
    row.marginMode === 'isolated' &&
    ((markets[index] as MarketLike).linear === true || isOption(row));
  const feeKeyOf = (row: OkxPositionRow, index: number) =>
    `${row.instType} ${instrumentFamily(markets[index] as MarketLike, row)} ${row.marginCurrency}`;
  const feeRequests = new Map<string, { row: OkxPositionRow; family: string }>();
  rows.forEach((row, index) => {
    if (!chargedAtLiquidation(row, index)) return;
    const family = instrumentFamily(markets[index] as MarketLike, row);
    feeRequests.set(feeKeyOf(row, index), { row, family });
  });
  const takerFees = new Map(
    await Promise.all(
      [...feeRequests].map(async ([key, { row, family }]) => {
        const response = await okx.privateGetAccountTradeFee({
          instType: row.instType,
          instFamily: family,
        });
        return [key, parseOkxTakerFee(response, family, row.marginCurrency)] as const;
      }),
    ),
  );

  const contractValues = rows.map((row, index) => contractValue(markets[index] as MarketLike, row));
  const options = await readOkxOptionFigures(
    okx,
    rows,
    rows.map((row, index) => instrumentFamily(markets[index] as MarketLike, row)),
    markets.map((market) => market.base ?? ''),
  );
  const tiersOf = (index: number, mode: OkxPositionRow['marginMode']) => {
    const row = rows[index] as OkxPositionRow;
    return tiers.get(
      `${row.instType} ${instrumentFamily(markets[index] as MarketLike, row)} ${mode}`,
    );
  };
  // One table per symbol (the file's rule): the cross tiers where the symbol is held in cross,
  // else the isolated ones. A position whose own mode lists other tiers carries its tier in force.
  const tables = new Map<
    string,
    { table: PortfolioFileTierTable | undefined; tiers: OkxPositionTier[] }
  >();
  rows.forEach((row, index) => {
    const symbol = (markets[index] as MarketLike).symbol;
    if (tables.has(symbol) || isOption(row)) return;
    const crossHeld = rows.some(
      (other, otherIndex) =>
        other.marginMode === 'cross' && (markets[otherIndex] as MarketLike).symbol === symbol,
    );
    const chosen = tiersOf(index, crossHeld ? 'cross' : 'isolated') ?? [];
    tables.set(symbol, {
      table: okxTierTable(chosen, symbol, contractValues[index] as string, asOf),
      tiers: chosen,
    });
  });

  const positions = rows.map((row, index) => {
    const market = markets[index] as MarketLike;
    const own = tiersOf(index, row.marginMode) ?? [];
    const tierInForce = okxTierInForce(own, row.contracts, `"${row.instId}" pos`);
    const emitted = tables.get(market.symbol)?.tiers ?? [];
    const fee = chargedAtLiquidation(row, index) ? takerFees.get(feeKeyOf(row, index)) : undefined;
    return {
      currency: row.marginCurrency,
      position: toOkxPortfolioPosition(row, {
        symbol: market.symbol,
        contractSize: contractValues[index] as string,
        tierInForce: sameOkxTiers(own, emitted) ? undefined : tierInForce,
        ...(fee !== undefined && 'charged' in fee && { takerFeeRate: fee.charged }),
        ...options.of(row, index),
      }),
    };
  });
  const accounts = accountsFor(
    config.accountLevel,
    config.positionMode,
    accountId,
    balance,
    positions,
  );
  const tierTables = [...tables.values()].flatMap((entry) =>
    entry.table === undefined ? [] : [entry.table],
  );
  const account = accounts[0];
  const currencies =
    config.accountLevel === 3 && account !== undefined
      ? okxMultiCurrencies(
          MarginMode.cross,
          account.balances,
          positions.map((entry) => entry.currency),
        )
      : undefined;
  if (account === undefined || currencies === undefined)
    return {
      accounts,
      tierTables,
      // Options are margined on their underlying's index, as OKX read it with the position.
      ...(options.indexes.size > 0 && { prices: Object.fromEntries(options.indexes) }),
    };
  // A currency OKX publishes no discount rates for (an empty answer, or 51000 "Parameter ccy
  // error", ccxt's BadRequest) is left without a table: the engine then refuses the account
  // naming that currency (okx-multi-currency-account.ts) instead of the whole read failing.
  const collateralTables = (
    await Promise.all(
      currencies.map(async (currency) => {
        // Switched off as collateral: one tier at 0, it adds nothing to the adjusted equity
        // (the Bybit adapter does the same for its non-collateral coins).
        if (
          balance.currencies.find((entry) => entry.currency === currency)?.collateralEnabled ===
          false
        )
          return nonCollateralTable(currency, asOf);
        let response: unknown;
        try {
          response = await okx.publicGetPublicDiscountRateInterestFreeQuota({ ccy: currency });
        } catch (error) {
          if (error instanceof BadRequest) return undefined;
          throw error;
        }
        return parseOkxDiscountRates(response, currency, asOf);
      }),
    )
  ).flatMap((table) => (table === undefined ? [] : [table]));
  const usdPrices = currencies.flatMap((asset) => {
    const index = balance.currencies.find((entry) => entry.currency === asset)?.usdPrice;
    return index === undefined ? [] : [{ asset, index }];
  });
  return {
    accounts: [
      {
        ...account,
        collateralIndex: {
          source: `OKX GET /api/v5/account/balance details[] eqUsd / eq (the USD price of each currency in OKX's adjEq; discount rates: ${OKX_DISCOUNT_RATE_ENDPOINT})`,
          asOf,
          prices: usdPrices,
        },
      },
    ],
    tierTables,
    collateralTables,
    // The same prices for the market (a coin held is an exposure at its USD price).
    ...(usdPrices.length > 0 && {
      prices: Object.fromEntries(usdPrices.map(({ asset, index }) => [asset, index])),
    }),
  };
}

function accountsFor(
  level: OkxAccountLevel,
  positionMode: PortfolioFileAccount['positionMode'],
  accountId: string,
  balance: OkxBalance,
  positions: readonly { currency: string; position: PortfolioFilePosition }[],
): PortfolioFileAccount[] {
  // The file's wallet holds the isolated positions' margin, which the engine takes back out for
  // the cross silo; OKX's `cashBal` leaves it out (currency equity = balance + cross P&L +
  // isolated margin + isolated P&L + options value: OKX help "Multi-currency margin mode: cross
  // margin trading"; an isolated option row's eq = cashBal + isoEq to the last digit).
  const isolatedMargin = (currency: string) =>
    positions
      .filter((entry) => entry.currency === currency)
      .reduce((sum, entry) => sum.plus(entry.position.isolatedMargin ?? 0), new Decimal(0));
  const balances = (currency?: string) =>
    balance.currencies
      .filter((entry) => currency === undefined || entry.currency === currency)
      .map((entry) => ({
        asset: entry.currency,
        total: new Decimal(entry.cashBalance).plus(isolatedMargin(entry.currency)).toFixed(),
      }));
  if (level !== 2) {
    const all = positions.map((entry) => entry.position);
    const reported = okxAccountVenueReported(balance, all);
    return [
      {
        id: accountId,
        venue: 'okx',
        marginMode: level === 4 ? 'portfolio' : 'cross',
        positionMode,
        balances: balances(),
        positions: all,
        ...(reported !== undefined && { venueReported: reported }),
      },
    ];
  }
  const currencies = [
    ...new Set([
      ...positions.map((entry) => entry.currency),
      ...balance.currencies.map((entry) => entry.currency),
    ]),
  ];
  return currencies.map((currency) => {
    const own = positions
      .filter((entry) => entry.currency === currency)
      .map((entry) => entry.position);
    const detail = balance.currencies.find((entry) => entry.currency === currency);
    const reported = detail === undefined ? undefined : okxCurrencyVenueReported(detail, own);
    return {
      id: `${accountId}:${currency}`,
      venue: 'okx',
      marginMode: 'cross',
      positionMode,
      balances: balances(currency),
      positions: own,
      ...(reported !== undefined && { venueReported: reported }),
    };
  });
}

function marketFor(exchange: CcxtExchange, row: OkxPositionRow): MarketLike {
  return loadedMarket<MarketLike>(
    exchange,
    (candidate) => candidate.id === row.instId,
    new PayloadReader('okx', OKX_POSITIONS_ENDPOINT),
    `"${row.instId}" instId`,
    'GET /api/v5/public/instruments',
  );
}

/**
 * Base units (linear) or USD (inverse) per contract, `ctVal`; an option's coins per contract,
 * `ctVal` × `ctMult` (OKX's option value is pos × markPx × ctMult × ctVal; ccxt's contractSize
 * is ctVal alone).
 */
function contractValue(market: MarketLike, row: OkxPositionRow): string {
  const reader = new PayloadReader('okx', 'GET /api/v5/public/instruments');
  const value = reader.decimal(market.info.ctVal, `"${row.instId}" ctVal`, 'positive');
  if (row.instType !== 'OPTION') return value;
  const multiplier = reader.decimal(market.info.ctMult, `"${row.instId}" ctMult`, 'positive');
  return reader.computed(new Decimal(value).mul(multiplier), `"${row.instId}" ctVal × ctMult`);
}

function instrumentFamily(market: MarketLike, row: OkxPositionRow): string {
  const reader = new PayloadReader('okx', 'GET /api/v5/public/instruments');
  const family = market.info.instFamily ?? market.info.uly;
  return reader.text(family, `"${row.instId}" instFamily`);
}

/**
 * The discount table of a currency switched off as collateral (`collateralEnabled` false in
 * OKX's balance details, okx-balance.ts): one tier at a rate of 0, so its equity adds nothing to
 * the adjusted equity while it stays a price exposure.
 */
function nonCollateralTable(currency: string, asOf: string): PortfolioFileCollateralTable {
  return {
    venue: 'okx',
    asset: currency,
    source: `OKX ${OKX_BALANCE_ENDPOINT}: ${currency} collateralEnabled false, not counted in adjEq`,
    asOf,
    tiers: [{ floor: '0', cap: null, collateralRate: '0' }],
  };
}
