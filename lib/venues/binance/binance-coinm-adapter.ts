import Decimal from 'decimal.js';
import type { CcxtExchange, VenueAccountsSnapshot, VenueAdapter } from '../api/venue-api-types';
import { BINANCE_COINM_VENUE } from './binance-venues';
import { parseBinanceAssets, parseCoinmLegMargins } from './binance-account-assets';
import { bracketInForce, parseBinanceBrackets } from './binance-brackets';
import { loadBinanceContracts } from './binance-contracts';
import { heldTierTables } from './binance-held-tier-tables';
import { checkBinanceKeyPermissions } from './binance-key-permissions';
import { parseCoinmPositionRisk } from './binance-position-risk';
import { BINANCE_ENDPOINTS, binanceGet } from './binance-request';
import { binanceSiloPosition, type BinanceLegContext } from './binance-silo-position';
import { binanceSilos } from './binance-silos';
import { PayloadReader } from '../api/payload-reader';

/**
 * Binance COIN-M futures (ccxt `binancecoinm`): inverse perpetuals and quarterlies, each margined
 * in its base coin, read with a read-only key. One read:
 * - `GET /dapi/v1/exchangeInfo` (public, ccxt `loadMarkets`): symbols and contract sizes (USD per
 *   contract);
 * - `GET /dapi/v1/positionRisk`: open legs with leverage, margin type and the venue's
 *   liquidation price;
 * - `GET /dapi/v1/account`: each coin's wallet, margin balance and maintenance margin, and each
 *   leg's maintenance and initial margin (positionRisk lacks them);
 * - `GET /dapi/v1/positionSide/dual` (ccxt `fetchPositionMode`): one-way or hedge mode;
 * - `GET /dapi/v2/leverageBracket`: the account's brackets (by size in coin), emitted as tier
 *   tables for the held symbols.
 *
 * Positions: contracts as sent (a count), `contractSize` in USD from exchangeInfo, the isolated
 * wallet of isolated legs, the side of hedge-mode legs. Each position also carries its bracket in
 * force — rate, maintenance amount (coin) and maximum leverage for its size at mark — because the
 * engine's COIN-M rules take the tier from the position (lib/engine/margin/binance-coinm.ts). The
 * venue's own figures go under `venueReported` (liquidation price absent when Binance says "0").
 */
const VENUE = BINANCE_COINM_VENUE.id;

async function fetchAccounts(
  exchange: CcxtExchange,
  accountId: string,
  asOf: string,
): Promise<VenueAccountsSnapshot> {
  const endpoints = BINANCE_ENDPOINTS;
  const contracts = await loadBinanceContracts(exchange, 'inverse');
  const [riskPayload, accountPayload, bracketPayload, positionMode] = await Promise.all([
    binanceGet(exchange, endpoints.coinmPositionRisk),
    binanceGet(exchange, endpoints.coinmAccount),
    binanceGet(exchange, endpoints.coinmLeverageBrackets),
    exchange.fetchPositionMode(undefined, { subType: 'inverse' }),
  ]);

  const modeReader: PayloadReader = new PayloadReader(VENUE, endpoints.coinmPositionMode.label);
  const hedge = modeReader.boolean(
    modeReader.object(positionMode.info, 'response').dualSidePosition,
    'dualSidePosition',
  );

  const accountReader: PayloadReader = new PayloadReader(VENUE, endpoints.coinmAccount.label);
  const account = accountReader.object(accountPayload, 'response');
  const legMargins = parseCoinmLegMargins(account, accountReader);

  const bracketReader: PayloadReader = new PayloadReader(
    VENUE,
    endpoints.coinmLeverageBrackets.label,
  );
  const brackets = parseBinanceBrackets(bracketPayload, bracketReader, 'coinQuantity');

  const riskReader: PayloadReader = new PayloadReader(VENUE, endpoints.coinmPositionRisk.label);
  const legContext: BinanceLegContext = {
    contracts,
    hedge,
    reader: riskReader,
    contractListing: 'COIN-M contract of GET /dapi/v1/exchangeInfo',
    positionModeEndpoint: endpoints.coinmPositionMode.label,
  };
  const positions = parseCoinmPositionRisk(riskPayload, riskReader).map((leg) =>
    binanceSiloPosition(leg, legContext, (_contract, where) => {
      const margins = legMargins.get(`${leg.marketId} ${leg.positionSide}`);
      if (!margins)
        accountReader.fail('positions', `has no open ${where} leg, which positionRisk lists`);
      const tiers = brackets.get(leg.marketId);
      const tier = tiers && bracketInForce(tiers, new Decimal(leg.notional));
      if (!tier)
        bracketReader.fail('response', `has no brackets for the held symbol "${leg.marketId}"`);
      return {
        marginMode: leg.marginType === 'isolated' ? 'isolated' : 'cross',
        leverage: leg.leverage,
        maintenanceMargin: margins.maintMargin,
        initialMargin: margins.positionInitialMargin,
        tierInForce: {
          maintenanceMarginRate: tier.maintenanceMarginRate,
          maintenanceAmount: tier.maintenanceAmount ?? '0',
          maxLeverage: tier.maxLeverage,
        },
      };
    }),
  );

  const accounts = binanceSilos({
    venue: VENUE,
    accountId,
    positionMode: hedge ? 'hedge' : 'oneway',
    assets: parseBinanceAssets(account, accountReader),
    positions,
    accountReader,
  });
  return { accounts, tierTables: heldTierTables(VENUE, positions, brackets, bracketReader, asOf) };
}

export const binanceCoinmAdapter: VenueAdapter = {
  venue: VENUE,
  credentialKind: 'apiKey',
  needsPassword: false,
  // ccxt's urls.api: dapiPublic/dapiPrivate* on dapi.binance.com; the key check (sapi) on
  // api.binance.com.
  hostPermissions: BINANCE_COINM_VENUE.apiHosts,
  checkKeyPermissions: checkBinanceKeyPermissions,
  fetchAccounts,
};
