// @vitest-environment happy-dom
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { venuePage, type VenueSite } from '../../../test/fake-exchange/venue-pages';
import type { OrderFormReading, PageDescriptor } from '../page-descriptor';
import { BINANCE_PAGE } from './binance-page';
import { BYBIT_PAGE } from './bybit-page';
import { DERIBIT_PAGE } from './deribit-page';
import { HYPERLIQUID_PAGE } from './hyperliquid-page';
import { OKX_PAGE } from './okx-page';
import { parseFormNumber } from './read-order-form';

/**
 * The order-form readers on the hand-written fixtures (test/pages/), served as the demo exchange
 * serves them (venue-pages.ts) into a happy-dom window at the venue's URL. The fixtures' own
 * inline scripts run, so clicking a tab behaves as in the end-to-end tests.
 */

const MARKS = {
  'BTC/USDT:USDT': '71441.7',
  'BTC/USD:BTC': '71441.7',
  'XYZ-NVDA/USDC:USDC': '181.25',
  'BTC/USDC:USDC': '71441.7',
};

const windows: Window[] = [];
afterEach(async () => {
  await Promise.all(windows.splice(0).map((window) => window.happyDOM.close()));
});

function openPage(site: VenueSite, url: string, scripts = true): Document {
  const html = venuePage(site, url, MARKS);
  if (html === null) throw new Error(`no demo page for ${url}`);
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: scripts,
      suppressInsecureJavaScriptEnvironmentWarning: true,
    },
  });
  windows.push(window);
  window.document.write(html);
  return window.document as unknown as Document;
}

function formOf(descriptor: PageDescriptor, document: Document): Element {
  const form = descriptor.findOrderForm(document);
  if (form === null) throw new Error('no order form found');
  return form;
}

function element(document: Document, selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}

/** Types into an input as a trader would (the value property, then an input event). */
function type(document: Document, selector: string, text: string): void {
  const input = element(document, selector) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('input'));
}

function clickTab(document: Document, text: string): void {
  const tab = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (tab === undefined) throw new Error(`no tab "${text}"`);
  tab.click();
}

const read = <T>(value: T) => ({ read: true as const, value });

describe('Binance USDⓈ-M (one-way mode, English)', () => {
  const url = 'https://www.binance.com/en/futures/BTCUSDT';

  it('reads every field of the form as served', () => {
    const document = openPage('binance', url);
    type(document, '#unitAmount-618', '0.5');
    expect(BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document))).toEqual({
      side: read(null),
      type: read('limit'),
      size: read({ value: 0.5, unit: 'base' }),
      price: read(71441.7),
      leverage: read(20),
      marginMode: read('cross'),
      reduceOnly: read(false),
      contractSize: { read: false, reason: 'the form does not state a contract size' },
    } satisfies OrderFormReading);
  });

  it('reads what the trader types, thousands separators included', () => {
    const document = openPage('binance', url);
    type(document, '#limitPrice-618', '70,123.5');
    type(document, '#unitAmount-618', '1,250');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.price).toEqual(read(70123.5));
    expect(reading.size).toEqual(read({ value: 1250, unit: 'base' }));
  });

  it('reads no price for a market order, and the stop price for a stop order', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    clickTab(document, 'Market');
    expect(element(document, '#price-row').hidden).toBe(true);
    expect(BINANCE_PAGE.readOrderForm(form).type).toEqual(read('market'));
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual({ read: false, reason: 'market order' });
    clickTab(document, 'Stop Limit');
    type(document, '#stopPrice-618', '69000');
    expect(BINANCE_PAGE.readOrderForm(form).type).toEqual(read('stop'));
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual(read(69000));
  });

  it('reads the Reduce-Only checkbox', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    element(document, 'input[type="checkbox"]').click();
    expect(BINANCE_PAGE.readOrderForm(form).reduceOnly).toEqual(read(true));
  });

  it('does not read a bare USDT unit: Binance shows it for both the order value and the initial margin', () => {
    const document = openPage('binance', url);
    element(document, '.unit-switch').textContent = 'USDT';
    type(document, '#unitAmount-618', '500');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.size).toEqual({
      read: false,
      reason:
        "the size is in the quote currency, and the form does not say whether as the order's value or its margin",
    });
  });

  it.each([
    ['Cost', 'margin'],
    ['Initial Margin', 'margin'],
    ['Cost (USDT)', 'margin'],
    ['USDT Cost', 'margin'],
    ['Total', 'quote'],
    ['Order Value', 'quote'],
    ['Value (USDT)', 'quote'],
  ] as const)('reads the unit "%s" as %s', (unit, expected) => {
    const document = openPage('binance', url);
    element(document, '.unit-switch').textContent = unit;
    type(document, '#unitAmount-618', '500');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.size).toEqual(read({ value: 500, unit: expected }));
  });

  it('reads a word in the size label beside a bare USDT unit', () => {
    const document = openPage('binance', url);
    element(document, 'label[for="unitAmount-618"]').textContent = 'Size (Cost)';
    element(document, '.unit-switch').textContent = 'USDT';
    type(document, '#unitAmount-618', '25');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.size).toEqual(read({ value: 25, unit: 'margin' }));
  });

  it('refuses a unit naming two currencies, or a margin in the base asset', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    type(document, '#unitAmount-618', '1');
    for (const unit of ['BTC USDT', 'Cost (BTC)', 'Lots']) {
      element(document, '.unit-switch').textContent = unit;
      expect(BINANCE_PAGE.readOrderForm(form).size).toEqual({
        read: false,
        reason: 'the size unit shown is neither contracts, the base asset nor the quote currency',
      });
    }
  });

  it('refuses a tab whose text and data-tab-key disagree', () => {
    const document = openPage('binance', url);
    element(document, '[data-tab-key="LIMIT"]').setAttribute('data-tab-key', 'MARKET');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.type.read).toBe(false);
  });

  it('reads the type from data-tab-key when the text is in another language', () => {
    const document = openPage('binance', url);
    for (const [key, text] of [
      ['LIMIT', 'Limite'],
      ['MARKET', 'Marché'],
      ['STOP', 'Stop-limite'],
    ])
      element(document, `[data-tab-key="${key}"]`).textContent = text ?? '';
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.type).toEqual(read('limit'));
  });
});

describe('Binance USDⓈ-M (hedge mode, Chinese)', () => {
  const url = 'https://www.binance.com/zh-CN/futures/BTCUSDT';

  it('reads the Chinese labels', () => {
    const document = openPage('binance', url);
    expect(document.documentElement.lang).toBe('zh-CN');
    type(document, '#unitAmount-42', '0.25');
    expect(BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document))).toEqual({
      side: read(null),
      type: read('limit'),
      size: read({ value: 0.25, unit: 'base' }),
      price: read(71441.7),
      leverage: read(20),
      marginMode: read('cross'),
      reduceOnly: read(false),
      contractSize: { read: false, reason: 'the form does not state a contract size' },
    } satisfies OrderFormReading);
  });

  it('reads 平仓 as reduce-only, both close buttons as no side, and 条件委托 as a stop', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    clickTab(document, '平仓');
    expect(element(document, '#long-button').textContent).toBe('平多');
    const closing = BINANCE_PAGE.readOrderForm(form);
    expect(closing.reduceOnly).toEqual(read(true));
    expect(closing.side).toEqual(read(null));
    clickTab(document, '条件委托');
    type(document, '#stopPrice-42', '68,000');
    expect(BINANCE_PAGE.readOrderForm(form).type).toEqual(read('stop'));
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual(read(68000));
    clickTab(document, '市价');
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual({ read: false, reason: 'market order' });
  });

  it.each([
    ['成本', 'margin'],
    ['初始保证金', 'margin'],
    ['金额', 'quote'],
  ] as const)('reads the unit %s as %s', (unit, expected) => {
    const document = openPage('binance', url);
    element(document, '.unit-switch').textContent = unit;
    type(document, '#unitAmount-42', '300');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.size).toEqual(read({ value: 300, unit: expected }));
  });

  it('reads the side when only one close button can be pressed', () => {
    const document = openPage('binance', url);
    clickTab(document, '平仓');
    element(document, '#short-button').setAttribute('disabled', '');
    // 平多 (close long) is the only live button: a sell.
    expect(BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document)).side).toEqual(read('sell'));
  });
});

describe('Bybit linear', () => {
  const url = 'https://www.bybit.com/trade/usdt/BTCUSDT';

  it('reads every field of the form as served', () => {
    const document = openPage('bybit', url);
    type(document, '.by-input:has(.oc__unit) input', '0.01');
    expect(BYBIT_PAGE.readOrderForm(formOf(BYBIT_PAGE, document))).toEqual({
      side: read(null),
      type: read('limit'),
      size: read({ value: 0.01, unit: 'base' }),
      price: read(71441.7),
      leverage: read(20),
      marginMode: read('isolated'),
      reduceOnly: read(false),
      contractSize: { read: false, reason: 'the form does not state a contract size' },
    } satisfies OrderFormReading);
  });

  it('reads the Reduce-Only checkbox and a Conditional order’s trigger price', () => {
    const document = openPage('bybit', url);
    const form = formOf(BYBIT_PAGE, document);
    element(document, '#reduce-only input').click();
    expect(element(document, '#reduce-only').classList.contains('by-checkbox--checked')).toBe(true);
    expect(BYBIT_PAGE.readOrderForm(form).reduceOnly).toEqual(read(true));
    clickTab(document, 'Conditional');
    type(document, '#trigger-row input', '72,000');
    expect(BYBIT_PAGE.readOrderForm(form).price).toEqual(read(72000));
  });

  it('reads "Order by Cost" as margin, and not a bare USDT (Bybit sizes by cost in USDT too)', () => {
    const document = openPage('bybit', url);
    const form = formOf(BYBIT_PAGE, document);
    type(document, '.by-input:has(.oc__unit) input', '250');
    element(document, '.oc__unit').textContent = 'USDT';
    expect(BYBIT_PAGE.readOrderForm(form).size.read).toBe(false);
    element(document, '.oc__unit').textContent = 'Cost';
    expect(BYBIT_PAGE.readOrderForm(form).size).toEqual(read({ value: 250, unit: 'margin' }));
  });

  it('reads the side from the long/short checkboxes (by-checkbox--long / --short)', () => {
    const document = openPage('bybit', url);
    const form = formOf(BYBIT_PAGE, document);
    form.insertAdjacentHTML(
      'afterbegin',
      '<div><label class="by-checkbox by-checkbox--long">Long</label>' +
        '<label class="by-checkbox by-checkbox--short by-checkbox--checked">Short</label></div>',
    );
    expect(BYBIT_PAGE.readOrderForm(form).side).toEqual(read('sell'));
  });
});

describe('OKX perpetual swap (hedge mode)', () => {
  const url = 'https://www.okx.com/trade-swap/btc-usdt-swap';

  it('reads every field of the form as served', () => {
    const document = openPage('okx', url);
    type(document, '#price-field', '71,441.7');
    type(document, '#size-field', '3');
    expect(OKX_PAGE.readOrderForm(formOf(OKX_PAGE, document))).toEqual({
      side: read(null),
      type: read('limit'),
      size: read({ value: 3, unit: 'contracts' }),
      price: read(71441.7),
      leverage: read(5),
      marginMode: read('isolated'),
      reduceOnly: read(false),
      contractSize: read(0.01),
    } satisfies OrderFormReading);
  });

  it('reads the Close tab as reduce-only and TP/SL as a stop order', () => {
    const document = openPage('okx', url);
    const form = formOf(OKX_PAGE, document);
    clickTab(document, 'Close');
    expect(OKX_PAGE.readOrderForm(form).reduceOnly).toEqual(read(true));
    expect(OKX_PAGE.readOrderForm(form).side).toEqual(read(null));
    clickTab(document, 'TP/SL');
    expect(OKX_PAGE.readOrderForm(form).type).toEqual(read('stop'));
  });

  it('refuses to choose between two different leverages', () => {
    const document = openPage('okx', url);
    element(document, '.color-down').textContent = '10x';
    expect(OKX_PAGE.readOrderForm(formOf(OKX_PAGE, document)).leverage).toEqual({
      read: false,
      reason: 'the form shows more than one leverage',
    });
  });

  it('reads a size in the base asset after the unit switch', () => {
    const document = openPage('okx', url);
    element(document, '.size-input .okui-form-item-label button').textContent = 'Amount (BTC)';
    type(document, '#size-field', '0.03');
    expect(OKX_PAGE.readOrderForm(formOf(OKX_PAGE, document)).size).toEqual(
      read({ value: 0.03, unit: 'base' }),
    );
  });

  it('refuses a contract value stated in another asset', () => {
    const document = openPage('okx', 'https://www.okx.com/trade-swap/btc-usdt-swap');
    element(document, '#size-field').setAttribute('placeholder', 'Single contract value 0.1 ETH');
    expect(OKX_PAGE.readOrderForm(formOf(OKX_PAGE, document)).contractSize).toEqual({
      read: false,
      reason: 'the contract value is not stated in the base asset',
    });
  });
});

describe('Deribit futures', () => {
  const url = 'https://www.deribit.com/futures/BTC-PERPETUAL';

  it('reads every field of the form as served', () => {
    const document = openPage('deribit', url);
    type(document, '.row:has(button[aria-haspopup]) input', '10,000');
    expect(DERIBIT_PAGE.readOrderForm(formOf(DERIBIT_PAGE, document))).toEqual({
      side: read('buy'),
      type: read('limit'),
      size: read({ value: 10000, unit: 'quote' }),
      price: read(71441.7),
      leverage: { read: false, reason: 'no leverage button in the form' },
      marginMode: { read: false, reason: 'no margin-mode button in the form' },
      reduceOnly: read(false),
      contractSize: { read: false, reason: 'the form does not state a contract size' },
    } satisfies OrderFormReading);
  });

  it('reads the Sell toggle, Reduce, and a stop market order’s trigger', () => {
    const document = openPage('deribit', url);
    const form = formOf(DERIBIT_PAGE, document);
    element(document, '.side-toggle button:last-child').click();
    element(document, '[role="checkbox"]').click();
    const select = element(document, '#order-type') as HTMLSelectElement;
    select.value = 'stop_market';
    select.dispatchEvent(
      new (document.defaultView as unknown as typeof globalThis).Event('change'),
    );
    type(document, '#trigger-row input', '65000');
    const reading = DERIBIT_PAGE.readOrderForm(form);
    expect(reading.side).toEqual(read('sell'));
    expect(reading.reduceOnly).toEqual(read(true));
    expect(reading.type).toEqual(read('stop'));
    expect(reading.price).toEqual(read(65000));
  });
});

describe('Hyperliquid perpetual', () => {
  it('reads every field of the form as served', () => {
    const document = openPage('hyperliquid', 'https://app.hyperliquid.xyz/trade/BTC');
    type(document, '#order-size', '0.002');
    expect(HYPERLIQUID_PAGE.readOrderForm(formOf(HYPERLIQUID_PAGE, document))).toEqual({
      side: read('buy'),
      type: read('limit'),
      size: read({ value: 0.002, unit: 'base' }),
      price: read(71441.7),
      leverage: read(20),
      marginMode: read('cross'),
      reduceOnly: read(false),
      contractSize: { read: false, reason: 'the form does not state a contract size' },
    } satisfies OrderFormReading);
  });

  it('reads a HIP-3 market’s size in its coin, the Sell tab and Reduce Only', () => {
    const document = openPage('hyperliquid', 'https://app.hyperliquid.xyz/trade/xyz%3ANVDA');
    const form = formOf(HYPERLIQUID_PAGE, document);
    type(document, '#order-size', '4');
    clickTab(document, 'Sell / Short');
    element(document, '#reduce-only').click();
    const reading = HYPERLIQUID_PAGE.readOrderForm(form);
    expect(reading.size).toEqual(read({ value: 4, unit: 'base' }));
    expect(reading.side).toEqual(read('sell'));
    expect(reading.reduceOnly).toEqual(read(true));
    expect(reading.price).toEqual(read(181.25));
  });

  it('says which order type it cannot read (Pro)', () => {
    const document = openPage('hyperliquid', 'https://app.hyperliquid.xyz/trade/BTC');
    clickTab(document, 'Pro');
    expect(HYPERLIQUID_PAGE.readOrderForm(formOf(HYPERLIQUID_PAGE, document)).type).toEqual({
      read: false,
      reason: 'the selected order type is not Limit, Market or a stop order',
    });
  });
});

describe('fields that cannot be read say which and why', () => {
  const url = 'https://www.binance.com/en/futures/BTCUSDT';

  it('names a missing field', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    element(document, '#unitAmount-618').closest('.field')?.remove();
    element(document, '.margin-mode-row').remove();
    const reading = BINANCE_PAGE.readOrderForm(form);
    expect(reading.size).toEqual({ read: false, reason: 'no size field in the form' });
    expect(reading.leverage).toEqual({ read: false, reason: 'no leverage button in the form' });
    expect(reading.marginMode).toEqual({
      read: false,
      reason: 'no margin-mode button in the form',
    });
    expect(reading.price).toEqual(read(71441.7));
  });

  it.each([
    ['', 'empty'],
    ['0', 'empty'],
    ['1e400', 'not a plain decimal number'],
    ['abc', 'not a plain decimal number'],
    ['-5', 'negative'],
    ['1,2', 'not a plain decimal number'],
    ['9'.repeat(41), 'too long to be a number'],
    ['NaN', 'not a plain decimal number'],
    ['Infinity', 'not a plain decimal number'],
  ])('refuses the size "%s": %s', (text, reason) => {
    const document = openPage('binance', url);
    type(document, '#unitAmount-618', text);
    expect(BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document)).size).toEqual({
      read: false,
      reason,
    });
  });

  it('refuses a zero price, and a percentage size', () => {
    const document = openPage('binance', url);
    type(document, '#limitPrice-618', '0');
    element(document, '.unit-switch').textContent = '%';
    type(document, '#unitAmount-618', '25');
    const reading = BINANCE_PAGE.readOrderForm(formOf(BINANCE_PAGE, document));
    expect(reading.price).toEqual({ read: false, reason: 'zero' });
    expect(reading.size).toEqual({
      read: false,
      reason: 'the size is a percentage of the available balance',
    });
  });

  it('ignores a hidden duplicate field, and refuses two visible ones', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    form.insertAdjacentHTML(
      'beforeend',
      '<div hidden><label for="limitPrice-9">Price</label><input id="limitPrice-9" value="1"></div>',
    );
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual(read(71441.7));
    form.insertAdjacentHTML(
      'beforeend',
      '<div><label for="other-price">Price</label><input id="other-price" value="2"></div>',
    );
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual(read(71441.7));
    element(document, '#limitPrice-618').id = 'price-618';
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual({
      read: false,
      reason: 'more than one price field in the form',
    });
  });

  it('ignores what the page’s stylesheets hide: an inactive panel’s fields, tabs and buttons', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    document.head.insertAdjacentHTML(
      'beforeend',
      '<style>.panel--inactive { display: none } .ghost { visibility: hidden }</style>',
    );
    form.insertAdjacentHTML(
      'beforeend',
      '<div class="panel--inactive">' +
        '<div role="tablist"><div role="tab" aria-selected="true">Market</div><div role="tab">Limit</div></div>' +
        '<div class="field"><label for="limitPrice-7">Price</label><input id="limitPrice-7" value="1"></div>' +
        '<div class="field"><label for="unitAmount-7">Size</label><input id="unitAmount-7" value="3">' +
        '<button type="button">USDT</button></div></div>' +
        '<div class="ghost"><button type="button">Isolated</button><button type="button">50x</button></div>',
    );
    type(document, '#unitAmount-618', '0.5');
    const reading = BINANCE_PAGE.readOrderForm(form);
    expect(reading.type).toEqual(read('limit'));
    expect(reading.price).toEqual(read(71441.7));
    expect(reading.size).toEqual(read({ value: 0.5, unit: 'base' }));
    expect(reading.leverage).toEqual(read(20));
    expect(reading.marginMode).toEqual(read('cross'));
  });

  it('keeps a display: contents wrapper and a styled checkbox whose native input is hidden', () => {
    const document = openPage('binance', url);
    document.head.insertAdjacentHTML(
      'beforeend',
      '<style>#order-type-tabs { display: contents } .bn-checkbox input { display: none }</style>',
    );
    const form = formOf(BINANCE_PAGE, document);
    element(document, '.bn-checkbox input').click();
    const reading = BINANCE_PAGE.readOrderForm(form);
    expect(reading.type).toEqual(read('limit'));
    expect(reading.reduceOnly).toEqual(read(true));
  });

  it('falls back to layout boxes where checkVisibility() is missing', () => {
    const document = openPage('binance', url);
    const form = formOf(BINANCE_PAGE, document);
    form.insertAdjacentHTML(
      'beforeend',
      '<div id="unrendered"><label for="limitPrice-8">Price</label><input id="limitPrice-8" value="1"></div>',
    );
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual({
      read: false,
      reason: 'more than one price field in the form',
    });
    // An older browser: no checkVisibility(); the panel has no layout box.
    for (const node of Array.from(document.querySelectorAll('*'))) {
      Object.defineProperty(node, 'checkVisibility', { value: undefined });
      if (node.closest('#unrendered'))
        Object.defineProperty(node, 'getClientRects', { value: () => [] });
    }
    expect(BINANCE_PAGE.readOrderForm(form).price).toEqual(read(71441.7));
  });

  it('finds no form on a page without order-type tabs', () => {
    const document = openPage('binance', url);
    element(document, '#order-type-tabs').remove();
    expect(BINANCE_PAGE.findOrderForm(document)).toBeNull();
  });
});

describe('parseFormNumber', () => {
  it.each([
    ['71,441.7', 71441.7],
    ['1,000,000', 1000000],
    [' 0.5 ', 0.5],
    ['.25', 0.25],
    ['007', 7],
  ])('reads "%s" as %d', (text, value) => {
    expect(parseFormNumber(text)).toEqual(read(value));
  });

  it('never answers NaN or an infinity', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseFormNumber(text);
        return !parsed.read || (Number.isFinite(parsed.value) && parsed.value >= 0);
      }),
    );
  });
});

describe('readOrderForm on hostile markup (property)', () => {
  const WORDS = [
    'Limit',
    'Market',
    'Stop',
    'TP/SL',
    '限价',
    '市价',
    '条件委托',
    'Buy/Long',
    'Sell/Short',
    '平仓',
    'Close',
    'Cross',
    'Isolated',
    '20x',
    '5x5x',
    '0x',
    '999x',
    'Reduce-Only',
    'Price (USDT)',
    'Size',
    'Amount (Contracts)',
    'BTC',
    '%',
    '1e400',
    '71,441.7',
    '-5',
    'contract value 0.01 BTC',
  ];
  const ATTRIBUTES = [
    'role',
    'aria-selected',
    'aria-checked',
    'aria-pressed',
    'aria-label',
    'aria-labelledby',
    'id',
    'for',
    'class',
    'placeholder',
    'value',
    'type',
    'hidden',
    'disabled',
    'data-tab-key',
    'style',
  ];
  const VALUES = [
    'tab',
    'tablist',
    'checkbox',
    'true',
    'false',
    'text',
    'radio',
    'Limit',
    'Price',
    'Size',
    'by-checkbox--long by-checkbox--checked',
    'display:none',
    'limitPrice-1',
    'MARKET',
    '"><',
  ];
  const TAGS = ['div', 'span', 'input', 'button', 'label', 'select', 'option', 'form', 'section'];

  const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })),
      fc
        .tuple(
          fc.constantFrom(...TAGS),
          fc.array(
            fc.tuple(
              fc.constantFrom(...ATTRIBUTES),
              fc.oneof(fc.constantFrom(...VALUES, ...WORDS), fc.string({ maxLength: 8 })),
            ),
            { maxLength: 4 },
          ),
          fc.array(tie('node'), { maxLength: 3 }),
        )
        .map(([tag, attributes, children]) => {
          const attributeText = attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
          return `<${tag}${attributeText}>${children.join('')}</${tag}>`;
        }),
    ),
  })).node;

  it.each([
    ['binance', 'https://www.binance.com/en/futures/BTCUSDT', BINANCE_PAGE],
    ['okx', 'https://www.okx.com/trade-swap/btc-usdt-swap', OKX_PAGE],
    ['deribit', 'https://www.deribit.com/futures/BTC-PERPETUAL', DERIBIT_PAGE],
  ] as const)(
    'never throws around the %s fixture, and every refusal has a reason',
    (site, url, descriptor) => {
      fc.assert(
        fc.property(fc.array(node, { maxLength: 4 }), fc.nat(), (markup, pick) => {
          const document = openPage(site, url, false);
          const form = descriptor.findOrderForm(document) ?? document.body;
          for (const [index, piece] of markup.entries())
            (index % 2 === 0 ? form : document.body).insertAdjacentHTML(
              index % 3 === 0 ? 'afterbegin' : 'beforeend',
              piece,
            );
          const elements = Array.from(document.querySelectorAll('*'));
          const targets = [
            descriptor.findOrderForm(document) ?? form,
            elements[pick % elements.length] ?? form,
          ];
          for (const target of targets) {
            const reading = descriptor.readOrderForm(target);
            for (const field of Object.values(
              reading,
            ) as OrderFormReading[keyof OrderFormReading][]) {
              if (field.read) {
                if (typeof field.value === 'number')
                  expect(Number.isFinite(field.value)).toBe(true);
              } else {
                expect(field.reason).not.toBe('');
              }
            }
          }
        }),
        { numRuns: 60 },
      );
    },
    // happy-dom answers checkVisibility() by computing styles up the tree: a few seconds here.
    20_000,
  );
});
