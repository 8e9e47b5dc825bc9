import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { RiskOverlay, type OverlayState } from '@/components/RiskOverlay';
import { sendRequest } from '@/lib/messaging/send-request';
import { watchLocation } from '@/lib/overlay/watch-location';
import { BINANCE_CONTENT_MATCHES } from '@/lib/venues/content-script-matches';
import { parseBinanceFuturesUrl } from '@/lib/venues/binance/futures-page-url';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import './overlay.css';

// Test URLs: https://www.binance.com/en/futures/BTCUSDT, https://www.binance.com/en/futures/ETHUSDT
// Reads only the URL; never touches the page's forms, cookies or storage.
const REFRESH_MS = 30_000;

export default defineContentScript({
  matches: [...BINANCE_CONTENT_MATCHES],
  cssInjectionMode: 'ui',
  async main(ctx) {
    let dismissed = false;
    const ui = await createShadowRootUi(ctx, {
      name: 'margin-lens-overlay',
      // Closed: the exchange page's scripts cannot read the trader's figures out of the overlay.
      mode: 'closed',
      position: 'overlay',
      anchor: 'body',
      zIndex: 2147483000,
      onMount: (container) => {
        const close = () => {
          dismissed = true;
          ui.remove();
        };
        render(<OverlayApp ctx={ctx} onClose={close} />, container);
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    // Shown on futures pages until the trader closes it (until the next page load).
    const update = () => {
      const onFuturesPage = parseBinanceFuturesUrl(location.href) !== null;
      if (onFuturesPage && !dismissed && ui.mounted === undefined) ui.mount();
      if (!onFuturesPage && ui.mounted !== undefined) ui.remove();
    };
    watchLocation(update, ctx.signal);
    update();
  },
});

function OverlayApp({
  ctx,
  onClose,
}: {
  readonly ctx: ContentScriptContext;
  readonly onClose: () => void;
}) {
  const [page, setPage] = useState(() => parseBinanceFuturesUrl(location.href));
  const [state, setState] = useState<OverlayState>({ status: 'loading' });
  useEffect(() => {
    const refresh = () => {
      const current = parseBinanceFuturesUrl(location.href);
      setPage(current);
      if (!current) return;
      sendRequest({ type: 'getSymbolRisk', venue: current.venue, symbol: current.symbol }).then(
        (view) => setState({ status: 'ready', view }),
        (error: unknown) =>
          setState({
            status: 'error',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    };
    refresh();
    const stop = new AbortController();
    ctx.signal.addEventListener('abort', () => stop.abort(), { once: true });
    watchLocation(refresh, stop.signal);
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      stop.abort();
      clearInterval(timer);
    };
  }, [ctx]);
  return <RiskOverlay state={state} symbol={page?.marketId ?? ''} onClose={onClose} />;
}
