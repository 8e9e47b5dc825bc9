import { MarginMode, type Account, type Position } from '../product/types';

/**
 * A position whose symbol the account holds both long and short in cross margin (hedge mode), or
 * undefined when there is none. Bitget and Gate charge such a symbol's maintenance margin by its
 * larger leg only (bitget.ts, gate.ts), a rule the engine does not build, so their rules refuse it
 * by name.
 */
export function crossHedgedPosition(account: Account): Position | undefined {
  const cross = account.positions.filter(
    (position) => (position.marginMode ?? account.marginMode) !== MarginMode.isolated,
  );
  return cross.find((position) =>
    cross.some((other) => other.symbol === position.symbol && other.side !== position.side),
  );
}
