import type { PayloadReader } from '../api/payload-reader';
import type { PortfolioFilePosition } from '../api/venue-api-types';
import type { BinanceContract } from './binance-contracts';
import type { BinancePositionLeg } from './binance-position-risk';
import type { SiloPosition } from './binance-silos';

/**
 * One open Binance leg (binance-position-risk.ts) as a portfolio-file position, the part both
 * futures adapters share. The leg must be a contract of the venue's exchangeInfo and agree with
 * the account's position mode (a `BOTH` leg in one-way mode, `LONG`/`SHORT` in hedge mode);
 * anything else is a malformed response of the position-risk endpoint.
 *
 * The position keeps the venue's strings: contracts (|positionAmt|), the contract size from
 * exchangeInfo (1 on USDⓈ-M, USD per contract on COIN-M), entry and mark price; an isolated leg
 * carries its isolated wallet as `isolatedMargin`, a hedge-mode leg its side as `positionSide`.
 * What differs between the two adapters comes in {@link BinanceLegTerms}: where the margin mode
 * and leverage are read, the venue's margins of the leg, and (COIN-M) the bracket in force. The
 * venue's own liquidation price goes under `venueReported`, absent when Binance says "0".
 */
export interface BinanceLegContext {
  readonly contracts: ReadonlyMap<string, BinanceContract>;
  readonly hedge: boolean;
  /** Reader of the position-risk endpoint, for the leg's problems. */
  readonly reader: PayloadReader;
  /** What the contracts are, for messages: `USDⓈ-M contract of GET /fapi/v1/exchangeInfo`. */
  readonly contractListing: string;
  /** The endpoint that reported the position mode, e.g. `GET /fapi/v1/accountConfig`. */
  readonly positionModeEndpoint: string;
}

export interface BinanceLegTerms {
  readonly marginMode: 'cross' | 'isolated';
  readonly leverage: number | undefined;
  /** The venue's maintenance margin of the leg, in the margin asset. */
  readonly maintenanceMargin: string | undefined;
  /** The venue's initial margin of the leg, in the margin asset. */
  readonly initialMargin: string | undefined;
  /** The bracket in force, where the engine takes the tier from the position (COIN-M). */
  readonly tierInForce?: Pick<
    PortfolioFilePosition,
    'maintenanceMarginRate' | 'maintenanceAmount' | 'maxLeverage'
  >;
}

/**
 * Checks `leg` and returns it as a silo position; `terms` reads the adapter's own figures once
 * the leg has passed (it may fail with the reader of its own endpoint).
 */
export function binanceSiloPosition(
  leg: BinancePositionLeg,
  context: BinanceLegContext,
  terms: (contract: BinanceContract, where: string) => BinanceLegTerms,
): SiloPosition {
  const { hedge } = context;
  const where = `"${leg.marketId}" ${leg.positionSide}`;
  const contract = context.contracts.get(leg.marketId);
  if (!contract) context.reader.fail(where, `is not a ${context.contractListing}`);
  if (hedge !== (leg.positionSide !== 'BOTH'))
    context.reader.fail(
      `${where} positionSide`,
      `contradicts the position mode (${context.positionModeEndpoint} dualSidePosition: ${String(hedge)})`,
    );
  const own = terms(contract, where);
  const position: PortfolioFilePosition = {
    symbol: contract.symbol,
    side: leg.side,
    contracts: leg.contracts,
    contractSize: contract.contractSize,
    entryPrice: leg.entryPrice,
    markPrice: leg.markPrice,
    ...(own.leverage !== undefined && { leverage: own.leverage }),
    marginMode: own.marginMode,
    ...(own.marginMode === 'isolated' && { isolatedMargin: leg.isolatedWallet }),
    ...(hedge && { positionSide: leg.side }),
    ...own.tierInForce,
    venueReported: {
      ...(leg.liquidationPrice !== undefined && { liquidationPrice: leg.liquidationPrice }),
      ...(own.maintenanceMargin !== undefined && { maintenanceMargin: own.maintenanceMargin }),
      ...(own.initialMargin !== undefined && { initialMargin: own.initialMargin }),
    },
  };
  return { marketId: leg.marketId, settle: contract.settle, position, where };
}
