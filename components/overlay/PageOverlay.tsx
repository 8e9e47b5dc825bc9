import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatMoney, formatPercent } from '../../lib/format/format-figures';
import { underlyingName } from '../../lib/format/instrument-name';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetTradeImpactRequest } from '../../lib/messaging/protocol';
import { DANGER_WORDS, dangerLevel, worstLevel } from '../../lib/overlay/danger-level';
import { placeOverlay, type OverlayPlace } from '../../lib/overlay/overlay-place';
import type { PageInstrument } from '../../lib/overlay/page-descriptor';
import type { FormSnapshot } from '../../lib/overlay/watch-order-form';
import type { LoadState } from '../load-state';
import { AccountRow } from './AccountRow';
import { LegRow } from './LegRow';
import { PreTradeCheck } from './PreTradeCheck';

export interface PageOverlayProps {
  readonly instrument: PageInstrument;
  readonly risk: LoadState<PageRiskView>;
  readonly form: FormSnapshot;
  readonly dark: boolean;
  readonly place: OverlayPlace | null;
  readonly onPlaced: (place: OverlayPlace) => void;
  readonly requestImpact: (request: GetTradeImpactRequest) => Promise<PageTradeImpact>;
  readonly onClose: () => void;
  readonly onLatency?: (milliseconds: number) => void;
}

/**
 * The on-page overlay. Compact: how close this page's position is to liquidation (colour and
 * words), the leg elsewhere that dies first, and the pre-trade check as the trader types.
 * Expanded: every leg on the underlying across venues and accounts, the accounts' margin
 * ratios, and the book's true margin against what the venues ask. Draggable by its header, kept
 * off the order form, in the page's light or dark theme.
 */
export function PageOverlay(props: PageOverlayProps) {
  const [expanded, setExpanded] = useState(false);
  const box = useRef<HTMLElement>(null);
  const [position, setPosition] = useState<OverlayPlace | null>(null);

  // Placed after each render from its measured size: inside the window, off the order form.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const rect = props.form.form?.getBoundingClientRect();
    const next = placeOverlay(
      position ?? props.place,
      { width: element.offsetWidth, height: element.offsetHeight },
      { width: window.innerWidth, height: window.innerHeight },
      rect ? { left: rect.left, top: rect.top, width: rect.width, height: rect.height } : null,
    );
    if (next.left !== position?.left || next.top !== position?.top) setPosition(next);
  });

  // The window resized, the page scrolled, or the overlay grew: placed again (off the form).
  const [, relayout] = useState(0);
  useEffect(() => {
    const again = () => relayout((count) => count + 1);
    const stop = new AbortController();
    window.addEventListener('resize', again, { signal: stop.signal, passive: true });
    window.addEventListener('scroll', again, { signal: stop.signal, passive: true, capture: true });
    const observer = box.current ? new ResizeObserver(again) : null;
    if (box.current) observer?.observe(box.current);
    return () => {
      stop.abort();
      observer?.disconnect();
    };
  }, []);

  const startDrag = (event: PointerEvent) => {
    if ((event.target as Element).closest('button')) return;
    const element = box.current;
    if (!element || position === null) return;
    const start = { x: event.clientX, y: event.clientY, ...position };
    const move = (moved: PointerEvent) =>
      setPosition({
        left: start.left + moved.clientX - start.x,
        top: start.top + moved.clientY - start.y,
      });
    const end = (ended: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      props.onPlaced({
        left: start.left + ended.clientX - start.x,
        top: start.top + ended.clientY - start.y,
      });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
  };

  const view = props.risk.status === 'ready' ? props.risk.view : null;
  // The dot is the whole underlying's worst leg: a safe leg here does not hide its hedge's danger.
  const level = worstLevel(
    (view?.legs ?? []).map((leg) =>
      dangerLevel({ sigma: leg.distanceSigma, pct: leg.signedDistancePct }),
    ),
  );
  return (
    <aside
      ref={box}
      class={`ml ${props.dark ? 'ml--dark' : 'ml--light'} ${expanded ? 'ml--expanded' : ''}`}
      style={
        position === null
          ? { visibility: 'hidden' }
          : { left: `${position.left}px`, top: `${position.top}px` }
      }
      aria-label="Margin Lens risk overlay"
      data-testid="margin-lens-overlay"
    >
      <header class="ml__header" onPointerDown={startDrag}>
        <span
          class={`ml__dot level-bg--${level}`}
          title={`Worst leg on this underlying: ${DANGER_WORDS[level]}`}
          data-testid="overlay-level"
          data-level={level}
        />
        <span class="ml__brand">Margin Lens</span>
        <span class="ml__instrument" data-testid="overlay-instrument">
          {view?.instrumentName ?? props.instrument.underlying}
        </span>
        <button
          type="button"
          class="ml__icon"
          aria-expanded={expanded}
          aria-label={expanded ? 'Show less' : 'Show every leg and account'}
          data-testid="overlay-expand"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? '▴' : '▾'}
        </button>
        <button
          type="button"
          class="ml__icon"
          aria-label="Hide Margin Lens overlay"
          onClick={props.onClose}
        >
          ×
        </button>
      </header>
      {props.risk.status === 'loading' && <p class="muted">Computing…</p>}
      {props.risk.status === 'error' && (
        <p class="error" role="alert" data-testid="overlay-error">
          {props.risk.message}
        </p>
      )}
      {view !== null && <OverlayBody {...props} view={view} expanded={expanded} />}
    </aside>
  );
}

function OverlayBody(
  props: PageOverlayProps & {
    readonly view: PageRiskView;
    readonly expanded: boolean;
  },
) {
  const { view, expanded } = props;
  const here = view.legs.filter((leg) => leg.onThisPage);
  const elsewhere = view.legs.filter((leg) => !leg.onThisPage);
  return (
    <div class="ml__body">
      {view.source === 'demo' && (
        <p class="demo">Demo portfolio: connect or import yours in the options page.</p>
      )}
      {here.length === 0 && (
        <p class="muted" data-testid="no-position">
          No {view.instrumentName} position on {view.venueName}.
        </p>
      )}
      {here.map((leg) => (
        <LegRow key={leg.key} leg={leg} horizonHours={view.horizonHours} showVenue={false} />
      ))}
      {view.firstToDie !== null && (
        <p class="first-to-die" role="alert" data-testid="first-to-die">
          ⚠ {view.firstToDie.message}
        </p>
      )}
      {!expanded && elsewhere.length > 0 && (
        <p class="muted" data-testid="other-legs-count">
          {elsewhere.length} other leg{elsewhere.length === 1 ? '' : 's'} on{' '}
          {underlyingName(view.underlying)}: ▾ to see
          {elsewhere.length === 1 ? ' it' : ' them'}.
        </p>
      )}
      {expanded && elsewhere.length > 0 && (
        <section data-testid="other-legs">
          <h3>Other legs on {underlyingName(view.underlying)}</h3>
          {elsewhere.map((leg) => (
            <LegRow key={leg.key} leg={leg} horizonHours={view.horizonHours} showVenue />
          ))}
        </section>
      )}
      {expanded && view.accounts.length > 0 && (
        <section data-testid="accounts">
          <h3>Accounts</h3>
          {view.accounts.map((account) => (
            <AccountRow
              key={account.accountId}
              account={account}
              horizonHours={view.horizonHours}
            />
          ))}
        </section>
      )}
      {view.excludedAccounts > 0 && (
        <p class="stale" data-testid="excluded">
          {view.excludedAccounts} {view.venueName} account
          {view.excludedAccounts === 1 ? ' is' : 's are'} not in these figures (the Margin Lens
          popup says why).
        </p>
      )}
      {props.instrument.symbol !== null && view.symbol !== null && (
        <PreTradeCheck
          view={view}
          symbol={view.symbol}
          form={props.form}
          requestImpact={props.requestImpact}
          {...(props.onLatency && { onLatency: props.onLatency })}
        />
      )}
      {expanded && (
        <section class="portfolio" data-testid="portfolio">
          <div class="portfolio__row">
            <span>True margin of the whole book</span>
            <strong data-testid="true-margin">
              {formatMoney(view.portfolio.trueMargin, 'USD')}
            </strong>
          </div>
          <div class="portfolio__row">
            <span>The venues ask (maintenance)</span>
            <strong data-testid="venues-ask">
              {formatMoney(view.portfolio.venueMaintenanceMargin, 'USD')}
            </strong>
          </div>
          <div class="portfolio__row muted">
            <span>
              Expected shortfall, {formatPercent(view.portfolio.confidence, 1)} over{' '}
              {view.horizonHours} h
            </span>
            <span data-testid="portfolio-es">
              {formatMoney(view.portfolio.expectedShortfall, 'USD')}
            </span>
          </div>
          <p class="legend">
            True margin: what a portfolio-margin model would ask of the whole book (the larger of
            its expected shortfall with closing costs and its worst stress loss). Expected shortfall
            = the average loss on the worst {formatPercent(1 - view.portfolio.confidence, 1)} of
            days.
          </p>
        </section>
      )}
      <p class="footnote" data-testid="computed-at">
        Figures computed{' '}
        {new Date(view.computedAt).toLocaleTimeString('en-GB', {
          hour: '2-digit',
          minute: '2-digit',
        })}
        . σ = a typical {view.horizonHours === 24 ? 'day’s' : `${view.horizonHours} h`} move of{' '}
        {underlyingName(view.underlying)}.
      </p>
    </div>
  );
}
