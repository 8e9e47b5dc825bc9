import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * One open leg from Binance's position-risk endpoints, its decimals exactly as sent:
 * - USDⓈ-M `GET /fapi/v3/positionRisk`
 *   (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V3):
 *   quantity in the base asset, `notional` in the margin asset, plus the position's `maintMargin`
 *   and `positionInitialMargin`; no leverage or margin type (those are in `symbolConfig`);
 * - COIN-M `GET /dapi/v1/positionRisk`
 *   (https://developers.binance.com/docs/derivatives/coin-margined-futures/trade/rest-api/Position-Information):
 *   quantity in contracts, `notionalValue` in coin, `leverage` and `marginType`.
 *
 * Binance lists flat legs too (symbols with orders, the empty side in hedge mode, every symbol on
 * COIN-M): a leg whose `positionAmt` is 0 is no position and is left out. Side: `positionSide`
 * LONG/SHORT in hedge mode (the amount's sign must agree), the amount's sign for `BOTH`.
 * Liquidation price: Binance sends "0" both when no price liquidates the leg and when it does not
 * compute one (cross margin, research/peers.md §6.3), so "0" becomes undefined (unknown).
 * `isolatedWallet` is the isolated leg's wallet; Binance's `isolatedMargin` adds the unrealised
 * P&L to it and is not used.
 */
export type BinancePositionSide = 'BOTH' | 'LONG' | 'SHORT';

export interface BinancePositionLeg {
  readonly marketId: string;
  readonly positionSide: BinancePositionSide;
  readonly side: 'long' | 'short';
  /** |positionAmt|: base units (USDⓈ-M) or contracts (COIN-M). */
  readonly contracts: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly liquidationPrice: string | undefined;
  readonly isolatedWallet: string;
  /** |notional| (USDⓈ-M, margin asset) or |notionalValue| (COIN-M, coin) at mark. */
  readonly notional: string;
  /** USDⓈ-M only. */
  readonly marginAsset?: string;
  readonly maintMargin?: string;
  readonly positionInitialMargin?: string;
  /** COIN-M only. */
  readonly marginType?: 'cross' | 'isolated';
  readonly leverage?: number;
}

const POSITION_SIDES: readonly BinancePositionSide[] = ['BOTH', 'LONG', 'SHORT'];

export function parseUsdmPositionRisk(
  payload: unknown,
  reader: PayloadReader,
): BinancePositionLeg[] {
  return openLegs(payload, reader, (entry, where, common) => ({
    ...common,
    notional: magnitude(reader.decimalString(entry.notional, `${where} notional`)),
    isolatedWallet: isolatedWalletOf(entry, where, reader),
    marginAsset: reader.text(entry.marginAsset, `${where} marginAsset`),
    maintMargin: reader.decimalString(entry.maintMargin, `${where} maintMargin`, 'nonNegative'),
    positionInitialMargin: reader.decimalString(
      entry.positionInitialMargin,
      `${where} positionInitialMargin`,
      'nonNegative',
    ),
  }));
}

export function parseCoinmPositionRisk(
  payload: unknown,
  reader: PayloadReader,
): BinancePositionLeg[] {
  return openLegs(payload, reader, (entry, where, common) => {
    const marginType = reader.text(entry.marginType, `${where} marginType`);
    if (marginType !== 'cross' && marginType !== 'isolated')
      reader.fail(`${where} marginType`, `must be "cross" or "isolated", got "${marginType}"`);
    return {
      ...common,
      notional: magnitude(reader.decimalString(entry.notionalValue, `${where} notionalValue`)),
      isolatedWallet: isolatedWalletOf(entry, where, reader),
      marginType,
      leverage: reader.integer(entry.leverage, `${where} leverage`, 1),
    };
  });
}

/**
 * Portfolio Margin UM legs, `GET /papi/v1/um/positionRisk`
 * (https://developers.binance.com/docs/derivatives/portfolio-margin/account/Query-UM-Position-Information):
 * quantity in the base asset, `notional` in the margin asset, `leverage` as a string; no margin
 * type (a Portfolio Margin account margins every UM leg together) and no isolated wallet (0).
 */
export function parsePortfolioMarginUmPositionRisk(
  payload: unknown,
  reader: PayloadReader,
): BinancePositionLeg[] {
  return openLegs(payload, reader, (entry, where, common) => ({
    ...common,
    notional: magnitude(reader.decimalString(entry.notional, `${where} notional`)),
    isolatedWallet: '0',
    leverage: Number(
      reader.matching(entry.leverage, /^[1-9]\d{0,3}$/, 'a whole number', `${where} leverage`),
    ),
  }));
}

type CommonLeg = Omit<BinancePositionLeg, 'notional' | 'isolatedWallet'>;

function isolatedWalletOf(
  entry: Record<string, unknown>,
  where: string,
  reader: PayloadReader,
): string {
  return reader.decimalString(entry.isolatedWallet, `${where} isolatedWallet`, 'nonNegative');
}

function openLegs(
  payload: unknown,
  reader: PayloadReader,
  specific: (
    entry: Record<string, unknown>,
    where: string,
    common: CommonLeg,
  ) => BinancePositionLeg,
): BinancePositionLeg[] {
  const legs: BinancePositionLeg[] = [];
  reader.array(payload, 'response').forEach((raw, index) => {
    const entry = reader.object(raw, `[${index}]`);
    const marketId = reader.text(entry.symbol, `[${index}] symbol`);
    const positionSide = reader.text(entry.positionSide, `[${index}] "${marketId}" positionSide`);
    const where = `[${index}] "${marketId}" ${positionSide}`;
    if (!POSITION_SIDES.includes(positionSide as BinancePositionSide))
      reader.fail(`${where} positionSide`, `must be BOTH, LONG or SHORT, got "${positionSide}"`);
    const amount = new Decimal(reader.decimalString(entry.positionAmt, `${where} positionAmt`));
    if (amount.isZero()) return;
    const side = amount.gt(0) ? 'long' : 'short';
    if (
      (positionSide === 'LONG' && side !== 'long') ||
      (positionSide === 'SHORT' && side !== 'short')
    )
      reader.fail(
        `${where} positionAmt`,
        `has the wrong sign for a ${positionSide} leg: ${amount.toString()}`,
      );
    const liquidation = reader.decimalString(
      entry.liquidationPrice,
      `${where} liquidationPrice`,
      'nonNegative',
    );
    const common: CommonLeg = {
      marketId,
      positionSide: positionSide as BinancePositionSide,
      side,
      contracts: magnitude(reader.decimalString(entry.positionAmt, `${where} positionAmt`)),
      entryPrice: reader.decimalString(entry.entryPrice, `${where} entryPrice`, 'positive'),
      markPrice: reader.decimalString(entry.markPrice, `${where} markPrice`, 'positive'),
      liquidationPrice: new Decimal(liquidation).isZero() ? undefined : liquidation,
    };
    legs.push(specific(entry, where, common));
  });
  return legs;
}

/** The decimal string without its sign, digits untouched ("-0.200" → "0.200"). */
function magnitude(value: string): string {
  return value.startsWith('-') ? value.slice(1) : value;
}
