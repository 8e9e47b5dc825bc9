import type { CollateralMove } from '../../lib/engine';
import { formatMoney } from '../../lib/format/format-figures';
import { instrumentName } from '../../lib/format/instrument-name';

/**
 * A collateral move as a trader acts on it, and why its amount is what it is, from the engine's
 * move (its two ends as account and isolated position, what the source could give and what the
 * target needed at the achievable distance):
 *
 *   "Withdraw 9,372.64 USDT from Binance USDⓈ-M (main), deposit to Bybit (hedge) and add it to
 *    your isolated BTC perp short's margin."
 *   "As much as Binance USDⓈ-M (main) can give and still stand 8.7 daily σ from its own
 *    liquidation (its free margin is 14,521.43 USDT)."
 */
export interface MoveWords {
  readonly action: string;
  readonly why: string;
}

export interface AccountPlace {
  /** "Binance USDⓈ-M (main)". */
  readonly where: string;
  /** The venue's id: a move within one venue is a transfer, across venues a withdrawal. */
  readonly venue: string;
}

export function collateralMoveWords(
  move: CollateralMove,
  placeOf: (accountId: string) => AccountPlace,
  /** The distance the moves reach, in horizon σ, and its unit ("daily σ"). */
  reach: { readonly distance: number | null; readonly unit: string },
): MoveWords {
  const amount = formatMoney(move.amount, move.asset);
  const source = placeOf(move.source.account);
  const target = placeOf(move.target.account);
  const isolated = (position: CollateralMove['source']['position']) =>
    position === null ? '' : `your isolated ${instrumentName(position.symbol)} ${position.side}`;
  const from = isolated(move.source.position);
  const to = isolated(move.target.position);
  let action: string;
  if (move.source.account === move.target.account) {
    if (from === '' && to !== '')
      action = `Add ${amount} of margin to ${to} on ${target.where}, from that account's free balance.`;
    else if (from !== '' && to === '')
      action = `Take ${amount} of margin off ${from} on ${source.where}, back to that account's balance.`;
    else action = `Move ${amount} of margin from ${from} to ${to} on ${target.where}.`;
  } else {
    const first = from === '' ? '' : ` (first take it off ${from}'s margin)`;
    const then = to === '' ? '' : ` and add it to ${to}'s margin`;
    action =
      source.venue === target.venue
        ? `Transfer ${amount} from ${source.where}${first} to ${target.where}${then}.`
        : `Withdraw ${amount} from ${source.where}${first}, deposit to ${target.where}${then}.`;
  }
  const distance =
    reach.distance === null ? 'further' : `${reach.distance.toFixed(1)} ${reach.unit}`;
  const givesAll = Math.abs(move.amount - move.sourceCanGive) < 0.01;
  const sourceName = from === '' ? source.where : `${from} on ${source.where}`;
  const targetName = to === '' ? target.where : to;
  const why = !givesAll
    ? `That is what ${targetName} needs to stand ${distance} from liquidation.`
    : move.sourceCanGive >= move.sourceFree - 0.01
      ? `That is all of ${sourceName}'s free margin (what it holds above its initial margin).`
      : `That is as much as ${sourceName} can give and still stand ${distance} from its own liquidation (its free margin is ${formatMoney(move.sourceFree, move.asset)}).`;
  return { action, why };
}
