import { formatMoney } from '../../lib/format/format-figures';
import { marginRatioWords } from '../../lib/format/margin-ratio-words';
import type { PageAccount } from '../../lib/messaging/page-risk-view-types';
import { marginRatioLevel } from '../../lib/overlay/danger-level';
import { chanceText } from '../../lib/overlay/overlay-words';
import { formatAge } from '../../lib/format/format-age';

/**
 * One account holding a leg: its margin ratio as a bar (maintenance margin / equity: at 100% the
 * venue liquidates), equity and maintenance margin, its chance of any liquidation within the
 * horizon, and whether its data is current. Account-level figures appear here once, never
 * repeated on each of its legs.
 */
export function AccountRow(props: {
  readonly account: PageAccount;
  readonly horizonHours: number;
}) {
  const { account } = props;
  // An underwater account (equity ≤ maintenance margin) reads critical, its bar full, in words.
  const { underwater } = account;
  const ratio = underwater ? Number.POSITIVE_INFINITY : (account.marginRatio ?? 0);
  const level = marginRatioLevel(ratio);
  return (
    <div class="account" data-testid="account" data-account={account.accountId}>
      <div class="account__title">
        <span>
          {account.venueName} · {account.accountLabel}
        </span>
        <span class="muted">equity {formatMoney(account.equity, account.settle)}</span>
      </div>
      <div class="ratio" title="Maintenance margin ÷ equity: the venue liquidates at 100%">
        <span class="ratio__label">Margin ratio</span>
        <span class="ratio__bar" aria-hidden="true">
          <span
            class={`ratio__fill level-bg--${level}`}
            style={{
              width: `${Math.min(100, underwater ? 100 : ratio * 100).toFixed(1)}%`,
            }}
          />
        </span>
        <strong
          data-testid="margin-ratio"
          data-underwater={underwater ? 'true' : undefined}
          class={underwater ? 'level level--critical' : undefined}
        >
          {marginRatioWords(account, 1)}
        </strong>
      </div>
      {account.liquidationProbability !== null && (
        <div class="account__chance" data-testid="account-chance">
          Chance this account is liquidated in {props.horizonHours} h:{' '}
          <strong>{chanceText(account.liquidationProbability)}</strong>
        </div>
      )}
      {account.freshness !== null && account.freshness !== 'fresh' && (
        <p class="stale" role="status" data-testid="stale">
          Stale: figures from {formatAge(account.dataAgeSeconds)}. {account.staleReason}
        </p>
      )}
    </div>
  );
}
