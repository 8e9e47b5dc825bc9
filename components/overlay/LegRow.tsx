import { DANGER_WORDS, dangerLevel, gaugeFraction } from '../../lib/overlay/danger-level';
import {
  chanceText,
  distanceText,
  liquidationPriceText,
  sigmaText,
} from '../../lib/overlay/overlay-words';
import type { PageLeg } from '../../lib/messaging/page-risk-view-types';
import { formatAge } from '../../lib/format/format-age';

/**
 * One leg: where it is (venue, the trader's account name, instrument, side and size), its own
 * liquidation price, how far the price must move in % and in daily σ, its own chance of
 * liquidation (isolated legs; a cross leg's is its account's), and a gauge coloured from
 * liquidation (red) to safe (green) with the leg's place marked. Page text is rendered as text.
 */
export function LegRow(props: {
  readonly leg: PageLeg;
  readonly horizonHours: number;
  /** Show where the leg is (other venues' legs); this page's leg needs no venue. */
  readonly showVenue: boolean;
}) {
  const { leg } = props;
  const distance = { sigma: leg.distanceSigma, pct: leg.signedDistancePct };
  const level = dangerLevel(distance);
  const fraction = gaugeFraction(distance);
  return (
    <div
      class={`leg leg--${level}`}
      data-testid="leg"
      data-leg={leg.key}
      data-venue={leg.venue}
      data-level={level}
    >
      <div class="leg__title">
        <span class={`leg__side leg__side--${leg.side}`}>
          {leg.side === 'long' ? 'Long' : 'Short'}
        </span>
        <span class="leg__where">
          {props.showVenue ? `${leg.venueName} · ` : ''}
          {leg.instrumentName} · {leg.accountLabel}
        </span>
        <span class={`level level--${level}`} data-testid="leg-level">
          {DANGER_WORDS[level]}
        </span>
      </div>
      <div class="leg__figures">
        <span>
          Liq.{' '}
          <strong data-testid="leg-liquidation-price">
            {liquidationPriceText(leg.liquidationPrice)}
          </strong>
        </span>
        {leg.liquidationPrice !== null && (
          <span class="leg__distance" data-testid="leg-distance">
            {distanceText(leg.signedDistancePct)}
            {leg.distanceSigma !== null && (
              <span class="muted"> · {sigmaText(leg.distanceSigma, props.horizonHours)}</span>
            )}
          </span>
        )}
      </div>
      {fraction !== null && (
        <div class="gauge" aria-hidden="true">
          <span class="gauge__marker" style={{ left: `${(fraction * 100).toFixed(1)}%` }} />
        </div>
      )}
      {leg.freshness !== null && leg.freshness !== 'fresh' && (
        <div class="leg__stale" role="status" data-testid="leg-stale">
          Stale: figures from {formatAge(leg.dataAgeSeconds)}.
          {leg.staleReason && ` ${leg.staleReason}`}
        </div>
      )}
      {leg.liquidationProbability !== null && (
        <div class="leg__chance" data-testid="leg-chance">
          Chance of liquidation in {props.horizonHours} h:{' '}
          <strong>{chanceText(leg.liquidationProbability)}</strong>
        </div>
      )}
    </div>
  );
}
