import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage } from '@/lib/background/handle-message';
import { createRiskService } from '@/lib/background/risk-service';
import { matchPatternOrigin, originOf } from '@/lib/messaging/classify-sender';
import { DEMO_PORTFOLIO } from '@/lib/engine';
import { PortfolioSource } from '@/lib/messaging/protocol';
import { portfolioItem } from '@/lib/storage/portfolio-item';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/venues/content-script-matches';

// Wiring only: storage → risk service → message handler. State lives in storage, so a
// restarted service worker answers exactly as before.
export default defineBackground(() => {
  const service = createRiskService(() => portfolioItem.getValue());
  const contentOrigins = CONTENT_SCRIPT_MATCHES.map(matchPatternOrigin).filter(
    (origin): origin is string => origin !== null,
  );
  const extension = {
    id: browser.runtime.id,
    origin: originOf(browser.runtime.getURL('/')) ?? '',
    contentOrigins,
  };

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason === 'install' && (await portfolioItem.getValue()) === null) {
      await portfolioItem.setValue({
        source: PortfolioSource.demo,
        savedAt: new Date().toISOString(),
        portfolio: DEMO_PORTFOLIO,
      });
    }
  });

  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, extension, service),
  );
});
