import Decimal from 'decimal.js';
import { NotSupported } from 'ccxt-src/base/errors.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  PortfolioFilePosition,
  VenueAccountsSnapshot,
  VenueId,
} from '../api/venue-api-types';
import { parseBinanceBrackets } from './binance-brackets';
import type { BinanceContract } from './binance-contracts';
import { heldTierTables } from './binance-held-tier-tables';
import {
  parsePortfolioMarginAccount,
  parsePortfolioMarginBalances,
  type BinancePortfolioMarginFigures,
} from './binance-pm-account';
import { portfolioMarginCollateralTables } from './binance-pm-collateral-rates';
import { portfolioMarginIndexPrices } from './binance-pm-index-prices';
import { parsePortfolioMarginUmPositionRisk } from './binance-position-risk';
import { BINANCE_ENDPOINTS, binanceGet } from './binance-request';
import { binanceSiloPosition } from './binance-silo-position';

/**
 * A Binance Portfolio Margin account (the unified account, `papi`) read by key, as ONE
 * portfolio-file account with `marginMode: "portfolio"` (id `${accountId}:portfolio-margin`),
 * which the engine computes with lib/engine/margin/binance-portfolio-margin-account.ts (uniMMR).
 *
 * Binance: "enabling Portfolio Margin trading will restrict the use of fapi and dapi endpoints
 * for trading and user data" ("Binance Portfolio Margin API", FAQ ccf04078d7774d479f11ae15c4f56081,
 * 2023-05-04), so such a key is read through papi.binance.com only, with ccxt's implicit papi
 * methods:
 * - `GET /papi/v1/account`: uniMMR, accountEquity, actualEquity, accountMaintMargin,
 *   accountStatus (binance-pm-account.ts) — Binance's figures beside ours: `equity` =
 *   accountEquity, `maintenanceMargin` = accountMaintMargin, `marginRatio` = 1 / uniMMR (the
 *   report's margin ratio is MM / adjusted equity = 1 / uniMMR);
 * - `GET /papi/v1/balance`: each asset's totalWalletBalance;
 * - `GET /papi/v1/um/positionRisk` and `GET /papi/v1/um/positionSide/dual`: the UM legs
 *   (binance-position-risk.ts), Binance's liquidation price kept per leg;
 * - `GET /papi/v1/um/leverageBracket`: the held symbols' brackets as tier tables;
 * - `GET /papi/v1/cm/positionRisk`: read to refuse COIN-M legs by name (not computed yet);
 * - `GET /sapi/v1/portfolio/collateralRate`: the held assets' collateral rates, as the file's
 *   `collateralTables`, and `GET /sapi/v1/portfolio/asset-index-price`: their USD index prices,
 *   as the snapshot's `prices` (binance-pm-collateral-rates.ts, binance-pm-index-prices.ts).
 * Refused by name (`NotSupported`, an unsupported account): COIN-M positions, coin collateral
 * (the engine's portfolio-margin rules take USDT and USDC only), and a loan or negative balance
 * (margin loans are not modelled).
 */
const PM_ASSETS = new Set(['USDT', 'USDC']);

export async function fetchPortfolioMarginAccounts(args: {
  readonly exchange: CcxtExchange;
  readonly venue: VenueId;
  readonly accountId: string;
  readonly asOf: string;
  readonly contracts: ReadonlyMap<string, BinanceContract>;
  /** The account endpoint's answer, already read to tell the account apart. */
  readonly accountPayload: unknown;
}): Promise<VenueAccountsSnapshot> {
  const { exchange, venue } = args;
  const endpoints = BINANCE_ENDPOINTS;
  const [balancePayload, umPayload, cmPayload, modePayload, bracketPayload] = await Promise.all([
    binanceGet(exchange, endpoints.pmBalance),
    binanceGet(exchange, endpoints.pmUmPositionRisk),
    binanceGet(exchange, endpoints.pmCmPositionRisk),
    binanceGet(exchange, endpoints.pmUmPositionMode),
    binanceGet(exchange, endpoints.pmUmLeverageBrackets),
  ]);
  const figures = parsePortfolioMarginAccount(
    args.accountPayload,
    new PayloadReader(venue, endpoints.pmAccount.label),
  );

  const cmReader = new PayloadReader(venue, endpoints.pmCmPositionRisk.label);
  const cmLegs = cmReader
    .array(cmPayload, 'response')
    .map((raw, index) => {
      const entry = cmReader.object(raw, `[${index}]`);
      const symbol = cmReader.text(entry.symbol, `[${index}] symbol`);
      const amount = cmReader.decimalString(
        entry.positionAmt,
        `[${index}] "${symbol}" positionAmt`,
      );
      return new Decimal(amount).isZero() ? null : symbol;
    })
    .filter((symbol): symbol is string => symbol !== null);
  if (cmLegs.length > 0)
    throw new NotSupported(
      `${venue}: this Portfolio Margin account holds COIN-M positions (${cmLegs.join(', ')}; ${endpoints.pmCmPositionRisk.label}); Margin Lens computes Portfolio Margin accounts with USDⓈ-M positions only so far`,
    );

  const balanceReader = new PayloadReader(venue, endpoints.pmBalance.label);
  const wallets = parsePortfolioMarginBalances(balancePayload, balanceReader).filter(
    (wallet) =>
      !new Decimal(wallet.totalWalletBalance).isZero() || !new Decimal(wallet.owed).isZero(),
  );
  const owing = wallets.filter((wallet) => !new Decimal(wallet.owed).isZero());
  if (owing.length > 0)
    throw new NotSupported(
      `${venue}: this Portfolio Margin account owes ${owing.map((wallet) => `${wallet.owed} ${wallet.asset}`).join(', ')} (a margin loan, interest or negative balance, ${endpoints.pmBalance.label}); Margin Lens does not model Portfolio Margin loans yet`,
    );
  const coins = wallets.filter((wallet) => !PM_ASSETS.has(wallet.asset));
  if (coins.length > 0)
    throw new NotSupported(
      `${venue}: this Portfolio Margin account holds ${coins.map((wallet) => wallet.asset).join(', ')} as collateral (${endpoints.pmBalance.label}); Margin Lens computes Portfolio Margin accounts with USDT and USDC collateral only so far`,
    );

  const modeReader = new PayloadReader(venue, endpoints.pmUmPositionMode.label);
  const hedge = modeReader.boolean(
    modeReader.object(modePayload, 'response').dualSidePosition,
    'dualSidePosition',
  );
  const riskReader = new PayloadReader(venue, endpoints.pmUmPositionRisk.label);
  const positions = parsePortfolioMarginUmPositionRisk(umPayload, riskReader).map((leg) =>
    binanceSiloPosition(
      leg,
      {
        contracts: args.contracts,
        hedge,
        reader: riskReader,
        contractListing: 'USDⓈ-M contract of GET /fapi/v1/exchangeInfo',
        positionModeEndpoint: endpoints.pmUmPositionMode.label,
      },
      () => ({
        // Portfolio Margin margins every UM leg together; the leg's own margins are not sent.
        marginMode: 'cross',
        leverage: leg.leverage,
        maintenanceMargin: undefined,
        initialMargin: undefined,
      }),
    ),
  );
  const settles = new Set(positions.map((item) => item.settle));
  const assets = [...new Set([...wallets.map((wallet) => wallet.asset), ...settles])].filter(
    (asset) => PM_ASSETS.has(asset),
  );

  const bracketReader = new PayloadReader(venue, endpoints.pmUmLeverageBrackets.label);
  const brackets = parseBinanceBrackets(bracketPayload, bracketReader, 'notional');
  const tierTables = heldTierTables(venue, positions, brackets, bracketReader, args.asOf);
  const [ratePayload, pricePayload] = await Promise.all([
    binanceGet(exchange, endpoints.pmCollateralRates),
    binanceGet(exchange, endpoints.pmAssetIndexPrices),
  ]);
  const collateralTables = portfolioMarginCollateralTables({
    payload: ratePayload,
    reader: new PayloadReader(venue, endpoints.pmCollateralRates.label),
    venue,
    assets,
    asOf: args.asOf,
  });
  const prices = portfolioMarginIndexPrices({
    payload: pricePayload,
    reader: new PayloadReader(venue, endpoints.pmAssetIndexPrices.label),
    assets,
  });

  const account: PortfolioFileAccount = {
    id: `${args.accountId}:portfolio-margin`,
    venue,
    marginMode: 'portfolio',
    positionMode: hedge ? 'hedge' : 'oneway',
    balances: wallets.map((wallet) => ({ asset: wallet.asset, total: wallet.totalWalletBalance })),
    // A portfolio-margin account sets no per-position mode.
    positions: positions.map(
      ({ position }) =>
        Object.fromEntries(
          Object.entries(position).filter(([field]) => field !== 'marginMode'),
        ) as PortfolioFilePosition,
    ),
    venueReported: venueFigures(figures, new PayloadReader(venue, endpoints.pmAccount.label)),
  };
  return { accounts: [account], tierTables, collateralTables, prices };
}

function venueFigures(figures: BinancePortfolioMarginFigures, reader: PayloadReader) {
  const uniMmr = new Decimal(figures.uniMmr);
  return {
    ...(uniMmr.gt(0) && { marginRatio: reader.computed(new Decimal(1).div(uniMmr), '1 / uniMMR') }),
    maintenanceMargin: figures.accountMaintMargin,
    equity: figures.accountEquity,
  };
}
