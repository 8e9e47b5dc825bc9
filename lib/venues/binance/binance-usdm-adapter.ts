import type { CcxtExchange, VenueAccountsSnapshot, VenueAdapter } from '../api/venue-api-types';
import { BINANCE_USDM_VENUE } from './binance-venues';
import { parseBinanceAssets } from './binance-account-assets';
import { parseBinanceAssetIndex } from './binance-asset-index';
import { parseBinanceBrackets } from './binance-brackets';
import { loadBinanceContracts } from './binance-contracts';
import { heldTierTables } from './binance-held-tier-tables';
import { binanceMultiAssetsAccount } from './binance-multi-assets-account';
import { fetchPortfolioMarginAccounts } from './binance-pm-accounts';
import { checkBinanceKeyPermissions } from './binance-key-permissions';
import { parseUsdmPositionRisk } from './binance-position-risk';
import { BINANCE_ENDPOINTS, binanceGet } from './binance-request';
import { binanceSiloPosition, type BinanceLegContext } from './binance-silo-position';
import { binanceSilos } from './binance-silos';
import { PayloadReader } from '../api/payload-reader';
import { venueErrorCode } from '../api/connection-problem';

/**
 * Binance USDⓈ-M futures (ccxt `binanceusdm`): linear perpetuals and quarterlies margined in USDT
 * or USDC, read with a read-only key. One read:
 * - `GET /fapi/v1/exchangeInfo` (public, ccxt `loadMarkets`): symbols and margin assets;
 * - `GET /fapi/v3/positionRisk`: open legs, the venue's liquidation price, maintenance and
 *   initial margin per position;
 * - `GET /fapi/v3/account`: each margin asset's wallet, margin balance and maintenance margin;
 * - `GET /fapi/v1/accountConfig`: position mode (`dualSidePosition`) and Multi-Assets mode;
 * - `GET /fapi/v1/symbolConfig`: each symbol's margin type and leverage (positionRisk v3 has
 *   neither);
 * - `GET /fapi/v1/leverageBracket`: the account's brackets, emitted as tier tables for the held
 *   symbols (precedence in the engine: a table from the venue over the embedded dated one);
 * - in Multi-Assets mode, `GET /fapi/v1/assetIndex` (public): each margin asset's USD index and
 *   valuation buffers (binance-asset-index.ts);
 * - a Portfolio Margin key, which the fapi user-data endpoints refuse, is read through papi
 *   (binance-pm-accounts.ts).
 * Every private endpoint is signed (`X-MBX-APIKEY` + HMAC `signature`, by ccxt). Documentation of
 * each payload: the parse modules (binance-position-risk.ts, binance-account-assets.ts,
 * binance-brackets.ts) and test/fake-exchange/api/fixtures/binance/.
 *
 * Positions keep the venue's strings: contracts (base units, contract size 1), entry and mark
 * price; isolated legs carry their isolated wallet; hedge-mode legs their side. The venue's own
 * figures go under `venueReported`: liquidation price (absent when Binance says "0": none or not
 * computed), `maintMargin`, `positionInitialMargin`. Single-Asset mode: one account per margin
 * asset (binance-silos.ts). Multi-Assets mode (`multiAssetsMargin: true`, cross margin only): one
 * account across the margin assets, with their index prices and buffers
 * (binance-multi-assets-account.ts).
 */
const VENUE = BINANCE_USDM_VENUE.id;

async function fetchAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
): Promise<VenueAccountsSnapshot> {
  const endpoints = BINANCE_ENDPOINTS;
  const contracts = await loadBinanceContracts(exchange, 'linear');
  let payloads: unknown[];
  try {
    payloads = await Promise.all([
      binanceGet(exchange, endpoints.usdmPositionRisk),
      binanceGet(exchange, endpoints.usdmAccount),
      binanceGet(exchange, endpoints.usdmAccountConfig),
      binanceGet(exchange, endpoints.usdmSymbolConfig),
      binanceGet(exchange, endpoints.usdmLeverageBrackets),
    ]);
  } catch (error) {
    const portfolioMargin = await portfolioMarginAccountPayload(exchange, error);
    if (portfolioMargin === undefined) throw error;
    return fetchPortfolioMarginAccounts({
      exchange,
      venue: VENUE,
      accountId,
      asOf,
      contracts,
      accountPayload: portfolioMargin,
    });
  }
  const [riskPayload, accountPayload, configPayload, symbolPayload, bracketPayload] = payloads;

  const configReader: PayloadReader = new PayloadReader(VENUE, endpoints.usdmAccountConfig.label);
  const config = configReader.object(configPayload, 'response');
  const hedge = configReader.boolean(config.dualSidePosition, 'dualSidePosition');
  const multiAssets = configReader.boolean(config.multiAssetsMargin, 'multiAssetsMargin');

  const symbolReader: PayloadReader = new PayloadReader(VENUE, endpoints.usdmSymbolConfig.label);
  const symbolConfigs = new Map(
    symbolReader.array(symbolPayload, 'response').map((raw, index) => {
      const entry = symbolReader.object(raw, `[${index}]`);
      const marketId = symbolReader.text(entry.symbol, `[${index}] symbol`);
      const where = `[${index}] "${marketId}"`;
      const marginType = symbolReader.text(entry.marginType, `${where} marginType`);
      if (marginType !== 'CROSSED' && marginType !== 'ISOLATED')
        symbolReader.fail(
          `${where} marginType`,
          `must be CROSSED or ISOLATED, got "${marginType}"`,
        );
      return [
        marketId,
        {
          marginMode: marginType === 'ISOLATED' ? ('isolated' as const) : ('cross' as const),
          leverage: symbolReader.integer(entry.leverage, `${where} leverage`, 1),
        },
      ] as const;
    }),
  );

  const riskReader: PayloadReader = new PayloadReader(VENUE, endpoints.usdmPositionRisk.label);
  const legContext: BinanceLegContext = {
    contracts,
    hedge,
    reader: riskReader,
    contractListing: 'USDⓈ-M contract of GET /fapi/v1/exchangeInfo',
    positionModeEndpoint: endpoints.usdmAccountConfig.label,
  };
  const positions = parseUsdmPositionRisk(riskPayload, riskReader).map((leg) =>
    binanceSiloPosition(leg, legContext, (contract, where) => {
      const symbolConfig = symbolConfigs.get(leg.marketId);
      if (!symbolConfig)
        symbolReader.fail('response', `has no entry for the held symbol "${leg.marketId}"`);
      if (multiAssets && symbolConfig.marginMode === 'isolated')
        symbolReader.fail(
          `"${leg.marketId}" marginType`,
          `is ISOLATED, which Multi-Assets mode does not allow (${endpoints.usdmAccountConfig.label} multiAssetsMargin: true)`,
        );
      if (leg.marginAsset !== contract.settle)
        riskReader.fail(
          `${where} marginAsset`,
          `is "${String(leg.marginAsset)}", the contract margins in ${contract.settle}`,
        );
      // Multi-Assets: the leg's margins are in its asset, the account's money in USD (the
      // account totals carry the comparison, binance-multi-assets-account.ts).
      return {
        marginMode: symbolConfig.marginMode,
        leverage: symbolConfig.leverage,
        maintenanceMargin: multiAssets ? undefined : leg.maintMargin,
        initialMargin: multiAssets ? undefined : leg.positionInitialMargin,
      };
    }),
  );

  const bracketReader: PayloadReader = new PayloadReader(
    VENUE,
    endpoints.usdmLeverageBrackets.label,
  );
  const brackets = parseBinanceBrackets(bracketPayload, bracketReader, 'notional');
  const tierTables = heldTierTables(VENUE, positions, brackets, bracketReader, asOf);

  const accountReader: PayloadReader = new PayloadReader(VENUE, endpoints.usdmAccount.label);
  const account = accountReader.object(accountPayload, 'response');
  const assets = parseBinanceAssets(account, accountReader);
  const positionMode = hedge ? 'hedge' : 'oneway';
  if (multiAssets) {
    const indexReader: PayloadReader = new PayloadReader(VENUE, endpoints.usdmAssetIndex.label);
    const { account: multiAssetsAccount, prices } = binanceMultiAssetsAccount({
      venue: VENUE,
      accountId,
      positionMode,
      assets,
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
      positions,
      assetIndex: parseBinanceAssetIndex(
        await binanceGet(exchange, endpoints.usdmAssetIndex),
        indexReader,
      ),
      accountReader,
      indexReader,
      asOf,
      indexSource: endpoints.usdmAssetIndex.label,
    });
    return { accounts: [multiAssetsAccount], tierTables, prices };
  }
  const accounts = binanceSilos({
    venue: VENUE,
    accountId,
    positionMode,
    assets,
    positions,
    accountReader,
  });
  return { accounts, tierTables };
}

/**
 * A Portfolio Margin key is refused by the fapi user-data endpoints ("enabling Portfolio Margin
 * trading will restrict the use of fapi and dapi endpoints for trading and user data", "Binance
 * Portfolio Margin API" FAQ ccf04078d7774d479f11ae15c4f56081) with -2015, the code of a wrong
 * key; so after a -2015 the papi account endpoint is asked once: its answer is the Portfolio
 * Margin account, and any refusal there leaves the first error standing (a wrong key stays one).
 */
async function portfolioMarginAccountPayload(
  exchange: CcxtExchange,
  error: unknown,
): Promise<unknown> {
  if (venueErrorCode(error) !== '-2015') return undefined;
  try {
    return await binanceGet(exchange, BINANCE_ENDPOINTS.pmAccount);
  } catch {
    return undefined;
  }
}

export const binanceUsdmAdapter: VenueAdapter = {
  venue: VENUE,
  credentialKind: 'apiKey',
  needsPassword: false,
  // ccxt's urls.api: fapiPublic/fapiPrivate* on fapi.binance.com; papi (Portfolio Margin) on
  // papi.binance.com; the key check and the collateral rates (sapi) on api.binance.com.
  hostPermissions: BINANCE_USDM_VENUE.apiHosts,
  checkKeyPermissions: checkBinanceKeyPermissions,
  fetchAccounts,
};
