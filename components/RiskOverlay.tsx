import {
  formatMoney,
  formatPercent,
  formatPrice,
  formatProbability,
} from '../lib/format/format-figures';
import type { SymbolRiskView } from '../lib/messaging/protocol';
import { formatAge } from './format-age';
import type { LoadState } from './load-state';

export type OverlayState = LoadState<SymbolRiskView>;

/**
 * The on-page overlay: for the symbol the exchange page shows, each account's margin ratio and
 * that position's liquidation price, and the portfolio's ES. Page-derived text is rendered as
 * text only (Preact escapes it).
 */
export function RiskOverlay(props: {
  readonly state: OverlayState;
  readonly symbol: string;
  readonly onClose: () => void;
}) {
  const { state } = props;
  return (
    <aside class="overlay" aria-label="Margin Lens risk overlay" data-testid="margin-lens-overlay">
      <header class="overlay__header">
        <span class="overlay__brand">Margin Lens</span>
        <span class="overlay__symbol">{props.symbol}</span>
        <button
          type="button"
          class="overlay__close"
          aria-label="Hide Margin Lens overlay"
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {state.status === 'loading' && <p class="overlay__muted">Computing…</p>}
      {state.status === 'error' && (
        <p class="overlay__error" role="alert" data-testid="overlay-error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && <OverlayBody view={state.view} />}
    </aside>
  );
}

function OverlayBody({ view }: { readonly view: SymbolRiskView }) {
  return (
    <>
      {view.source === 'demo' && <p class="overlay__demo">Demo portfolio</p>}
      {view.accounts.length === 0 && (
        <p class="overlay__muted">No position in {view.symbol} on this venue.</p>
      )}
      {view.accounts.map((account) => (
        <div
          class="overlay__account"
          key={`${account.accountId}-${account.side}`}
          data-account={account.accountId}
        >
          <div class="overlay__row">
            <strong>{account.accountId}</strong>
            <span class={account.side === 'long' ? 'overlay__long' : 'overlay__short'}>
              {account.side} {account.quantity}
            </span>
          </div>
          <div class="overlay__row">
            <span>Margin ratio</span>
            <span data-testid="margin-ratio">{formatPercent(account.marginRatio)}</span>
          </div>
          <div class="overlay__row">
            <span>Liq. price</span>
            <span data-testid="liquidation-price">{formatPrice(account.liquidationPrice)}</span>
          </div>
          {account.freshness !== null && account.freshness !== 'fresh' && (
            <p class="overlay__stale" role="status" data-testid="stale">
              Stale: figures from {formatAge(account.dataAgeSeconds)}. {account.staleReason}
            </p>
          )}
          <div class="overlay__row overlay__muted">
            <span>Distance · P({view.horizonHours}h)</span>
            <span>
              {formatPercent(account.liquidationDistancePct)} ·{' '}
              {formatProbability(account.liquidationProbability)}
            </span>
          </div>
        </div>
      ))}
      {view.excludedAccounts > 0 && (
        <p class="overlay__stale" data-testid="excluded">
          {view.excludedAccounts} account{view.excludedAccounts === 1 ? ' is' : 's are'} not in
          these figures (see the Margin Lens popup).
        </p>
      )}
      <div class="overlay__row overlay__portfolio">
        <span>
          Portfolio ES {formatPercent(view.confidence, 1)} {view.horizonHours}h
        </span>
        <span data-testid="portfolio-es">{formatMoney(view.portfolioEs, 'USD')}</span>
      </div>
    </>
  );
}
