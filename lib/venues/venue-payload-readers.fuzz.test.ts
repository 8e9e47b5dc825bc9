import { BadResponse, BaseError } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_RESTRICTIONS } from '../../test/fake-exchange/api/fixtures/binance/api-restrictions';
import { COINM_ACCOUNT } from '../../test/fake-exchange/api/fixtures/binance/coinm-account';
import { COINM_LEVERAGE_BRACKETS } from '../../test/fake-exchange/api/fixtures/binance/coinm-leverage-brackets';
import { COINM_POSITION_RISK } from '../../test/fake-exchange/api/fixtures/binance/coinm-position-risk';
import {
  PM_ACCOUNT,
  PM_ASSET_INDEX_PRICES,
  PM_BALANCE,
  PM_COLLATERAL_RATES,
  PM_UM_POSITION_RISK,
} from '../../test/fake-exchange/api/fixtures/binance/portfolio-margin';
import { USDM_ACCOUNT } from '../../test/fake-exchange/api/fixtures/binance/usdm-account';
import { USDM_ASSET_INDEX } from '../../test/fake-exchange/api/fixtures/binance/usdm-asset-index';
import { USDM_LEVERAGE_BRACKETS } from '../../test/fake-exchange/api/fixtures/binance/usdm-leverage-brackets';
import {
  USDM_MULTI_ASSETS_ACCOUNT,
  USDM_MULTI_ASSETS_POSITION_RISK,
} from '../../test/fake-exchange/api/fixtures/binance/usdm-multi-assets';
import { USDM_POSITION_RISK } from '../../test/fake-exchange/api/fixtures/binance/usdm-position-risk';
import {
  ACCOUNT_INFO,
  BYBIT_CROSS_ACCOUNT,
  BYBIT_ISOLATED_HEDGE_ACCOUNT,
  bybitApiKeyInfo,
} from '../../test/fake-exchange/api/fixtures/bybit/bybit-accounts';
import { BYBIT_RISK_LIMITS } from '../../test/fake-exchange/api/fixtures/bybit/bybit-risk-limits';
import { bybitFeeRates } from '../../test/fake-exchange/api/fixtures/bybit/bybit-fee-rates';
import {
  BYBIT_BTC_SHORT_ON_BTC_ACCOUNT,
  BYBIT_COLLATERAL_RATIOS,
  BYBIT_INDEX_TICKERS,
  BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT,
} from '../../test/fake-exchange/api/fixtures/bybit/bybit-unified-accounts';
import {
  DERIBIT_ACCOUNT_SUMMARIES,
  DERIBIT_POSITIONS,
} from '../../test/fake-exchange/api/fixtures/deribit/deribit-account';
import { DERIBIT_SCOPES } from '../../test/fake-exchange/api/fixtures/deribit/deribit-errors';
import { DERIBIT_INSTRUMENTS } from '../../test/fake-exchange/api/fixtures/deribit/deribit-instruments';
import { HYPERLIQUID_CLEARINGHOUSE_STATE } from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import {
  HYPERLIQUID_FLX_CLEARINGHOUSE_STATE,
  HYPERLIQUID_XYZ_CLEARINGHOUSE_STATE,
} from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-clearinghouse';
import {
  HYPERLIQUID_FLX_META_AND_ASSET_CTXS,
  HYPERLIQUID_XYZ_META_AND_ASSET_CTXS,
} from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-meta';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-meta';
import {
  HYPERLIQUID_UNIFIED_CASH_SPOT_STATE,
  HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES,
  HYPERLIQUID_UNIFIED_SPOT_STATE,
} from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-unified-account';
import {
  HYPERLIQUID_PERP_DEXS,
  HYPERLIQUID_SPOT_META,
} from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-perp-dexs';
import {
  OKX_MULTI_CURRENCY_ACROSS_ACCOUNT,
  okxAccount,
  okxAccountConfig,
} from '../../test/fake-exchange/api/fixtures/okx/okx-accounts';
import { OKX_DISCOUNT_RATES } from '../../test/fake-exchange/api/fixtures/okx/okx-discount-rates';
import { OKX_SWAP_POSITION_TIERS } from '../../test/fake-exchange/api/fixtures/okx/okx-position-tiers';
import {
  GATE_EMPTY_ACCOUNT,
  GATE_INVERSE_POSITION,
  gateAccount,
  gateAccountDetail,
  gateFee,
} from '../../test/fake-exchange/api/fixtures/gate/gate-accounts';
import { gateMainKeys } from '../../test/fake-exchange/api/fixtures/gate/gate-main-keys';
import { GATE_RISK_LIMIT_TIERS } from '../../test/fake-exchange/api/fixtures/gate/gate-risk-limit-tiers';
import {
  BITGET_ACCOUNT,
  BITGET_AUTHORITIES,
  BITGET_CROSS_ONLY_ACCOUNT,
  bitgetKeyInfo,
} from '../../test/fake-exchange/api/fixtures/bitget/bitget-accounts';
import { BITGET_POSITION_TIERS } from '../../test/fake-exchange/api/fixtures/bitget/bitget-position-tiers';
import { okxSwapTradeFee } from '../../test/fake-exchange/api/fixtures/okx/okx-trade-fee';
import { FUZZ_RUNS, mutate, mutation, type Mutation } from '../../test/fuzz/json-mutation';
import { DECIMAL_STRING } from '../engine/math/decimal-string';
import { decimalStringSizeProblem } from '../engine/math/decimal-string-size';
import { PORTFOLIO_LIMITS } from '../engine/portfolio/portfolio-limits';
import { PayloadReader } from './api/payload-reader';
import type { CcxtExchange } from './api/venue-api-types';
import { parseBinanceAssets, parseCoinmLegMargins } from './binance/binance-account-assets';
import { parseBinanceAssetIndex } from './binance/binance-asset-index';
import { parseBinanceBrackets } from './binance/binance-brackets';
import { checkBinanceKeyPermissions } from './binance/binance-key-permissions';
import { binanceMultiAssetsAccount } from './binance/binance-multi-assets-account';
import {
  parsePortfolioMarginAccount,
  parsePortfolioMarginBalances,
} from './binance/binance-pm-account';
import { portfolioMarginCollateralTables } from './binance/binance-pm-collateral-rates';
import { portfolioMarginIndexPrices } from './binance/binance-pm-index-prices';
import {
  parseCoinmPositionRisk,
  parsePortfolioMarginUmPositionRisk,
  parseUsdmPositionRisk,
} from './binance/binance-position-risk';
import { BINANCE_ENDPOINTS } from './binance/binance-request';
import { binanceSilos } from './binance/binance-silos';
import { BYBIT_ACCOUNT_INFO_ENDPOINT, parseBybitAccountMode } from './bybit/bybit-account-mode';
import {
  BYBIT_COLLATERAL_RATIO_ENDPOINT,
  parseBybitCollateralRatios,
} from './bybit/bybit-collateral-ratios';
import { BYBIT_KEY_INFO_ENDPOINT, parseBybitKeyPermissions } from './bybit/bybit-key-permissions';
import { BYBIT_FEE_RATE_ENDPOINT, parseBybitTakerFee } from './bybit/bybit-fee-rate';
import { BYBIT_POSITIONS_ENDPOINT, readBybitPositionRow } from './bybit/bybit-positions';
import { BYBIT_RISK_LIMIT_ENDPOINT, parseBybitRiskLimits } from './bybit/bybit-risk-limits';
import { BYBIT_TICKERS_ENDPOINT, readBybitTickerPrice } from './bybit/bybit-usd-index-prices';
import { BYBIT_WALLET_ENDPOINT, parseBybitWallet } from './bybit/bybit-wallet';
import { deribitAccounts } from './deribit/deribit-accounts';
import { deribitInstrumentLookup } from './deribit/deribit-instruments';
import { deribitKeyPermissions } from './deribit/deribit-key-scope';
import { readDeribitPosition, type DeribitPosition } from './deribit/deribit-position';
import { readHyperliquidAccountMode } from './hyperliquid/hyperliquid-account-mode';
import { hyperliquidStateIsEmpty, readHyperliquidAccount } from './hyperliquid/hyperliquid-account';
import {
  readHyperliquidCollateralToken,
  readHyperliquidMeta,
} from './hyperliquid/hyperliquid-meta';
import { readHyperliquidPerpDexs } from './hyperliquid/hyperliquid-perp-dexs';
import { readHyperliquidTokenNames } from './hyperliquid/hyperliquid-spot-tokens';
import { readHyperliquidSpotTotals } from './hyperliquid/hyperliquid-spot-state';
import { readHyperliquidUnifiedAccount } from './hyperliquid/hyperliquid-unified-account';
import { BITGET_ACCOUNTS_ENDPOINT, parseBitgetUsdtAccount } from './bitget/bitget-balance';
import {
  BITGET_KEY_INFO_ENDPOINT,
  parseBitgetKeyPermissions,
} from './bitget/bitget-key-permissions';
import { BITGET_OTHER_BOOKS, refuseBitgetOtherBook } from './bitget/bitget-other-books';
import { BITGET_POSITION_TIERS_ENDPOINT, bitgetTierTable } from './bitget/bitget-position-tiers';
import {
  BITGET_POSITIONS_ENDPOINT,
  readBitgetPositionRow,
  toBitgetPortfolioPosition,
} from './bitget/bitget-positions';
import { BITGET_TRADE_FEE_ENDPOINT, parseBitgetTakerFee } from './bitget/bitget-trade-fee';
import { checkGateClassicAccount, GATE_ACCOUNT_DETAIL_ENDPOINT } from './gate/gate-account-detail';
import {
  GATE_FUTURES_ACCOUNT_ENDPOINT,
  parseGateFuturesAccount,
} from './gate/gate-futures-account';
import { GATE_MAIN_KEYS_ENDPOINT, parseGateKeyPermissions } from './gate/gate-key-permissions';
import { GATE_OTHER_BOOKS, refuseGateOtherBook } from './gate/gate-other-books';
import {
  GATE_POSITIONS_ENDPOINT,
  readGatePositionRow,
  toGatePortfolioPosition,
} from './gate/gate-positions';
import {
  GATE_RISK_LIMIT_TIERS_ENDPOINT,
  parseGateRiskLimitTiers,
} from './gate/gate-risk-limit-tiers';
import { GATE_TRADE_FEE_ENDPOINT, parseGateTakerFee } from './gate/gate-trade-fee';
import { OKX_CONFIG_ENDPOINT, parseOkxAccountConfig } from './okx/okx-account-config';
import { OKX_BALANCE_ENDPOINT, parseOkxBalance } from './okx/okx-balance';
import { OKX_DISCOUNT_RATE_ENDPOINT, parseOkxDiscountRates } from './okx/okx-discount-rates';
import { parseOkxKeyPermissions } from './okx/okx-key-permissions';
import { OKX_POSITION_TIERS_ENDPOINT, parseOkxPositionTiers } from './okx/okx-position-tiers';
import { OKX_POSITIONS_ENDPOINT, readOkxPositionRow } from './okx/okx-positions';
import { OKX_TRADE_FEE_ENDPOINT, parseOkxTakerFee } from './okx/okx-trade-fee';
import { parseOkxOptionTiers } from './okx/okx-option-tiers';
import { OKX_OPTION_SUMMARY_ENDPOINT, parseOkxOptionMarks } from './okx/okx-option-summary';
import {
  OKX_OPTION_ACCOUNT,
  OKX_OPTION_POSITION_TIERS,
  okxOptionSummary,
} from '../../test/fake-exchange/api/fixtures/okx/okx-options';

/**
 * Every venue payload reader under fuzzing (issue 13, "every venue payload reader … ≥ 10,000
 * cases each"), FUZZ_RUNS cases per reader with a fixed seed: near-valid answers (a recorded
 * fixture of test/fake-exchange/api/fixtures/ with one to three mutations of
 * test/fuzz/json-mutation.ts, or a value moved from elsewhere in the fixtures, a venue word or an
 * accepted-but-extreme figure put in a field) and, for a share of the cases, arbitrary JSON. Each case either
 * - returns a value in which every number is finite and every decimal text (or Decimal) is a
 *   finite figure at most the portfolio file's largest (1e18) in size, names and ids aside; or
 * - throws a ccxt error: a BadResponse whose message starts with the venue and an endpoint the
 *   reader read and names a field after it (`okx GET /api/v5/account/balance: data[0] …`), or a
 *   NotSupported/PermissionDenied refusal of the account that starts with the venue's name;
 *   never a TypeError, RangeError or a bare Error;
 * and no case takes long: the slowest is printed, and one past {@link HANG_MS} fails the run.
 */
const SEED = 13;
/** Synchronous code cannot be interrupted: a case this slow stands for a hang. */
const HANG_MS = 1_000;
/** 10,000 cases of one reader take 0.2–2 s here; vitest's default 5 s is too short when loaded. */
const TIMEOUT_MS = 120_000;
const AS_OF = '2026-12-01T00:00:00Z';
const LARGEST = new Decimal(PORTFOLIO_LIMITS.largestFigure);

interface ReaderCase {
  readonly name: string;
  /** The venue and endpoint(s) a BadResponse must start with (`bybit GET /v5/account/info`). */
  readonly endpoints: readonly string[];
  /** Valid answers the venue sent (recorded fixtures). */
  readonly fixtures: readonly unknown[];
  /** Venue words worth putting in a field (enumerations the reader branches on). */
  readonly words?: readonly unknown[];
  readonly read: (payload: unknown) => unknown;
  /** The reader returns a promise (it awaits a fake ccxt call). */
  readonly async?: true;
  /** The part of the result that holds figures, when some of it is names only (default: all). */
  readonly figures?: (result: never) => unknown;
}

const reader = (venue: string, endpoint: string) => new PayloadReader(venue, endpoint);
const binance = BINANCE_ENDPOINTS;
const usdm = (label: string) => `binanceusdm ${label}`;
const bybitOk = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {} });
const okxOk = (data: readonly unknown[]) => ({ code: '0', msg: '', data });
const bitgetOk = (data: unknown) => ({ code: '00000', msg: 'success', data });
const rpc = (result: unknown) => ({ jsonrpc: '2.0', id: 1, result });

/** ccxt's markets by id for the Deribit instruments, as deribitInstrumentLookup reads them. */
const deribitMarkets = Object.fromEntries(
  DERIBIT_INSTRUMENTS.map((raw) => {
    const instrument = raw as Record<string, unknown>;
    const option = instrument.kind === 'option';
    return [
      instrument.instrument_name,
      [
        {
          symbol: `${String(instrument.base_currency)}/USD:${String(instrument.instrument_name)}`,
          settle: instrument.base_currency,
          option,
          future: !option,
          info: instrument,
        },
      ],
    ];
  }),
);
const deribitInstrumentOf = deribitInstrumentLookup(
  deribitMarkets,
  reader('deribit', 'GET /api/v2/public/get_instruments'),
);

function readDeribitPositions(payload: unknown): DeribitPosition[] {
  const positionsReader = reader('deribit', 'GET /api/v2/private/get_positions');
  return positionsReader
    .array(positionsReader.jsonRpcResult(payload), 'result')
    .flatMap(
      (raw, index) => readDeribitPosition(raw, index, positionsReader, deribitInstrumentOf) ?? [],
    );
}

const bybitAccounts = [
  BYBIT_CROSS_ACCOUNT,
  BYBIT_ISOLATED_HEDGE_ACCOUNT,
  BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT,
  BYBIT_BTC_SHORT_ON_BTC_ACCOUNT,
];
const okxConfigs = (['1', '2', '3', '4'] as const).flatMap((level) =>
  ['read_only', 'read_only,trade', 'read_only,withdraw,trade'].map((perm) =>
    okxOk([okxAccountConfig(perm, level)]),
  ),
);
/** The unified account's USDC dexes with their metas, and its spot state. */
const hyperliquidUnifiedAccount = {
  dexes: [
    {
      dex: '',
      state: HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES[''],
      meta: HYPERLIQUID_META_AND_ASSET_CTXS,
    },
    {
      dex: 'xyz',
      state: HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES.xyz,
      meta: HYPERLIQUID_XYZ_META_AND_ASSET_CTXS,
    },
  ],
  spot: HYPERLIQUID_UNIFIED_SPOT_STATE,
};
const hyperliquidDexes = [
  { state: HYPERLIQUID_CLEARINGHOUSE_STATE, meta: HYPERLIQUID_META_AND_ASSET_CTXS, dex: '' },
  {
    state: HYPERLIQUID_XYZ_CLEARINGHOUSE_STATE,
    meta: HYPERLIQUID_XYZ_META_AND_ASSET_CTXS,
    dex: 'xyz',
  },
  {
    state: HYPERLIQUID_FLX_CLEARINGHOUSE_STATE,
    meta: HYPERLIQUID_FLX_META_AND_ASSET_CTXS,
    dex: 'flx',
  },
];
const hyperliquidInfo = (type: string) => `hyperliquid POST /info {"type":"${type}"`;

/** A fake ccxt exchange whose apiRestrictions answer is `payload`. */
function restrictionsExchange(payload: unknown): CcxtExchange {
  return {
    id: 'binanceusdm',
    [binance.apiRestrictions.method]: () => Promise.resolve(payload),
  } as unknown as CcxtExchange;
}

const READERS: readonly ReaderCase[] = [
  // Binance
  {
    name: 'parseUsdmPositionRisk',
    endpoints: [usdm(binance.usdmPositionRisk.label)],
    fixtures: [USDM_POSITION_RISK, USDM_MULTI_ASSETS_POSITION_RISK],
    words: ['BOTH', 'LONG', 'SHORT', '0', '-0', '0.000'],
    read: (payload) =>
      parseUsdmPositionRisk(payload, reader('binanceusdm', binance.usdmPositionRisk.label)),
  },
  {
    name: 'parseCoinmPositionRisk',
    endpoints: [`binancecoinm ${binance.coinmPositionRisk.label}`],
    fixtures: [COINM_POSITION_RISK],
    words: ['BOTH', 'LONG', 'SHORT', 'cross', 'isolated', '0'],
    read: (payload) =>
      parseCoinmPositionRisk(payload, reader('binancecoinm', binance.coinmPositionRisk.label)),
  },
  {
    name: 'parsePortfolioMarginUmPositionRisk',
    endpoints: [usdm(binance.pmUmPositionRisk.label)],
    fixtures: [PM_UM_POSITION_RISK],
    words: ['BOTH', 'LONG', 'SHORT', '0'],
    read: (payload) =>
      parsePortfolioMarginUmPositionRisk(
        payload,
        reader('binanceusdm', binance.pmUmPositionRisk.label),
      ),
  },
  {
    name: 'parseBinanceAssets (GET /fapi/v3/account, GET /dapi/v1/account)',
    endpoints: [usdm(binance.usdmAccount.label)],
    fixtures: [USDM_ACCOUNT, USDM_MULTI_ASSETS_ACCOUNT, COINM_ACCOUNT],
    read: (payload) => {
      const accountReader = reader('binanceusdm', binance.usdmAccount.label);
      return parseBinanceAssets(accountReader.object(payload, 'response'), accountReader);
    },
  },
  {
    name: 'binanceSilos over parseBinanceAssets (the account figures)',
    endpoints: [usdm(binance.usdmAccount.label)],
    fixtures: [USDM_ACCOUNT, COINM_ACCOUNT],
    read: (payload) => {
      const accountReader = reader('binanceusdm', binance.usdmAccount.label);
      return binanceSilos({
        venue: 'binanceusdm',
        accountId: 'a',
        positionMode: 'oneway',
        assets: parseBinanceAssets(accountReader.object(payload, 'response'), accountReader),
        positions: [],
        accountReader,
      });
    },
  },
  {
    name: 'parseCoinmLegMargins',
    endpoints: [`binancecoinm ${binance.coinmAccount.label}`],
    fixtures: [COINM_ACCOUNT],
    words: ['BOTH', 'LONG', 'SHORT', '0'],
    read: (payload) => {
      const accountReader = reader('binancecoinm', binance.coinmAccount.label);
      return parseCoinmLegMargins(accountReader.object(payload, 'response'), accountReader);
    },
  },
  {
    name: 'parseBinanceBrackets (notional)',
    endpoints: [usdm(binance.usdmLeverageBrackets.label)],
    fixtures: [USDM_LEVERAGE_BRACKETS],
    read: (payload) =>
      parseBinanceBrackets(
        payload,
        reader('binanceusdm', binance.usdmLeverageBrackets.label),
        'notional',
      ),
  },
  {
    name: 'parseBinanceBrackets (coinQuantity)',
    endpoints: [`binancecoinm ${binance.coinmLeverageBrackets.label}`],
    fixtures: [COINM_LEVERAGE_BRACKETS],
    words: ['qtylFloor', 'qtyFloor'],
    read: (payload) =>
      parseBinanceBrackets(
        payload,
        reader('binancecoinm', binance.coinmLeverageBrackets.label),
        'coinQuantity',
      ),
  },
  {
    name: 'parseBinanceAssetIndex',
    endpoints: [usdm(binance.usdmAssetIndex.label)],
    fixtures: [USDM_ASSET_INDEX],
    words: ['USD', 'BTCUSD', 'USDTUSD'],
    read: (payload) =>
      parseBinanceAssetIndex(payload, reader('binanceusdm', binance.usdmAssetIndex.label)),
  },
  {
    name: 'binanceMultiAssetsAccount over the account and asset index (Multi-Assets mode)',
    endpoints: [usdm(binance.usdmAccount.label), usdm(binance.usdmAssetIndex.label)],
    fixtures: [{ account: USDM_MULTI_ASSETS_ACCOUNT, assetIndex: USDM_ASSET_INDEX }],
    read: (payload) => {
      const accountReader = reader('binanceusdm', binance.usdmAccount.label);
      const indexReader = reader('binanceusdm', binance.usdmAssetIndex.label);
      const both = accountReader.object(payload, 'response');
      const account = accountReader.object(both.account, 'response');
      return binanceMultiAssetsAccount({
        venue: 'binanceusdm',
        accountId: 'a',
        positionMode: 'oneway',
        assets: parseBinanceAssets(account, accountReader),
        totals: {
          totalMarginBalance: accountReader.decimalString(
            account.totalMarginBalance,
            'totalMarginBalance',
          ),
          totalMaintMargin: accountReader.decimalString(
            account.totalMaintMargin,
            'totalMaintMargin',
            'nonNegative',
          ),
        },
        positions: [],
        assetIndex: parseBinanceAssetIndex(both.assetIndex, indexReader),
        accountReader,
        indexReader,
        asOf: AS_OF,
        indexSource: binance.usdmAssetIndex.label,
      });
    },
  },
  {
    name: 'parsePortfolioMarginAccount',
    endpoints: [usdm(binance.pmAccount.label)],
    fixtures: [PM_ACCOUNT],
    read: (payload) =>
      parsePortfolioMarginAccount(payload, reader('binanceusdm', binance.pmAccount.label)),
  },
  {
    name: 'parsePortfolioMarginBalances',
    endpoints: [usdm(binance.pmBalance.label)],
    fixtures: [PM_BALANCE],
    read: (payload) =>
      parsePortfolioMarginBalances(payload, reader('binanceusdm', binance.pmBalance.label)),
  },
  {
    name: 'portfolioMarginCollateralTables',
    endpoints: [usdm(binance.pmCollateralRates.label)],
    fixtures: [PM_COLLATERAL_RATES],
    words: ['USDT', 'USDC', 'BTC'],
    read: (payload) =>
      portfolioMarginCollateralTables({
        payload,
        reader: reader('binanceusdm', binance.pmCollateralRates.label),
        venue: 'binanceusdm',
        assets: ['USDT', 'USDC'],
        asOf: AS_OF,
      }),
  },
  {
    name: 'portfolioMarginIndexPrices',
    endpoints: [usdm(binance.pmAssetIndexPrices.label)],
    fixtures: [PM_ASSET_INDEX_PRICES],
    words: ['USDT', 'USDC', 'BTC'],
    read: (payload) =>
      portfolioMarginIndexPrices({
        payload,
        reader: reader('binanceusdm', binance.pmAssetIndexPrices.label),
        assets: ['USDT', 'USDC'],
      }),
  },
  {
    name: 'checkBinanceKeyPermissions (apiRestrictions)',
    endpoints: [usdm(binance.apiRestrictions.label)],
    fixtures: Object.values(API_RESTRICTIONS),
    words: [true, false, 'true', 'enableReading', 'enableWithdrawals', 'createTime'],
    read: (payload) => checkBinanceKeyPermissions(restrictionsExchange(payload)),
    async: true,
  },
  // Bybit
  {
    name: 'parseBybitAccountMode',
    endpoints: [`bybit ${BYBIT_ACCOUNT_INFO_ENDPOINT}`],
    fixtures: [
      bybitOk(ACCOUNT_INFO),
      ...bybitAccounts.map((account) => bybitOk(account.accountInfo)),
    ],
    words: ['REGULAR_MARGIN', 'ISOLATED_MARGIN', 'PORTFOLIO_MARGIN', 1, 2, 3, 4, 5, 6, '6', 7],
    read: parseBybitAccountMode,
  },
  {
    name: 'parseBybitKeyPermissions',
    endpoints: [`bybit ${BYBIT_KEY_INFO_ENDPOINT}`],
    fixtures: (['readOnly', 'trade', 'withdraw'] as const).map((kind) =>
      bybitOk(bybitApiKeyInfo('key', kind)),
    ),
    words: [0, 1, '0', '1', 'Order', 'Withdraw', []],
    read: parseBybitKeyPermissions,
  },
  {
    name: 'parseBybitWallet (cross)',
    endpoints: [`bybit ${BYBIT_WALLET_ENDPOINT}`],
    fixtures: bybitAccounts.map((account) => bybitOk(account.wallet)),
    words: ['', '0', true, false],
    read: (payload) => parseBybitWallet(payload, 'cross'),
  },
  {
    name: 'parseBybitWallet (portfolio)',
    endpoints: [`bybit ${BYBIT_WALLET_ENDPOINT}`],
    fixtures: bybitAccounts.map((account) => bybitOk(account.wallet)),
    words: ['', '0', true, false],
    read: (payload) => parseBybitWallet(payload, 'portfolio'),
  },
  {
    name: 'readBybitPositionRow',
    endpoints: [`bybit ${BYBIT_POSITIONS_ENDPOINT}?category=linear`],
    fixtures: bybitAccounts.flatMap((account) => account.positions.map((position) => position.row)),
    words: ['Buy', 'Sell', '', 0, 1, 2, '1', '2', '0'],
    read: (payload) => readBybitPositionRow(payload, 'linear', 0, 'USDC'),
  },
  {
    name: 'parseBybitRiskLimits',
    endpoints: [`bybit ${BYBIT_RISK_LIMIT_ENDPOINT}`],
    fixtures: Object.values(BYBIT_RISK_LIMITS).map((table) => table.rows),
    words: ['BTCUSDT', 'ETHUSDT', '', '0.5', '1', '100'],
    read: (payload) => {
      const rows = reader('bybit', BYBIT_RISK_LIMIT_ENDPOINT).array(payload, 'result.list');
      return parseBybitRiskLimits(rows, 'BTCUSDT', 'BTC/USDT:USDT', AS_OF);
    },
  },
  {
    name: 'parseBybitCollateralRatios',
    endpoints: [`bybit ${BYBIT_COLLATERAL_RATIO_ENDPOINT}?currency=BTC`],
    fixtures: [
      bybitOk({
        list: Object.entries(BYBIT_COLLATERAL_RATIOS).map(([currency, collateralRatioList]) => ({
          currency,
          collateralRatioList,
        })),
      }),
    ],
    words: ['BTC', '', '0', '1'],
    read: (payload) => parseBybitCollateralRatios(payload, 'BTC', AS_OF),
  },
  {
    name: 'parseBybitTakerFee',
    endpoints: [`bybit ${BYBIT_FEE_RATE_ENDPOINT}?category=linear&symbol=BTCUSDT`],
    fixtures: [
      bybitOk({ list: bybitFeeRates('linear', 'BTCUSDT') }),
      bybitOk({ list: bybitFeeRates('linear', null) }),
    ],
    words: ['BTCUSDT', '', '0.01', '-0.01', '-0.0001'],
    read: (payload) => parseBybitTakerFee(payload, 'linear', 'BTCUSDT'),
  },
  {
    name: 'readBybitTickerPrice (USD index prices)',
    endpoints: [`bybit ${BYBIT_TICKERS_ENDPOINT}?category=spot&symbol=BTCUSDT`],
    fixtures: [bybitOk({ category: 'spot', list: Object.values(BYBIT_INDEX_TICKERS.spot ?? {}) })],
    words: ['BTCUSDT', ''],
    read: (payload) => readBybitTickerPrice(payload, 'spot', 'BTCUSDT', 'usdIndexPrice'),
  },
  // OKX
  {
    name: 'parseOkxAccountConfig',
    endpoints: [`okx ${OKX_CONFIG_ENDPOINT}`],
    fixtures: okxConfigs,
    words: ['1', '4', 1, 'net_mode', 'long_short_mode', ' ', ','],
    read: parseOkxAccountConfig,
  },
  {
    name: 'parseOkxKeyPermissions',
    endpoints: [`okx ${OKX_CONFIG_ENDPOINT}`],
    fixtures: okxConfigs,
    words: ['read_only', ' ', ',', 'read_only,', 'read_only, trade', 'READ_ONLY', 'trade'],
    read: parseOkxKeyPermissions,
  },
  {
    name: 'parseOkxBalance',
    endpoints: [`okx ${OKX_BALANCE_ENDPOINT}`],
    fixtures: [
      ...(['2', '3', '4'] as const).map((level) => okxOk([okxAccount(level).balance])),
      okxOk([OKX_MULTI_CURRENCY_ACROSS_ACCOUNT.balance]),
    ],
    words: ['', '0', 'USDT', 'BTC'],
    read: parseOkxBalance,
  },
  {
    name: 'parseOkxDiscountRates',
    endpoints: [`okx ${OKX_DISCOUNT_RATE_ENDPOINT}?ccy=BTC`],
    fixtures: [okxOk(Object.values(OKX_DISCOUNT_RATES))],
    words: ['BTC', '', '0', '1', '20'],
    read: (payload) => parseOkxDiscountRates(payload, 'BTC', AS_OF),
  },
  {
    name: 'readOkxPositionRow',
    endpoints: [`okx ${OKX_POSITIONS_ENDPOINT}`],
    fixtures: [...okxAccount('2').positions, ...OKX_OPTION_ACCOUNT.positions],
    words: ['SWAP', 'FUTURES', 'OPTION', 'MARGIN', 'net', 'long', 'short', 'cross', 'isolated', ''],
    read: (payload) => readOkxPositionRow(payload, 0),
  },
  {
    name: 'parseOkxPositionTiers',
    endpoints: [`okx ${OKX_POSITION_TIERS_ENDPOINT}?instFamily=ETH-USDT&tdMode=cross`],
    fixtures: Object.values(OKX_SWAP_POSITION_TIERS).map((rows) => okxOk(rows)),
    read: (payload) => parseOkxPositionTiers(payload, 'ETH-USDT', 'cross'),
  },
  {
    name: 'parseOkxOptionTiers',
    endpoints: [
      `okx ${OKX_POSITION_TIERS_ENDPOINT}?instType=OPTION&instFamily=BTC-USD&tdMode=cross`,
    ],
    fixtures: Object.values(OKX_OPTION_POSITION_TIERS).map((rows) => okxOk(rows)),
    words: ['0', '10', '11', '1.02'],
    read: (payload) => parseOkxOptionTiers(payload, 'BTC-USD', 'cross'),
  },
  {
    name: 'parseOkxOptionMarks',
    endpoints: [`okx ${OKX_OPTION_SUMMARY_ENDPOINT}?instFamily=BTC-USD`],
    fixtures: [okxOk(okxOptionSummary('BTC-USD'))],
    words: ['0', '10', '10.5', '0.5'],
    read: (payload) =>
      parseOkxOptionMarks(payload, 'BTC-USD', [
        'BTC-USD-261225-90000-P',
        'BTC-USD-261225-110000-C',
      ]),
  },
  {
    name: 'parseOkxTakerFee',
    endpoints: [`okx ${OKX_TRADE_FEE_ENDPOINT}?instFamily=ETH-USDT`],
    fixtures: [okxOk([okxSwapTradeFee('ETH-USDT')])],
    words: ['0.01', '-0.01', '0.0001'],
    read: (payload) => parseOkxTakerFee(payload, 'ETH-USDT', 'USDT'),
  },
  // Bitget
  {
    name: 'readBitgetPositionRow and toBitgetPortfolioPosition',
    endpoints: [`bitget ${BITGET_POSITIONS_ENDPOINT}`],
    fixtures: [...BITGET_ACCOUNT.positions, ...BITGET_CROSS_ONLY_ACCOUNT.positions],
    words: ['long', 'short', 'crossed', 'isolated', 'hedge_mode', 'one_way_mode', 'union', '', '0'],
    read: (payload) =>
      toBitgetPortfolioPosition(readBitgetPositionRow(payload, 0), {
        symbol: 'BTC/USDT:USDT',
        takerFeeRate: '0.0006',
        tiers: [{ floor: '0', cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }],
      }),
  },
  {
    name: 'parseBitgetUsdtAccount',
    endpoints: [`bitget ${BITGET_ACCOUNTS_ENDPOINT}`],
    fixtures: [bitgetOk([BITGET_ACCOUNT.account]), bitgetOk([BITGET_CROSS_ONLY_ACCOUNT.account])],
    words: ['USDT', 'single', 'union', '', '0'],
    read: (payload) =>
      parseBitgetUsdtAccount(
        payload,
        BITGET_ACCOUNT.positions.map((row, index) => readBitgetPositionRow(row, index)),
      ),
  },
  {
    name: 'bitgetTierTable',
    endpoints: [`bitget ${BITGET_POSITION_TIERS_ENDPOINT}?symbol=BTCUSDT&productType=USDT-FUTURES`],
    fixtures: Object.values(BITGET_POSITION_TIERS).map((rows) => bitgetOk(rows)),
    words: ['BTCUSDT', 'ETHUSDT', '0', '1', ''],
    read: (payload) => bitgetTierTable(payload, 'BTCUSDT', 'BTC/USDT:USDT', AS_OF),
  },
  {
    name: 'refuseBitgetOtherBook',
    endpoints: ['bitget GET /api/v2/mix/position/all-position?productType=USDC-FUTURES'],
    fixtures: [bitgetOk([]), bitgetOk([{ ...BITGET_ACCOUNT.positions[1], total: '0' }])],
    words: ['0', '1', ''],
    read: (payload) => refuseBitgetOtherBook(payload, BITGET_OTHER_BOOKS[0]),
  },
  {
    name: 'parseBitgetTakerFee',
    endpoints: [`bitget ${BITGET_TRADE_FEE_ENDPOINT}?symbol=BTCUSDT&businessType=mix`],
    fixtures: [bitgetOk({ makerFeeRate: '0.0002', takerFeeRate: '0.0006' })],
    words: ['0.01', '-0.0002', '0'],
    read: (payload) => parseBitgetTakerFee(payload, 'BTCUSDT'),
  },
  {
    name: 'parseBitgetKeyPermissions',
    endpoints: [`bitget ${BITGET_KEY_INFO_ENDPOINT}`],
    fixtures: Object.values(BITGET_AUTHORITIES).map((authorities) =>
      bitgetOk(bitgetKeyInfo(authorities)),
    ),
    words: ['readonly', 'cpor', 'coow', 'wwow', 'READONLY', ' ', ''],
    read: parseBitgetKeyPermissions,
  },
  // Deribit
  {
    name: 'readDeribitPosition',
    endpoints: ['deribit GET /api/v2/private/get_positions'],
    fixtures: [rpc(DERIBIT_POSITIONS)],
    words: ['future', 'option', 'buy', 'sell', 'zero', 'BTC-PERPETUAL'],
    read: readDeribitPositions,
  },
  {
    name: 'deribitAccounts over readDeribitPosition (account summaries)',
    endpoints: [
      'deribit GET /api/v2/private/get_account_summaries',
      'deribit GET /api/v2/private/get_positions',
    ],
    fixtures: [{ positions: rpc(DERIBIT_POSITIONS), summaries: rpc(DERIBIT_ACCOUNT_SUMMARIES) }],
    words: ['segregated_sm', 'cross_sm', 'segregated_pm', 'cross_pm', 'BTC', 'ETH', null],
    read: (payload) => {
      const both = payload as { positions?: unknown; summaries?: unknown } | null;
      const summariesReader = reader('deribit', 'GET /api/v2/private/get_account_summaries');
      summariesReader.object(payload, 'response');
      const positions = readDeribitPositions(both?.positions);
      const markIvs = new Map(positions.map((position) => [position.instrumentName, 0.5]));
      return deribitAccounts(
        {
          accountId: 'a',
          summaries: summariesReader.jsonRpcResult(both?.summaries),
          positions,
          markIvs,
        },
        summariesReader,
      );
    },
  },
  {
    name: 'deribitKeyPermissions (public/auth scope)',
    endpoints: ['deribit GET /api/v2/public/auth'],
    fixtures: Object.values(DERIBIT_SCOPES).map((scope) =>
      rpc({ access_token: 'x', expires_in: 900, refresh_token: 'y', scope, token_type: 'bearer' }),
    ),
    words: [
      'connection',
      'connection mainaccount',
      'trade:readwrite',
      'account:read  trade:read',
      'account:read trade:read_write',
      'wallet:none',
    ],
    read: (payload) => {
      const authReader = reader('deribit', 'GET /api/v2/public/auth');
      const result = authReader.object(authReader.jsonRpcResult(payload), 'result');
      return deribitKeyPermissions(authReader.text(result.scope, 'result scope'));
    },
  },
  // Hyperliquid
  {
    name: 'readHyperliquidMeta',
    endpoints: [hyperliquidInfo('metaAndAssetCtxs')],
    fixtures: hyperliquidDexes.map((dex) => dex.meta),
    read: (payload) =>
      readHyperliquidMeta(payload, reader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}')),
  },
  {
    name: 'readHyperliquidCollateralToken',
    endpoints: [hyperliquidInfo('metaAndAssetCtxs')],
    fixtures: hyperliquidDexes.map((dex) => dex.meta),
    read: (payload) =>
      readHyperliquidCollateralToken(
        payload,
        reader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
      ),
  },
  {
    name: 'hyperliquidStateIsEmpty',
    endpoints: [hyperliquidInfo('clearinghouseState')],
    fixtures: hyperliquidDexes.map((dex) => dex.state),
    read: (payload) =>
      hyperliquidStateIsEmpty(
        payload,
        reader('hyperliquid', 'POST /info {"type":"clearinghouseState"}'),
      ),
  },
  {
    name: 'readHyperliquidAccount over readHyperliquidMeta (clearinghouseState)',
    endpoints: [hyperliquidInfo('clearinghouseState'), hyperliquidInfo('metaAndAssetCtxs')],
    fixtures: hyperliquidDexes,
    words: ['cross', 'isolated', null, '0', 'BTC', 'xyz:NVDA'],
    read: (payload) => {
      const dex = payload as { state?: unknown; meta?: unknown; dex?: unknown } | null;
      const stateReader = reader('hyperliquid', 'POST /info {"type":"clearinghouseState"}');
      stateReader.object(payload, 'answer');
      const named = typeof dex?.dex === 'string' && dex.dex !== '' ? dex.dex : undefined;
      return readHyperliquidAccount(
        {
          accountId: 'a',
          state: dex?.state,
          assets: readHyperliquidMeta(
            dex?.meta,
            reader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
          ),
          ...(named !== undefined && { dex: named, collateral: 'USDH' }),
        },
        stateReader,
      );
    },
  },
  {
    name: 'readHyperliquidPerpDexs',
    endpoints: [hyperliquidInfo('perpDexs')],
    fixtures: [HYPERLIQUID_PERP_DEXS],
    words: [null, 'xyz'],
    read: (payload) =>
      readHyperliquidPerpDexs(payload, reader('hyperliquid', 'POST /info {"type":"perpDexs"}')),
    // Dex names ("123" is one): no figures.
    figures: () => undefined,
  },
  {
    name: 'readHyperliquidTokenNames (spotMeta)',
    endpoints: [hyperliquidInfo('spotMeta')],
    fixtures: [HYPERLIQUID_SPOT_META],
    read: (payload) =>
      readHyperliquidTokenNames(payload, reader('hyperliquid', 'POST /info {"type":"spotMeta"}')),
    // Token names ("123" is one) by index: the indexes are the figures.
    figures: (names: ReadonlyMap<number, string>) => [...names.keys()],
  },
  {
    name: 'readHyperliquidAccountMode (userAbstraction)',
    endpoints: [hyperliquidInfo('userAbstraction')],
    fixtures: ['"disabled"', null, '"default"', 'null', '"portfolioMargin"', '"unifiedAccount"'],
    words: ['"dexAbstraction"', 'portfolioMargin', '""', '"a b"'],
    read: (payload) =>
      readHyperliquidAccountMode(
        payload,
        reader('hyperliquid', 'POST /info {"type":"userAbstraction"}'),
      ),
    // A mode name: no figures.
    figures: () => undefined,
  },
  {
    name: 'readHyperliquidSpotTotals (spotClearinghouseState)',
    endpoints: [hyperliquidInfo('spotClearinghouseState')],
    fixtures: [
      HYPERLIQUID_UNIFIED_SPOT_STATE,
      HYPERLIQUID_UNIFIED_CASH_SPOT_STATE,
      { balances: [] },
    ],
    words: ['+82600', 'o12', 'USDC', null],
    read: (payload) =>
      readHyperliquidSpotTotals(
        payload,
        reader('hyperliquid', 'POST /info {"type":"spotClearinghouseState"}'),
      ),
    figures: (totals: ReadonlyMap<number, string>) => [...totals],
  },
  {
    name: 'readHyperliquidUnifiedAccount over readHyperliquidMeta and readHyperliquidSpotTotals',
    endpoints: [
      hyperliquidInfo('clearinghouseState'),
      hyperliquidInfo('metaAndAssetCtxs'),
      hyperliquidInfo('spotClearinghouseState'),
    ],
    fixtures: [hyperliquidUnifiedAccount],
    words: ['cross', 'isolated', null, '0', 'BTC', 'xyz:NVDA'],
    read: (payload) => {
      const stateReader = reader('hyperliquid', 'POST /info {"type":"clearinghouseState"}');
      const spotReader = reader('hyperliquid', 'POST /info {"type":"spotClearinghouseState"}');
      const answer = stateReader.object(payload, 'answer');
      const dexes = stateReader.array(answer.dexes, 'answer').map((raw, index) => {
        const entry = stateReader.object(raw, `answer[${index}]`);
        return {
          dex: typeof entry.dex === 'string' ? entry.dex : '',
          state: entry.state,
          assets: readHyperliquidMeta(
            entry.meta,
            reader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
          ),
          reader: stateReader,
        };
      });
      return readHyperliquidUnifiedAccount(
        {
          accountId: 'a',
          collateral: 'USDC',
          spotTotal: readHyperliquidSpotTotals(answer.spot, spotReader).get(0),
          dexes,
        },
        spotReader,
      );
    },
  },
  // Gate
  {
    name: 'checkGateClassicAccount',
    endpoints: [`gate ${GATE_ACCOUNT_DETAIL_ENDPOINT}`],
    fixtures: [gateAccountDetail(1), gateAccountDetail(2)],
    words: [1, 2, '1', '2', 3, ''],
    read: checkGateClassicAccount,
    figures: () => undefined,
  },
  {
    name: 'parseGateFuturesAccount',
    endpoints: [`gate ${GATE_FUTURES_ACCOUNT_ENDPOINT}`],
    fixtures: [
      gateAccount(0).futuresAccount,
      gateAccount(1).futuresAccount,
      gateAccount(2).futuresAccount,
      GATE_EMPTY_ACCOUNT.futuresAccount,
    ],
    words: [0, 1, 2, 3, '0', true, false, 'USDT', 'BTC', '', 'single', 'dual', 'split'],
    read: parseGateFuturesAccount,
  },
  {
    name: 'readGatePositionRow and toGatePortfolioPosition',
    endpoints: [`gate ${GATE_POSITIONS_ENDPOINT}`],
    fixtures: gateAccount().positions,
    words: [
      'single',
      'dual_long',
      'dual_short',
      'cross',
      'isolated',
      '0',
      '99999999',
      '',
      0,
      -1,
      1.5,
    ],
    read: (payload) => {
      const row = readGatePositionRow(payload, 0);
      return row === undefined
        ? undefined
        : toGatePortfolioPosition(row, {
            symbol: 'BTC/USDT:USDT',
            contractSize: '0.0001',
            takerFeeRate: '0.0005',
          });
    },
  },
  {
    name: 'refuseGateOtherBook (BTC-settled book)',
    endpoints: [`gate ${GATE_OTHER_BOOKS.inverse.endpoint}`],
    fixtures: [[], [GATE_INVERSE_POSITION]],
    words: [0, '0', -1],
    read: (payload) => refuseGateOtherBook(payload, GATE_OTHER_BOOKS.inverse),
    figures: () => undefined,
  },
  {
    name: 'parseGateRiskLimitTiers',
    endpoints: [`gate ${GATE_RISK_LIMIT_TIERS_ENDPOINT}?contract=BTC_USDT`],
    fixtures: Object.values(GATE_RISK_LIMIT_TIERS),
    words: ['0', '1', '', 0],
    read: (payload) => parseGateRiskLimitTiers(payload, 'BTC_USDT', 'BTC/USDT:USDT', AS_OF),
  },
  {
    name: 'parseGateKeyPermissions',
    endpoints: [`gate ${GATE_MAIN_KEYS_ENDPOINT}`],
    fixtures: [
      gateMainKeys({ 'gate-readOnly': 'readOnly' }),
      gateMainKeys({ 'gate-readOnly': 'readOnly', 'gate-withdrawEnabled': 'withdrawEnabled' }),
    ],
    words: [true, false, 'futures', 'wallet', 'gate-readOnl*****', '', 0],
    read: (payload) => parseGateKeyPermissions(payload, 'gate-readOnly'),
    figures: () => undefined,
  },
  {
    name: 'parseGateTakerFee',
    endpoints: [`gate ${GATE_TRADE_FEE_ENDPOINT}?contract=BTC_USDT`],
    fixtures: [gateFee('BTC_USDT')],
    words: ['0.01', '-0.01', '0.0001', 'BTC_USDT'],
    read: (payload) => parseGateTakerFee(payload, 'BTC_USDT'),
  },
];

/** Keys whose texts are names, ids or words, never figures (a symbol may be "12"). */
const TEXT_KEYS = new Set([
  'asset',
  'marketId',
  'symbol',
  'currency',
  'instId',
  'instrumentName',
  'permissionText',
  'accountStatus',
  'marginAsset',
  'marginCurrency',
  'settle',
  'capabilities',
  'checkedWith',
  'source',
  'asOf',
  'id',
  'venue',
  'priceIndex',
  'name',
  'coin',
]);

/** The first figure in `value` that is not finite or beyond 1e18 in size, as a path, if any. */
function badFigure(value: unknown, at: string): string | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && Math.abs(value) <= PORTFOLIO_LIMITS.largestFigure
      ? undefined
      : `${at} = ${value}`;
  if (typeof value === 'string') {
    if (/^[-+]?(NaN|Infinity)$/.test(value)) return `${at} = "${value}"`;
    if (!DECIMAL_STRING.test(value)) return undefined;
    // The portfolio file's size bound (at most 40 digits, exponent within ±30) first.
    const tooLong = decimalStringSizeProblem(value);
    if (tooLong !== undefined) return `${at} = "${value}" ${tooLong}`;
    const parsed = new Decimal(value);
    return parsed.isFinite() && parsed.abs().lte(LARGEST) ? undefined : `${at} = "${value}"`;
  }
  if (value instanceof Decimal)
    return value.isFinite() && value.abs().lte(LARGEST) ? undefined : `${at} = ${value.toString()}`;
  if (typeof value !== 'object' || value === null) return undefined;
  // A map's keys are names (market ids, coins) or indexes: its values hold the figures.
  const entries =
    value instanceof Map
      ? [...value.entries()].map(([key, item]) => [String(key), item] as const)
      : Object.entries(value);
  for (const [key, item] of entries) {
    if (TEXT_KEYS.has(key) && typeof item === 'string') continue;
    const found = badFigure(item, `${at}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Why `error` is not a proper refusal by `row`, or undefined when it is one. */
function refusalProblem(error: unknown, row: ReaderCase): string | undefined {
  if (!(error instanceof BaseError))
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  const { message } = error;
  if (error instanceof BadResponse) {
    // After the endpoint (and the rest of an info body): ": " and the field (which may be the
    // empty key itself, as in `apiRestrictions:  must be true or false`).
    const named = row.endpoints.some(
      (endpoint) =>
        message.startsWith(endpoint) && /^[^:]*: ./.test(message.slice(endpoint.length)),
    );
    return named
      ? undefined
      : `BadResponse does not name ${row.endpoints.join(' or ')} and a field: ${message}`;
  }
  const venue = row.endpoints[0]?.split(' ')[0] ?? '';
  return message.startsWith(venue)
    ? undefined
    : `${error.name} does not start with the venue "${venue}": ${message}`;
}

/** Leaves (texts, numbers, booleans, null) of the fixtures: values to move into another field. */
function leavesOf(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) value.forEach((item) => leavesOf(item, out));
  else if (typeof value === 'object' && value !== null)
    Object.values(value).forEach((item) => leavesOf(item, out));
  else out.push(value);
  return out;
}

/**
 * Figures a reader accepts but that are extreme (up to 40 digits, exponents within ±30, up to
 * 1e18 in size): what derived figures (ratios, sums, products, inverses) grow out of bounds from.
 */
const extremeFigure: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.constantFrom('1', '9.99', '3'),
      fc.integer({ min: -30, max: 18 }),
    )
    .map(([sign, digits, exponent]) => `${sign}${digits}e${exponent}`),
  fc.integer({ min: -18, max: 18 }).map((exponent) => 10 ** exponent),
  fc.constantFrom(
    '1000000000000000000',
    '-1000000000000000000',
    '999999999999999999.9999999999999999999999',
    '0.000000000000000000000000000001',
    1e18,
    -1e18,
    1.0000001e-18,
  ),
);

function payloads(row: ReaderCase): fc.Arbitrary<unknown> {
  const vocabulary = [...new Set([...leavesOf(row.fixtures), ...(row.words ?? [])])];
  const change: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: mutation },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('replace' as const),
        pick: fc.nat(),
        value: fc.constantFrom(...vocabulary),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('replace' as const),
        pick: fc.nat(),
        value: extremeFigure,
      }),
    },
  );
  const fixture = fc.nat({ max: row.fixtures.length - 1 }).map((index) => row.fixtures[index]);
  return fc.oneof(
    { weight: 1, arbitrary: fixture },
    {
      weight: 12,
      arbitrary: fc
        .tuple(fixture, fc.array(change, { minLength: 1, maxLength: 3 }))
        .map(([valid, changes]) => mutate(valid, changes).value),
    },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

interface Tally {
  read: number;
  refused: number;
  slowest: number;
}

type Outcome = { readonly value: unknown } | { readonly threw: unknown };

/** Runs one case; a failure is thrown, and fast-check shrinks to it. */
function judge(row: ReaderCase, tally: Tally, started: number, outcome: Outcome): void {
  const elapsed = performance.now() - started;
  tally.slowest = Math.max(tally.slowest, elapsed);
  if (elapsed > HANG_MS) throw new Error(`${row.name} took ${elapsed.toFixed(0)} ms`);
  if ('threw' in outcome) {
    const problem = refusalProblem(outcome.threw, row);
    if (problem !== undefined) throw new Error(problem);
    tally.refused += 1;
    return;
  }
  const figures = row.figures === undefined ? outcome.value : row.figures(outcome.value as never);
  const bad = badFigure(figures, '$');
  if (bad !== undefined)
    throw new Error(`returned a figure that is not finite or too large: ${bad}`);
  tally.read += 1;
}

function syncCase(row: ReaderCase, tally: Tally) {
  return (payload: unknown): void => {
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = { value: row.read(payload) };
    } catch (error) {
      outcome = { threw: error };
    }
    judge(row, tally, started, outcome);
  };
}

function asyncCase(row: ReaderCase, tally: Tally) {
  return async (payload: unknown): Promise<void> => {
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = { value: await row.read(payload) };
    } catch (error) {
      outcome = { threw: error };
    }
    judge(row, tally, started, outcome);
  };
}

// A loop, not describe.each: its `$name` titles are cut at 40 characters.
for (const row of READERS) {
  describe(`${row.name} under fuzzing`, () => {
    it(
      `returns finite bounded figures or a typed refusal naming the field (${FUZZ_RUNS} cases, seed ${SEED})`,
      { timeout: TIMEOUT_MS },
      async () => {
        const tally: Tally = { read: 0, refused: 0, slowest: 0 };
        const settings = { numRuns: FUZZ_RUNS, seed: SEED };
        if (row.async === true)
          await fc.assert(fc.asyncProperty(payloads(row), asyncCase(row, tally)), settings);
        else fc.assert(fc.property(payloads(row), syncCase(row, tally)), settings);
        console.log(
          `${row.name} fuzz: ${tally.read} read, ${tally.refused} refused, slowest ${tally.slowest.toFixed(1)} ms`,
        );
        expect(tally.read + tally.refused).toBeGreaterThanOrEqual(FUZZ_RUNS);
        // Both outcomes are reached: the fixtures are read, and mutations are refused.
        expect(tally.read).toBeGreaterThan(0);
        expect(tally.refused).toBeGreaterThan(0);
      },
    );
  });
}
