import { describe, expect, it } from 'vitest';
import { classifySender, senderMayRequest, SenderClass } from './classify-sender';

const id = 'abcdefghijklmnopabcdefghijklmnop';
const origin = `chrome-extension://${id}`;

describe('classifySender', () => {
  it('trusts our own origin, whether the page sits in a tab or not', () => {
    expect(classifySender({ id, origin, url: `${origin}/popup.html` }, id, origin)).toBe(
      SenderClass.extensionPage,
    );
    expect(classifySender({ id, url: `${origin}/popup.html` }, id, origin)).toBe(
      SenderClass.extensionPage,
    );
  });

  it('treats a web origin as an untrusted content script', () => {
    expect(
      classifySender(
        {
          id,
          origin: 'https://www.binance.com',
          url: 'https://www.binance.com/en/futures/BTCUSDT',
        },
        id,
        origin,
      ),
    ).toBe(SenderClass.contentScript);
  });

  it('refuses other extensions and unknown origins', () => {
    expect(classifySender({ id: 'another', origin }, id, origin)).toBe(SenderClass.unknown);
    expect(classifySender({ id, origin: 'chrome-extension://someoneelse' }, id, origin)).toBe(
      SenderClass.unknown,
    );
    expect(classifySender({ id, url: 'not a url' }, id, origin)).toBe(SenderClass.unknown);
    expect(classifySender({ id }, id, origin)).toBe(SenderClass.unknown);
  });

  it('works with Firefox moz-extension origins', () => {
    const firefox = 'moz-extension://2b2b1f4e-8b7e-4f3c-9d1a-6f0c2d7e9a10';
    expect(classifySender({ id, url: `${firefox}/popup.html` }, id, firefox)).toBe(
      SenderClass.extensionPage,
    );
  });
});

describe('senderMayRequest', () => {
  it('lets content scripts read only their symbol’s risk', () => {
    expect(senderMayRequest(SenderClass.contentScript, 'getSymbolRisk')).toBe(true);
    expect(senderMayRequest(SenderClass.contentScript, 'getPortfolioRisk')).toBe(false);
    expect(senderMayRequest(SenderClass.extensionPage, 'getPortfolioRisk')).toBe(true);
    expect(senderMayRequest(SenderClass.unknown, 'getSymbolRisk')).toBe(false);
  });
});
