import { optionForwardKey, type OptionForward } from './option-forwards';
import { optionMarkIv } from '../product/option-mark-iv';
import type { MarginContext } from '../margin/venue-context';
import type { AccountMargin } from '../margin/margin-types';
import { timeToExpiry } from '../product/expiry';
import {
  InstrumentKind,
  Side,
  type Account,
  type OptionInstrument,
  type Position,
} from '../product/types';
import type { Exposure } from '../risk/exposure';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import { isInverseContract } from '../product/inverse-contract';

/**
 * The portfolio's positions as scenario exposures (risk/exposure.ts), with their owners, on the
 * given assets (the column order of every scenario set; every asset the accounts hold must be in it).
 * Linear contracts are delta-one in base units; inverse contracts delta-one with q = N/EP;
 * options are Black-76 exposures at their mark IV on the forward of their expiry (else the index),
 * a coin-settled option's count scaled by index / forward (below); a coin-settled account's
 * balance is a delta-one exposure to its coin, and so is a coin balance held as collateral by an
 * account that reports in USD or a USD stablecoin (a Bybit unified account's BTC), at the coin's
 * USD price.
 */
export interface PortfolioExposures {
  readonly exposures: readonly Exposure[];
  /** Per exposure: its account, symbol, USD notional and the index of its position in the account (null for a balance). */
  readonly owners: readonly {
    readonly account: string;
    readonly symbol: string;
    readonly notionalUsd: number;
    readonly positionIndex: number | null;
  }[];
}

export function portfolioExposures(
  accounts: readonly Account[],
  margins: readonly AccountMargin[],
  assets: readonly string[],
  usdPerSettle: (settle: string) => number,
  context: MarginContext,
  forwards: ReadonlyMap<string, OptionForward> = new Map(),
): PortfolioExposures {
  const coinSettled = (settle: string) => !isUsdStablecoin(settle);
  const exposures: Exposure[] = [];
  const owners: {
    account: string;
    symbol: string;
    notionalUsd: number;
    positionIndex: number | null;
  }[] = [];
  accounts.forEach((account, index) => {
    const margin = margins[index];
    const settle = margin?.settle ?? 'USD';
    for (const [positionIndex, position] of account.positions.entries()) {
      const assetIndex = assets.indexOf(position.instrument.base);
      const exposure =
        position.instrument.kind === InstrumentKind.option
          ? option(
              position,
              position.instrument,
              assetIndex,
              context,
              forwards.get(optionForwardKey(account.id, positionIndex)),
            )
          : deltaOneExposure(position, assetIndex, usdPerSettle(settle));
      exposures.push(exposure);
      // The USD amount a close would trade: an inverse contract's N itself, not its delta value.
      const inverse = isInverseContract(position.instrument);
      const notionalUsd = inverse
        ? position.contracts.mul(position.contractSize).abs().toNumber()
        : exposure.kind === 'option'
          ? Math.abs(exposure.quantity * exposure.forward)
          : Math.abs(exposure.quantity * exposure.price * exposure.usdPerSettle);
      owners.push({ account: account.id, symbol: position.symbol, notionalUsd, positionIndex });
    }
    // Coin collateral moves with its coin: a balance in BTC is a long BTC exposure in USD.
    if (margin && coinSettled(settle) && margin.walletBalance !== 0) {
      const price = usdPerSettle(settle);
      exposures.push({
        kind: 'delta-one',
        assetIndex: assets.indexOf(settle),
        quantity: margin.walletBalance,
        price,
        usdPerSettle: 1,
      });
      owners.push({
        account: account.id,
        symbol: `${settle} balance`,
        notionalUsd: Math.abs(margin.walletBalance * price),
        positionIndex: null,
      });
    }
    if (margin && !coinSettled(settle))
      for (const balance of account.balances) {
        if (isUsdStablecoin(balance.asset) || balance.total.isZero()) continue;
        const price = context.underlyingPrice(balance.asset);
        if (price === undefined)
          throw new RangeError(
            `portfolioExposures requires the ${balance.asset} price for account "${account.id}"'s collateral (its venue rules refuse the account without it)`,
          );
        const quantity = balance.total.toNumber();
        exposures.push({
          kind: 'delta-one',
          assetIndex: assets.indexOf(balance.asset),
          quantity,
          price,
          usdPerSettle: 1,
        });
        owners.push({
          account: account.id,
          symbol: `${balance.asset} balance`,
          notionalUsd: Math.abs(quantity * price),
          positionIndex: null,
        });
      }
  });
  return { exposures, owners };
}

/** A perpetual's or future's scenario exposure (linear q in base units; inverse q = N/EP at S). */
export function deltaOneExposure(
  position: Position,
  assetIndex: number,
  usdPerSettle: number,
): Exposure {
  const sign = position.side === Side.long ? 1 : -1;
  const price = position.markPrice.toNumber();
  const size = position.contracts.mul(position.contractSize).toNumber();
  const inverse = isInverseContract(position.instrument);
  // An inverse contract's size is USD notional N. The account's USD value, (W + N·(1/EP − 1/S))·S,
  // moves by W·ΔS + N·ΔS/EP: the position is delta-one with q = N/EP at price S (its coin P&L moves
  // with the coin too); the wallet W is the separate balance exposure.
  return {
    kind: 'delta-one',
    assetIndex,
    quantity: sign * (inverse ? size / position.entryPrice.toNumber() : size),
    price,
    usdPerSettle: inverse ? 1 : usdPerSettle,
  };
}

/**
 * Options: Black-76 on the forward F of their own expiry (option-forwards.ts), else on the index
 * S, at the position's mark IV; expiries at 08:00 UTC. A coin-settled option (Deribit's, OKX's
 * BTC-USD) is marked in coin at Black-76(F) / F (Deribit's book summary: mark_price × the forward
 * underlying_price is the Black-76 value at mark_iv), so its USD value is Black-76(F) · S / F:
 * with the basis F / S held through the day, its USD P&L is ΔBlack-76(F) · S / F, and its count is
 * scaled by S / F (1 on the index). A USDC- or USDT-settled option is worth Black-76(F) itself.
 */
function option(
  position: Position,
  instrument: OptionInstrument,
  assetIndex: number,
  context: MarginContext,
  forwardOfExpiry: OptionForward | undefined,
): Exposure {
  const index = context.underlyingPrice(instrument.base);
  const forward = forwardOfExpiry?.value ?? index;
  if (forward === undefined || index === undefined) {
    throw new RangeError(
      `portfolioExposures requires the ${instrument.base} index price for ${position.symbol} (resolveInputs refuses the account without it)`,
    );
  }
  const coinSettled = instrument.settle === instrument.base;
  return {
    kind: 'option',
    assetIndex,
    quantity:
      (position.side === Side.long ? 1 : -1) *
      position.contracts.mul(position.contractSize).toNumber() *
      (coinSettled ? index / forward : 1),
    type: instrument.optionType,
    strike: instrument.strike,
    forward,
    timeToExpiry: timeToExpiry(instrument.expiryTimeMs, Date.parse(context.asOf)),
    lognormalVol: optionMarkIv(position),
  };
}
