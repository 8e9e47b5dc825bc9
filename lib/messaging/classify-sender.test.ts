import { RequestType } from './protocol';
import { describe, expect, it } from 'vitest';
import {
  classifySender,
  matchPatternOrigin,
  senderMayRequest,
  SenderClass,
} from './classify-sender';

const id = 'abcdefghijklmnopabcdefghijklmnop';
const extension = {
  id,
  origin: `chrome-extension://${id}`,
  contentOrigins: ['https://www.binance.com'],
};
const tab = { id: 3 };

describe('classifySender', () => {
  it('trusts our own origin, whether the page sits in a tab or not', () => {
    expect(
      classifySender(
        { id, origin: extension.origin, url: `${extension.origin}/popup.html` },
        extension,
      ),
    ).toBe(SenderClass.extensionPage);
    expect(classifySender({ id, url: `${extension.origin}/popup.html`, tab }, extension)).toBe(
      SenderClass.extensionPage,
    );
  });

  it('treats a tab on a content-script origin as an untrusted content script', () => {
    expect(
      classifySender(
        {
          id,
          origin: 'https://www.binance.com',
          url: 'https://www.binance.com/en/futures/BTCUSDT',
          tab,
        },
        extension,
      ),
    ).toBe(SenderClass.contentScript);
  });

  it('refuses a web origin our content scripts do not run on, or a sender without a tab', () => {
    expect(classifySender({ id, origin: 'http://www.binance.com', tab }, extension)).toBe(
      SenderClass.unknown,
    );
    expect(classifySender({ id, origin: 'https://evil.example', tab }, extension)).toBe(
      SenderClass.unknown,
    );
    expect(classifySender({ id, origin: 'https://www.binance.com' }, extension)).toBe(
      SenderClass.unknown,
    );
  });

  it('refuses other extensions and unknown origins', () => {
    expect(classifySender({ id: 'another', origin: extension.origin }, extension)).toBe(
      SenderClass.unknown,
    );
    expect(classifySender({ id, origin: 'chrome-extension://someoneelse' }, extension)).toBe(
      SenderClass.unknown,
    );
    expect(classifySender({ id, url: 'not a url' }, extension)).toBe(SenderClass.unknown);
    expect(classifySender({ id }, extension)).toBe(SenderClass.unknown);
  });

  it('works with Firefox moz-extension origins', () => {
    const firefox = 'moz-extension://2b2b1f4e-8b7e-4f3c-9d1a-6f0c2d7e9a10';
    expect(
      classifySender({ id, url: `${firefox}/popup.html` }, { ...extension, origin: firefox }),
    ).toBe(SenderClass.extensionPage);
  });
});

describe('matchPatternOrigin', () => {
  it('gives the origin of a literal-host pattern and null for a wildcard host', () => {
    expect(matchPatternOrigin('https://www.binance.com/*')).toBe('https://www.binance.com');
    expect(matchPatternOrigin('*://*.binance.com/*')).toBeNull();
  });
});

describe('senderMayRequest', () => {
  it('lets content scripts read only their symbol’s risk', () => {
    expect(senderMayRequest(SenderClass.contentScript, 'getPageRisk')).toBe(true);
    expect(senderMayRequest(SenderClass.contentScript, 'getTradeImpact')).toBe(true);
    // The page feed hands over its page's accounts (for its own origin's venue only).
    expect(senderMayRequest(SenderClass.contentScript, 'savePageAccounts')).toBe(true);
    expect(senderMayRequest(SenderClass.contentScript, 'getPortfolioRisk')).toBe(false);
    expect(senderMayRequest(SenderClass.extensionPage, 'getPortfolioRisk')).toBe(true);
    expect(senderMayRequest(SenderClass.unknown, 'getPageRisk')).toBe(false);
    // Keys, accounts and settings: our own pages only, never a content script.
    for (const type of Object.values(RequestType).filter(
      (t) => t !== 'getPageRisk' && t !== 'getTradeImpact' && t !== 'savePageAccounts',
    )) {
      expect(senderMayRequest(SenderClass.contentScript, type)).toBe(false);
      expect(senderMayRequest(SenderClass.extensionPage, type)).toBe(true);
    }
  });
});
