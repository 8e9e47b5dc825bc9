import type { AccountMargin } from '../margin/margin-types';
import type { Account } from '../product/types';
import type { CollateralUnit } from '../risk/collateral-moves';
import type { MarginSilo } from '../risk/margin-silo';

/**
 * The units collateral can move between: each margin silo (an account's cross silo keeps the
 * account id; an isolated position is `account:symbol`), and an account's
 * unallocated balance when it has no cross silo. What a unit can give is the silo's own
 * `freeCollateral` when its venue rules state it (non-linear silos: inverse, options, portfolio
 * margin; 0 if they do not), else its equity above initial margin, each position's initial margin
 * at its leverage or at the tier's maximum leverage when the leverage is unknown.
 */
export function collateralUnits(
  accounts: readonly Account[],
  margins: readonly AccountMargin[],
  silos: readonly MarginSilo[],
): CollateralUnit[] {
  const units: CollateralUnit[] = [];
  accounts.forEach((account, index) => {
    const margin = margins[index];
    if (!margin) return;
    const own = silos.filter((silo) => silo.accountId === account.id);
    for (const silo of own) {
      const equity =
        silo.wallet +
        silo.positions.reduce(
          (sum, position) => sum + position.quantity * (position.markPrice - position.entryPrice),
          0,
        );
      const initial = silo.positions.reduce((sum, position) => {
        const report = margin.positions.find(
          (item) =>
            item.symbol === position.symbol && (item.side === 'long') === position.quantity > 0,
        );
        return sum + (report?.initialMargin ?? (report ? report.notional / report.maxLeverage : 0));
      }, 0);
      const id =
        silo.label === 'cross'
          ? account.id
          : `${account.id}:${silo.positions[0]?.symbol ?? silo.label.replace(/ isolated$/, '')}`;
      const isolated =
        silo.label === 'cross' ? undefined : account.positions[silo.positionIndices[0] ?? -1];
      units.push({
        id,
        account: account.id,
        position: isolated === undefined ? null : { symbol: isolated.symbol, side: isolated.side },
        settle: margin.settle,
        free: silo.freeCollateral ?? (silo.nonlinear ? 0 : Math.max(0, equity - initial)),
        silo,
      });
    }
    if (!own.some((silo) => silo.label === 'cross')) {
      const allocated = own.reduce((sum, silo) => sum + silo.wallet, 0);
      const cash = margin.walletBalance - allocated;
      if (cash > 0)
        units.push({
          id: account.id,
          account: account.id,
          position: null,
          settle: margin.settle,
          free: cash,
          silo: null,
        });
    }
  });
  return units;
}
