import { accountName } from '../../lib/alerts/alert-names';
import { formatPercent, formatPrice } from '../../lib/format/format-figures';
import { DANGER_WORDS } from '../../lib/overlay/danger-level';
import { distanceText, sigmaText } from '../../lib/overlay/overlay-words';
import { formatSize, legName } from './leg-words';
import type { PopupLeg, UnderlyingGroup } from './popup-legs';

/** The ladder's reach on each side, in horizon σ: legs farther away are drawn at the edge. */
const REACH = 5;
const BANDS = [
  { from: 0, to: 1, level: 'critical' },
  { from: 1, to: 2, level: 'danger' },
  { from: 2, to: 3, level: 'caution' },
  { from: 3, to: REACH, level: 'safe' },
] as const;

/**
 * The liquidation ladder: every leg a bar from today's price (the centre) to its liquidation,
 * left for legs liquidated when the price falls, right when it rises, its length the distance
 * in daily σ (a typical day's move of that coin) over colour bands (under 1σ critical, 1–2σ
 * danger, 2–3σ caution, beyond safe for a day). Legs on one underlying sit together, so the two
 * legs of a hedge face each other, and the one that dies first is named. A leg without a
 * volatility is written in % only; one that cannot be liquidated says so.
 */
export function LiquidationLadder(props: {
  readonly groups: readonly UnderlyingGroup[];
  readonly horizonHours: number;
}) {
  if (props.groups.length === 0) return null;
  const unit = props.horizonHours === 24 ? 'daily σ' : `${props.horizonHours} h σ`;
  return (
    <section class="picture ladder" data-testid="ladder">
      <h2>Who is liquidated first</h2>
      <div class="ladder__scale" aria-hidden="true">
        <span>← if the price falls</span>
        <span>if it rises →</span>
      </div>
      {props.groups.map((group) => (
        <div class="ladder__group" key={group.underlying} data-underlying={group.underlying}>
          <p class="ladder__title" data-testid="hedge-group">
            <strong>{group.underlying}</strong>
            {group.hedged ? ' · long and short: each leg can be liquidated alone. ' : '. '}
            {firstToDieWords(group)}
          </p>
          {group.legs.map((leg) => (
            <Rung key={leg.key} leg={leg} horizonHours={props.horizonHours} />
          ))}
        </div>
      ))}
      <p class="caption muted">
        Bars run from today&apos;s price to each liquidation, in {unit} (a typical{' '}
        {props.horizonHours === 24 ? 'day' : `${props.horizonHours} h`}&apos;s move of that coin),
        drawn up to {REACH}σ. Each liquidation price holds the other coins unchanged.
      </p>
    </section>
  );
}

function Rung(props: { readonly leg: PopupLeg; readonly horizonHours: number }) {
  const { leg } = props;
  const reach = leg.sigma === null ? null : Math.min(leg.sigma, REACH) / REACH;
  const down = (leg.signedDistancePct ?? 0) < 0;
  const level = leg.level;
  return (
    <div class="rung" data-testid="ladder-leg" data-leg={leg.key} data-level={level}>
      {reach !== null && (
        <div class="rung__track" aria-hidden="true">
          {BANDS.flatMap((band) => [
            <span
              key={`down-${band.level}`}
              class={`rung__band level-bg--${band.level}`}
              style={{
                right: `${50 + (band.from / REACH) * 50}%`,
                width: `${((band.to - band.from) / REACH) * 50}%`,
              }}
            />,
            <span
              key={`up-${band.level}`}
              class={`rung__band level-bg--${band.level}`}
              style={{
                left: `${50 + (band.from / REACH) * 50}%`,
                width: `${((band.to - band.from) / REACH) * 50}%`,
              }}
            />,
          ])}
          <span
            class={`rung__bar level-bg--${level}`}
            style={
              down
                ? { right: '50%', width: `${(reach * 50).toFixed(2)}%` }
                : { left: '50%', width: `${(reach * 50).toFixed(2)}%` }
            }
          />
          <span class="rung__centre" />
        </div>
      )}
      <div class="rung__label">
        <span class={`leg-side leg-side--${leg.side}`}>
          {leg.side} {formatSize(leg.quantity)}
        </span>{' '}
        {accountName(leg.venue, leg.accountLabel)} · {leg.instrumentName}
        <span class="rung__figure" data-testid="ladder-distance">
          {leg.liquidationPrice === null
            ? 'no liquidation'
            : leg.sigma !== null
              ? `${sigmaText(leg.sigma, props.horizonHours)} · ${signedPercent(leg.signedDistancePct)}`
              : `${signedPercent(leg.signedDistancePct)} (no volatility for ${leg.underlying}: no σ)`}
        </span>
        <span class="visually-hidden"> {DANGER_WORDS[level]}</span>
      </div>
    </div>
  );
}

/** "The Binance USDⓈ-M (hedge) BTC perp short dies first: if BTC rises 4.5%, at 99,365.67." */
export function firstToDieWords(group: UnderlyingGroup): string {
  const first = group.firstToDie;
  if (first === null || first.liquidationPrice === null)
    return 'None of these legs can be liquidated on its own.';
  const single = group.legs.filter((leg) => leg.liquidationPrice !== null).length === 1;
  return `${single ? 'Liquidated' : 'First to die'}: the ${legName(first)}, if ${group.underlying} ${distanceText(first.signedDistancePct)}, at ${formatPrice(first.liquidationPrice)}.`;
}

function signedPercent(value: number | null): string {
  if (value === null) return '';
  return `${value < 0 ? '−' : '+'}${formatPercent(Math.abs(value), 1)}`;
}
