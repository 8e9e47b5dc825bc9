import { render } from 'preact';
import { PageOverlayApp, type OverlayMessaging } from '@/components/overlay/PageOverlayApp';
import { openRequestPort } from '@/lib/messaging/request-port';
import { pageDescriptorForUrl } from '@/lib/overlay/pages/page-descriptors';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/venues/content-script-matches';
import { watchLocation } from '@/lib/overlay/watch-location';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import '@/components/overlay/overlay.css';

// One overlay for the six venues' trading pages (lib/overlay/pages/ describes each site).
// Reads the URL and the order form; never writes to the page, its forms, cookies or storage
// (except the overlay's own remembered place, lib/overlay/overlay-place.ts).
export default defineContentScript({
  matches: [...CONTENT_SCRIPT_MATCHES],
  cssInjectionMode: 'ui',
  async main(ctx) {
    let dismissed = false;
    let shownUrl: string | null = null;
    const ui = await createShadowRootUi(ctx, {
      name: 'margin-lens-overlay',
      // Closed: the exchange page's scripts cannot read the trader's figures out of the overlay.
      mode: 'closed',
      position: 'overlay',
      anchor: 'body',
      zIndex: 2147483000,
      // Keys typed into the overlay's own form stay in it: the exchange's hotkeys do not fire
      // and its scripts do not see what the trader types there.
      isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'change'],
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    const port = openRequestPort();
    ctx.onInvalidated(() => port.close());
    const messaging = {
      pageRisk: (request) => port.send(request),
      tradeImpact: (request) => port.send(request),
    } satisfies OverlayMessaging;
    // Each instrument gets a fresh overlay: single-page navigation to another one re-reads all.
    const update = () => {
      const page = dismissed ? null : pageDescriptorForUrl(location.href);
      if (page === null) {
        if (ui.mounted !== undefined) ui.remove();
        shownUrl = null;
        return;
      }
      const key = JSON.stringify(page.instrument);
      if (shownUrl === key && ui.mounted !== undefined) return;
      shownUrl = key;
      if (ui.mounted === undefined) ui.mount();
      render(
        <PageOverlayApp
          key={key}
          descriptor={page.descriptor}
          instrument={page.instrument}
          messaging={messaging}
          signal={ctx.signal}
          onClose={() => {
            dismissed = true;
            update();
          }}
        />,
        ui.uiContainer,
      );
    };
    watchLocation(update, ctx.signal);
    ctx.onInvalidated(() => ui.remove());
    update();
  },
});
