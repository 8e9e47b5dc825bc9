import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { hyperliquidSymbol } from '../../engine/product/hyperliquid-market-name';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileTier,
  PortfolioFileVenueReportedPosition,
} from '../api/venue-api-types';
import { hyperliquidTierAt, type HyperliquidAsset } from './hyperliquid-meta';
import type { PayloadReader } from '../api/payload-reader';

/**
 * One perp dex's `clearinghouseState` answer as one portfolio-file account, id `accountId`, in the
 * dex's collateral (`collateral`: USDC on the first dex, a HIP-3 dex's own token such as USDH),
 * one-way, cross with isolated positions inside it (each position's `marginMode` "isolated" and
 * `isolatedMargin`, as lib/engine/margin/linear-tiered-account.ts reads them). Symbols are ccxt's
 * (`BTC/USDC:USDC`, `XYZ-NVDA/USDC:USDC`, lib/engine/product/hyperliquid-market-name.ts).
 *
 * A position in a coin that is not in the dex's market list (`assets`, from the same dex's
 * `metaAndAssetCtxs`) is refused naming the market (`NotSupported`: an account Margin Lens cannot
 * compute, not a malformed answer that a retry would mend).
 *
 * Field meanings (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals):
 * - `szi` signed size in coin (contracts, contract size 1); `entryPx`; the mark is the asset
 *   context's `markPx`; `leverage.value` the leverage set; `maxLeverage` the asset's.
 * - Isolated: `marginUsed` is the isolated margin with unrealized P&L in it (`rawUsd` + size ·
 *   mark), so the isolated wallet the engine adds P&L to is `marginUsed − unrealizedPnl`.
 * - Balance: `marginSummary.accountValue` (cross and isolated, P&L included) less every
 *   position's `unrealizedPnl`: the deposit the engine adds P&L back to.
 * - Venue-reported: `liquidationPx` (null: Hyperliquid says there is none; "0"/absent would be
 *   unknown), `marginUsed` as the initial margin of a cross position. Account: `accountValue` as
 *   equity; `crossMaintenanceMarginUsed` and MM / equity only when no position is isolated (the
 *   venue reports no isolated maintenance margin, so the total would not compare).
 * - Tier in force: below the first tier's cap, the asset's `maxLeverage` says it all (MM =
 *   notional / (2 · max leverage)); above it, the position carries its tier's rate, deduction and
 *   max leverage (hyperliquid-meta.ts).
 * Units: the collateral token; prices in it per coin.
 */
export interface HyperliquidAccountInput {
  readonly accountId: string;
  readonly state: unknown;
  /** The dex's market list, by coin as the venue names it (`BTC`, `xyz:NVDA`). */
  readonly assets: ReadonlyMap<string, HyperliquidAsset>;
  /**
   * The dex's collateral token (USDC, USDH, …): the account's balance and settlement asset;
   * absent for the first dex, which is USDC-margined ("USDC margining, USDT denominated linear
   * contracts", https://hyperliquid.gitbook.io/hyperliquid-docs/trading/contract-specifications).
   */
  readonly collateral?: string;
  /** The builder-deployed dex the state is of (`xyz`), for messages; absent for the first dex. */
  readonly dex?: string;
}

/**
 * True when a `clearinghouseState` answer holds nothing: account value 0 and no position of
 * non-zero size (what Hyperliquid answers for a dex, or an address, never used).
 */
export function hyperliquidStateIsEmpty(response: unknown, reader: PayloadReader): boolean {
  const state = reader.object(response, 'answer');
  const marginSummary = reader.object(state.marginSummary, 'marginSummary');
  const accountValue = reader.decimalString(
    marginSummary.accountValue,
    'marginSummary accountValue',
  );
  if (!new Decimal(accountValue).isZero()) return false;
  return !hyperliquidStateHasPositions(response, reader);
}

/** True when a `clearinghouseState` answer holds a position of non-zero size. */
export function hyperliquidStateHasPositions(response: unknown, reader: PayloadReader): boolean {
  const state = reader.object(response, 'answer');
  return reader.array(state.assetPositions, 'assetPositions').some((raw, index) => {
    const place = `assetPositions[${index}]`;
    const position = reader.object(reader.object(raw, place).position, `${place} position`);
    return !new Decimal(reader.decimalString(position.szi, `${place} szi`)).isZero();
  });
}

/** The account, or undefined for a state that holds nothing (hyperliquidStateIsEmpty). */
export function readHyperliquidAccount(
  input: HyperliquidAccountInput,
  reader: PayloadReader,
): PortfolioFileAccount | undefined {
  if (hyperliquidStateIsEmpty(input.state, reader)) return undefined;
  const state = reader.object(input.state, 'answer');
  const marginSummary = reader.object(state.marginSummary, 'marginSummary');
  const accountValue = reader.decimalString(
    marginSummary.accountValue,
    'marginSummary accountValue',
  );
  const crossMaintenance = reader.decimalString(
    state.crossMaintenanceMarginUsed,
    'answer crossMaintenanceMarginUsed',
  );
  const equity = new Decimal(accountValue);
  const read = reader
    .array(state.assetPositions, 'assetPositions')
    .map((raw, index) => readHyperliquidPosition(raw, index, input, reader))
    .filter((item) => item !== undefined);
  const unrealized = read.reduce((sum, item) => sum.plus(item.unrealizedPnl), new Decimal(0));
  const anyIsolated = read.some((item) => item.position.marginMode === 'isolated');
  return {
    id: input.accountId,
    venue: 'hyperliquid',
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [
      {
        asset: collateralOf(input),
        total: reader.computed(
          equity.minus(unrealized),
          "marginSummary accountValue − the positions' unrealizedPnl",
        ),
      },
    ],
    positions: read.map((item) => item.position),
    venueReported: {
      equity: accountValue,
      ...(!anyIsolated && { maintenanceMargin: crossMaintenance }),
      ...(!anyIsolated &&
        equity.gt(0) && {
          marginRatio: reader.computed(
            new Decimal(crossMaintenance).div(equity),
            'answer crossMaintenanceMarginUsed / marginSummary accountValue',
          ),
        }),
    },
  };
}

/** The first dex's collateral, USDC. */
const FIRST_DEX_COLLATERAL = 'USDC';

function collateralOf(input: HyperliquidAccountInput): string {
  return input.collateral ?? FIRST_DEX_COLLATERAL;
}

export interface ReadHyperliquidPosition {
  readonly unrealizedPnl: Decimal;
  readonly position: PortfolioFilePosition;
}

/**
 * One `assetPositions` entry of the state in `input` as a portfolio-file position with its
 * unrealized P&L, or undefined for a size of zero; the field meanings are the module's.
 */
export function readHyperliquidPosition(
  raw: unknown,
  index: number,
  input: HyperliquidAccountInput,
  reader: PayloadReader,
): ReadHyperliquidPosition | undefined {
  const place = `assetPositions[${index}]`;
  const entry = reader.object(raw, place);
  const position = reader.object(entry.position, `${place} position`);
  const coin = reader.text(position.coin, `${place} position coin`);
  const where = `${place} "${coin}"`;
  if (entry.type !== undefined) reader.oneOf(entry.type, ['oneWay'] as const, `${where} type`);
  const sizeText = reader.decimalString(position.szi, `${where} szi`);
  const size = new Decimal(sizeText);
  if (size.isZero()) return undefined;
  const asset = input.assets.get(coin);
  if (asset === undefined)
    throw new NotSupported(
      `hyperliquid: market ${coin} (${place}) is not in the venue's market list of ${input.dex === undefined ? 'the first perp dex' : `dex ${input.dex}`} (metaAndAssetCtxs), so Margin Lens has no mark price or max leverage for it`,
    );
  const entryPrice = reader.decimalString(position.entryPx, `${where} entryPx`, 'positive');
  const unrealizedPnl = new Decimal(
    reader.decimalString(position.unrealizedPnl, `${where} unrealizedPnl`),
  );
  const marginUsed = reader.decimalString(position.marginUsed, `${where} marginUsed`);
  const leverageInfo = reader.object(position.leverage, `${where} leverage`);
  const mode = reader.oneOf(
    leverageInfo.type,
    ['cross', 'isolated'] as const,
    `${where} leverage type`,
  );
  const leverage = Number(
    reader.numericDecimal(leverageInfo.value, `${where} leverage value`, 'positive'),
  );
  const maxLeverage = Number(
    reader.numericDecimal(position.maxLeverage, `${where} maxLeverage`, 'positive'),
  );
  const liquidationPrice = venueLiquidationPrice(position, where, reader);
  const contracts = sizeText.replace(/^-/, '');
  const notional = new Decimal(contracts).mul(asset.markPrice);
  const venueReported: PortfolioFileVenueReportedPosition = {
    ...(liquidationPrice !== undefined && { liquidationPrice }),
    ...(mode === 'cross' && { initialMargin: marginUsed }),
  };
  return {
    unrealizedPnl,
    position: {
      symbol: hyperliquidSymbol(coin, collateralOf(input)),
      side: size.gt(0) ? 'long' : 'short',
      contracts,
      entryPrice,
      markPrice: asset.markPrice,
      leverage,
      ...(mode === 'isolated' && {
        marginMode: 'isolated' as const,
        isolatedMargin: reader.computed(
          new Decimal(marginUsed).minus(unrealizedPnl),
          `${where} marginUsed − unrealizedPnl`,
        ),
      }),
      ...tierInForce(asset.tiers, notional, maxLeverage),
      venueReported,
    },
  };
}

function tierInForce(
  tiers: readonly PortfolioFileTier[],
  notional: Decimal,
  maxLeverage: number,
): Pick<PortfolioFilePosition, 'maxLeverage' | 'maintenanceMarginRate' | 'maintenanceAmount'> {
  const tier = hyperliquidTierAt(tiers, notional);
  if (tier === undefined || tier === tiers[0]) return { maxLeverage };
  return {
    maxLeverage: tier.maxLeverage,
    maintenanceMarginRate: tier.maintenanceMarginRate,
    maintenanceAmount: tier.maintenanceAmount ?? '0',
  };
}

/** `liquidationPx`: a price, null when Hyperliquid says none exists, undefined when unknown. */
function venueLiquidationPrice(
  position: Record<string, unknown>,
  where: string,
  reader: PayloadReader,
): string | null | undefined {
  if (position.liquidationPx === null) return null;
  if (position.liquidationPx === undefined) return undefined;
  const price = reader.decimalString(position.liquidationPx, `${where} liquidationPx`);
  return new Decimal(price).gt(0) ? price : undefined;
}
