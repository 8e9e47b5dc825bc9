import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetPageRiskRequest, GetTradeImpactRequest } from '../../lib/messaging/protocol';
import { loadPlace, savePlace } from '../../lib/overlay/overlay-place';
import type { PageDescriptor, PageInstrument } from '../../lib/overlay/page-descriptor';
import { pageIsDark } from '../../lib/overlay/page-theme';
import { watchOrderForm, type FormSnapshot } from '../../lib/overlay/watch-order-form';
import type { LoadState } from '../load-state';
import { PageOverlay } from './PageOverlay';

/** How often the overlay asks again (a cheap view of the current state; the background recomputes only on new inputs). */
const REFRESH_MS = 5_000;
/** Latencies kept for the benchmark (input event → painted pre-trade figures). */
const LATENCIES_KEPT = 500;

export interface OverlayMessaging {
  pageRisk(request: GetPageRiskRequest): Promise<PageRiskView>;
  tradeImpact(request: GetTradeImpactRequest): Promise<PageTradeImpact>;
}

/**
 * The overlay's wiring on one page: the instrument (re-read by the caller on navigation), the
 * risk state's view of it (refreshed on navigation and every 5 s), the order form (read as the
 * trader types), the page's theme and the remembered place. Everything stops with `signal`.
 */
export function PageOverlayApp(props: {
  readonly descriptor: PageDescriptor;
  readonly instrument: PageInstrument;
  readonly messaging: OverlayMessaging;
  readonly signal: AbortSignal;
  readonly onClose: () => void;
}) {
  const { descriptor, instrument, messaging } = props;
  const [risk, setRisk] = useState<LoadState<PageRiskView>>({ status: 'loading' });
  const [form, setForm] = useState<FormSnapshot>({ form: null, reading: null, eventTime: null });
  const [dark, setDark] = useState(true);
  const latencies = useRef<number[]>([]);
  const [latencyText, setLatencyText] = useState('');

  useEffect(() => {
    let current = true;
    const ask = () =>
      messaging
        .pageRisk({
          type: 'getPageRisk',
          venue: instrument.venue,
          symbol: instrument.symbol,
          underlying: instrument.underlying,
        })
        .then(
          (view) => current && setRisk({ status: 'ready', view }),
          (error: unknown) =>
            current &&
            setRisk({
              status: 'error',
              message: error instanceof Error ? error.message : String(error),
            }),
        );
    void ask();
    const timer = setInterval(() => void ask(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [instrument.venue, instrument.symbol, instrument.underlying]);

  useEffect(() => {
    const stop = new AbortController();
    // Stops with the content script's context too, without a listener left on it per mount.
    const onContextGone = () => stop.abort();
    props.signal.addEventListener('abort', onContextGone, { once: true });
    stop.signal.addEventListener('abort', () =>
      props.signal.removeEventListener('abort', onContextGone),
    );
    watchOrderForm(
      descriptor,
      (snapshot) => {
        setForm(snapshot);
        setDark(pageIsDark(snapshot.form));
      },
      stop.signal,
    );
    return () => stop.abort();
  }, [descriptor]);

  const onLatency = (milliseconds: number) => {
    const kept = latencies.current;
    kept.push(milliseconds);
    if (kept.length > LATENCIES_KEPT) kept.shift();
    setLatencyText(kept.map((value) => value.toFixed(2)).join(' '));
  };

  return (
    <div data-latencies={latencyText} data-testid="overlay-root">
      <PageOverlay
        instrument={instrument}
        risk={risk}
        form={form}
        dark={dark}
        place={loadPlace(localStorage)}
        onPlaced={(place) => savePlace(localStorage, place)}
        requestImpact={messaging.tradeImpact}
        onClose={props.onClose}
        onLatency={onLatency}
      />
    </div>
  );
}
