import type { AccountReport, Refusal } from '../../lib/engine';
import type { ConnectionView } from '../../lib/connections/connection-types';
import { formatMoney, formatPercent, formatPrice } from '../../lib/format/format-figures';
import { DANGER_WORDS, marginRatioLevel, worstLevel } from '../../lib/overlay/danger-level';
import {
  chanceText,
  distanceText,
  liquidationPriceText,
  sigmaText,
} from '../../lib/overlay/overlay-words';
import type { RatioReading } from '../../lib/storage/margin-history';
import { venueMarginRatio, venueRatioWords } from '../../lib/venues/venue-margin-ratio';
import { formatAge } from '../../lib/format/format-age';
import { isUnderwater, marginRatioWords } from '../../lib/format/margin-ratio-words';
import { formatSize } from './leg-words';
import { MarginSparkline } from './MarginSparkline';
import type { PopupLeg } from './popup-legs';

/**
 * One account as a trader checks it: venue and their name for it, margin mode, the margin ratio
 * as a bar against the venue's own liquidation line (with the last day's sparkline), equity and
 * maintenance margin, the chance it is liquidated within the horizon, how old its data is (and,
 * when stale or failing, why and what to do), then each position: size, mark, liquidation
 * price, signed distance in % and σ, and its chance of liquidation.
 */
export function AccountCard(props: {
  readonly account: AccountReport;
  /** "Binance USDⓈ-M (main)": the venue and the trader's name for the account. */
  readonly name: string;
  readonly venueName: string;
  /** The account's legs in its positions' order. */
  readonly legs: readonly PopupLeg[];
  readonly connection: ConnectionView | null;
  /** Where a file account's figures came from: the demo, or the trader's file. */
  readonly fileSource: 'demo' | 'file';
  /** The figures are the stored state's and the connection's freshness is not known yet. */
  readonly provisional?: boolean;
  readonly history: readonly { readonly at: number; readonly reading: RatioReading }[];
  readonly horizonHours: number;
  /** Why the account is not in the scenario measures, when it is not. */
  readonly refused?: Refusal;
  readonly now?: number;
}) {
  const { account, legs, horizonHours } = props;
  // An underwater account (equity ≤ maintenance margin) reads critical, its bar full, in words.
  const underwater = isUnderwater(account);
  const ratio = underwater ? Number.POSITIVE_INFINITY : (account.marginRatio ?? 0);
  const mode = marginModeWords(account);
  const venue = venueMarginRatio(account.venue, account.positions[0]?.marginMode ?? '');
  const level = worstLevel([marginRatioLevel(ratio), ...legs.map((leg) => leg.level)]);
  const fill = underwater ? 1 : Math.min(1, Math.max(0, ratio));
  const upsideDown = venueRatioWords(
    account.venue,
    account.positions[0]?.marginMode ?? '',
    account.marginRatio ?? Number.POSITIVE_INFINITY,
  );
  const probability = account.liquidation.probability;
  // Liquidation prices move one coin and hold the account's other coins still (the P&L picture
  // moves them together): said where it matters, an account on more than one coin.
  const manyCoins = new Set(legs.map((leg) => leg.underlying)).size > 1;
  const day = horizonHours === 24 ? 'day' : `${horizonHours} h`;
  return (
    <li class={`card level-border--${level}`} data-account={account.id} data-level={level}>
      <div class="card__title">
        <strong>{props.name}</strong>
        <span class="muted">
          {mode}
          {mode !== null && ' · '}
          {account.settle}
        </span>
      </div>
      <div
        class="ratio"
        title={`Maintenance margin ÷ equity: ${props.venueName} liquidates at ${formatPercent(venue.liquidation, 1)}`}
      >
        <span class="ratio__label">Margin ratio</span>
        <span class="ratio__bar" aria-hidden="true">
          <span
            class={`ratio__fill level-bg--${marginRatioLevel(ratio)}`}
            style={{ width: `${(fill * 100).toFixed(1)}%` }}
          />
          {venue.warning !== null && (
            <span
              class="ratio__warning"
              style={{ left: `${Math.min(100, venue.warning * 100).toFixed(1)}%` }}
            />
          )}
          <span
            class="ratio__venue"
            style={{ left: `${Math.min(100, venue.liquidation * 100).toFixed(1)}%` }}
          />
        </span>
        <strong
          data-testid="margin-ratio"
          data-underwater={underwater ? 'true' : undefined}
          class={underwater ? 'level--critical' : undefined}
        >
          {marginRatioWords(account)}
        </strong>
      </div>
      <p class="card__note muted" data-testid="venue-thresholds">
        {props.venueName}
        {venue.warning === null
          ? ''
          : ` warns at ${formatPercent(venue.warning, 0)} (margin call) and`}{' '}
        liquidates at {formatPercent(venue.liquidation, venue.liquidation === 1 ? 0 : 1)}
        {upsideDown === null ? '' : `; ${upsideDown}`}.
      </p>
      {props.now !== undefined && <MarginSparkline readings={props.history} now={props.now} />}
      <dl class="card__figures">
        <dt>Equity</dt>
        <dd>{formatMoney(account.equity, account.settle)}</dd>
        <dt>Maintenance margin</dt>
        <dd data-testid="maintenance-margin">
          {formatMoney(account.maintenanceMargin, account.settle)}
        </dd>
        <dt>Nearest liquidation</dt>
        <dd data-testid="liquidation-distance">
          {nearestWords(account, legs, horizonHours)}
          {manyCoins && account.liquidation.distancePct !== null ? ', other coins unchanged' : ''}
        </dd>
        <dt>Chance of liquidation in {horizonHours} h</dt>
        <dd data-testid="liquidation-probability">
          {probability === null && props.refused !== undefined
            ? 'not computed (see above)'
            : probability === null
              ? '—'
              : chanceText(probability)}
        </dd>
      </dl>
      <DataAge {...props} />
      {legs.length > 0 && (
        <table class="positions">
          <thead>
            <tr>
              <th scope="col">Position</th>
              <th scope="col">Mark</th>
              <th scope="col">Liq. price</th>
              <th scope="col">Distance</th>
              <th scope="col">{horizonHours} h</th>
            </tr>
          </thead>
          <tbody>
            {legs.map((leg) => (
              <tr key={leg.key} data-testid="position" data-leg={leg.key} data-level={leg.level}>
                <td>
                  {leg.instrumentName}
                  <br />
                  <span class={`leg-side leg-side--${leg.side}`}>{leg.side}</span>{' '}
                  <span data-testid="position-size">
                    {formatSize(leg.quantity)} {leg.underlying}
                  </span>
                  {leg.marginMode === 'isolated' && mode !== 'isolated' && (
                    <span class="muted"> isolated</span>
                  )}
                </td>
                <td>{formatPrice(leg.markPrice)}</td>
                <td data-testid="position-liquidation-price">
                  {liquidationPriceText(leg.liquidationPrice)}
                </td>
                <td data-testid="position-distance">
                  {leg.signedDistancePct === null ? (
                    '—'
                  ) : (
                    <>
                      <span class={`level--${leg.level}`}>
                        {leg.signedDistancePct < 0 ? '−' : '+'}
                        {formatPercent(Math.abs(leg.signedDistancePct), 1)}
                      </span>
                      <br />
                      <span
                        class="muted"
                        title={
                          leg.sigma === null
                            ? `No volatility known for ${leg.underlying}`
                            : `σ: a typical ${day}'s move of ${leg.underlying}; the distance is this many of them`
                        }
                      >
                        {leg.sigma === null ? 'no σ' : `${leg.sigma.toFixed(1)}σ`}
                      </span>
                    </>
                  )}
                </td>
                <td
                  data-testid="position-chance"
                  class={leg.silo === 'cross' ? 'muted' : undefined}
                  title={
                    leg.silo === 'cross'
                      ? 'The account’s shared (cross) margin: the same for each of its cross positions'
                      : 'This position’s own (isolated) margin'
                  }
                >
                  {leg.probability === null ? '—' : chanceText(leg.probability)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {legs.length > 0 && (
        <p class="card__note muted" data-testid="positions-note">
          {[
            `σ is a typical ${day}'s move of the coin: the distance counted in such moves${
              legs.some((leg) => leg.signedDistancePct !== null && leg.sigma === null)
                ? ' (no σ: no volatility known for it)'
                : ''
            }.`,
            ...(manyCoins ? ['Liquidation prices with the other coins unchanged.'] : []),
          ].join(' ')}
        </p>
      )}
      <span class="visually-hidden">{DANGER_WORDS[level]}</span>
    </li>
  );
}

/** How old the account's figures are, and when stale or failing, why and what to do. */
function DataAge(props: {
  readonly connection: ConnectionView | null;
  readonly fileSource: 'demo' | 'file';
  readonly provisional?: boolean;
}) {
  const { connection } = props;
  if (connection !== null && props.provisional === true)
    return (
      <p class="card__age muted" data-testid="data-age">
        Checking how fresh these figures are…
      </p>
    );
  if (connection === null)
    return (
      <p class="card__age muted" data-testid="data-age">
        {props.fileSource === 'demo' ? 'Example positions (demo).' : 'From your portfolio file.'}
      </p>
    );
  if (connection.freshness === 'fresh')
    return (
      <p class="card__age muted" data-testid="data-age">
        Read {formatAge(connection.dataAgeSeconds)}.
      </p>
    );
  return (
    <p
      class="card__age stale"
      role="status"
      data-testid="data-age"
      data-freshness={connection.freshness}
    >
      <strong>{connection.freshness === 'missing' ? 'Not read yet' : 'Stale'}:</strong>{' '}
      {connection.dataAgeSeconds === null
        ? ''
        : `figures from ${formatAge(connection.dataAgeSeconds)}. `}
      {connection.staleReason ?? ''}
      {connection.problem ? ` ${connection.problem.whatToDo}` : ''}
    </p>
  );
}

/** "cross", "isolated", "portfolio margin", "cross + 1 isolated"; null without positions. */
export function marginModeWords(account: AccountReport): string | null {
  const modes = account.positions.map((position) => position.marginMode);
  if (modes.length === 0) return null;
  if (modes.includes('portfolio')) return 'portfolio margin';
  const isolated = modes.filter((mode) => mode === 'isolated').length;
  if (isolated === modes.length) return 'isolated';
  if (isolated === 0) return 'cross';
  return `cross + ${isolated} isolated`;
}

/** "falls 30.5% (BTC perp, 17.7 daily σ)"; "none" when no position can be liquidated. */
function nearestWords(
  account: AccountReport,
  legs: readonly PopupLeg[],
  horizonHours: number,
): string {
  const { liquidation } = account;
  if (liquidation.distancePct === null || liquidation.direction === null) return 'none';
  const leg = legs.find((item) => item.symbol === liquidation.nearestSymbol);
  const signed =
    liquidation.direction === 'down' ? -liquidation.distancePct : liquidation.distancePct;
  const sigma = liquidation.distanceVolUnits;
  return `${distanceText(signed)} (${leg?.instrumentName ?? liquidation.nearestSymbol ?? ''}${
    sigma === null ? '' : `, ${sigmaText(sigma, horizonHours)}`
  })`;
}
