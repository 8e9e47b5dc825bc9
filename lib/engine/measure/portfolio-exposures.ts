import type { AccountMargin } from '../margin/margin-types';
import { InstrumentKind, Side, type Account, type Position } from '../product/types';
import type { Exposure } from '../risk/exposure';

/**
 * The portfolio's positions as scenario exposures (risk/exposure.ts), with their owners and the
 * list of assets they depend on (sorted, the column order of every scenario set).
 * Linear contracts are delta-one in base units; inverse contracts delta-one with q = N/S₀.
 */
export interface PortfolioExposures {
  readonly assets: readonly string[];
  readonly exposures: readonly Exposure[];
  readonly owners: readonly {
    readonly account: string;
    readonly symbol: string;
    readonly notionalUsd: number;
  }[];
}

export function portfolioExposures(
  accounts: readonly Account[],
  margins: readonly AccountMargin[],
  usdPerSettle: (settle: string) => number,
): PortfolioExposures {
  const assets = [
    ...new Set(
      accounts.flatMap((account) => account.positions.map((position) => position.instrument.base)),
    ),
  ].sort();
  const exposures: Exposure[] = [];
  const owners: { account: string; symbol: string; notionalUsd: number }[] = [];
  accounts.forEach((account, index) => {
    const settle = margins[index]?.settle ?? 'USD';
    for (const position of account.positions) {
      const exposure = deltaOne(
        position,
        assets.indexOf(position.instrument.base),
        usdPerSettle(settle),
      );
      exposures.push(exposure);
      owners.push({
        account: account.id,
        symbol: position.symbol,
        notionalUsd: Math.abs(exposure.quantity * exposure.price * exposure.usdPerSettle),
      });
    }
  });
  return { assets, exposures, owners };
}

function deltaOne(
  position: Position,
  assetIndex: number,
  usdPerSettle: number,
): Exposure & { kind: 'delta-one' } {
  const sign = position.side === Side.long ? 1 : -1;
  const price = position.markPrice.toNumber();
  const size = position.contracts.mul(position.contractSize).toNumber();
  const inverse =
    position.instrument.kind === InstrumentKind.inversePerpetual ||
    position.instrument.kind === InstrumentKind.inverseFuture;
  // An inverse contract's size is USD notional: its USD P&L is N·(e^r − 1), delta-one with q = N/S₀.
  return {
    kind: 'delta-one',
    assetIndex,
    quantity: sign * (inverse ? size / price : size),
    price,
    usdPerSettle: inverse ? 1 : usdPerSettle,
  };
}
