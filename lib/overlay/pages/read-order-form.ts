import {
  SizeUnit,
  type FormField,
  type OrderFormReading,
  type PageInstrument,
} from '../page-descriptor';

/**
 * Reads a venue's order form by its structure and its words, the way a screen reader would,
 * never by hashed class names, React ids (`_r_g1_`) or positions. The evidence behind each rule
 * is cited in the site files (`<site>-page.ts`); the approach is the one the userscripts that
 * work on these pages converge on (jackhai9/userscripts `dom/trade-form.js`, 2026-07: a form
 * found from its live tabs and labelled inputs; avcdefzh/okx-hotkey `dom-dumps/`, 2026-04-08:
 * OKX's form, ARIA tabs and `label[for]` names).
 *
 * 1. The form: a group of `role=tab` elements (or a `<select>`) whose texts name at least two
 *    order types (Limit, Market, Stop, TP/SL, Conditional, Trigger; 限价, 市价, 止盈止损, 条件),
 *    then its nearest ancestor that holds a text input.
 * 2. Each input by its accessible names, in this order: `label[for]`, a wrapping `<label>`,
 *    `aria-label`, `aria-labelledby`, `placeholder`, then the text just before it in its own
 *    field (never a neighbouring field's). An input is a price or a size when any name says so.
 * 3. Venue hooks (`OrderFormHints`) only break ties between inputs whose names already agree.
 *
 * Page text is data: it is read with `textContent` and matched against fixed dictionaries,
 * never evaluated, and never echoed into a reason. Every field is read on its own, inside a
 * guard, so odd markup costs that field ("could not be read") and never throws. Hidden elements
 * are skipped: the `hidden` attribute, `aria-hidden` and inline styles, and whatever the page's
 * stylesheets do not render (`isHidden`), since venues keep inactive panels in the DOM.
 *
 * Units: prices in the quote currency as the form shows them; sizes in the unit the form shows
 * (`SizeUnit`); leverage as a multiple (20 for "20x"); contract size in base units per contract.
 * A size unit that is only the quote currency ("USDT") is the order's value on some venues and
 * its margin on others: it is read as `quote` only where the site's hints say so.
 */

/**
 * Venue hooks: selectors and attributes seen on a venue's pages, used only as tie-breakers; and
 * what the venue's size unit means where the words on the page do not say.
 */
export interface OrderFormHints {
  /** The price input, or an element around it (OKX `.price-input`, Binance `[id^=limitPrice-]`). */
  readonly priceInput?: string;
  /** The size input, or an element around it (OKX `.size-input`, Binance `[id^=unitAmount-]`). */
  readonly sizeInput?: string;
  /** An attribute on order-type tabs that names the type (Binance `data-tab-key="LIMIT"`). */
  readonly orderTypeKey?: string;
  /**
   * What a size unit that is just the quote currency ("USD") means: 'notional' where the venue
   * defines it as the order's value (Deribit's USD amount). Absent: the venue also takes a
   * margin in the quote currency under the same label, or nothing says which, so a bare quote
   * currency is not read (a word beside it, "Cost" or "Order Value", still is).
   */
  readonly quoteCurrencySize?: 'notional';
}

type OrderType = 'market' | 'limit' | 'stop';
type Side = 'buy' | 'sell';

/**
 * The order form of a trading page: the nearest ancestor holding a text input of the visible
 * order-type control with the most order-type options (first in document order on a tie); null
 * when the page shows none. Never throws.
 */
export function findOrderForm(document: Document, hints: OrderFormHints = {}): Element | null {
  return inOneReading(() => {
    try {
      let best: { form: Element; score: number } | undefined;
      for (const control of orderTypeControls(document, hints)) {
        const form = nearestAncestorWithInput(control.element);
        const score = control.options.filter((option) => optionType(option, hints)).length;
        if (form && (best === undefined || score > best.score)) best = { form, score };
      }
      return best?.form ?? null;
    } catch {
      return null;
    }
  });
}

/**
 * What the form says now; `instrument` is the page's (from its URL), used to tell a size in the
 * base asset from one in the quote currency. Never throws: a field that cannot be read says why.
 */
export function readOrderForm(
  form: Element,
  hints: OrderFormHints,
  instrument: PageInstrument | null,
): OrderFormReading {
  return inOneReading(() => {
    const type = guarded(() => readOrderType(form, hints));
    return {
      side: guarded(() => readSide(form)),
      type,
      size: guarded(() => readSize(form, hints, instrument)),
      price: guarded(() => readPrice(form, hints, type)),
      leverage: guarded(() => readLeverage(form)),
      marginMode: guarded(() => readMarginMode(form)),
      reduceOnly: guarded(() => readReduceOnly(form)),
      contractSize: guarded(() => readContractSize(form, hints, instrument)),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Dictionaries (English and Chinese). Stop-like words are tried first: "Stop Limit" and
// 限价止盈止损 are stop orders.

const ORDER_TYPE_WORDS: readonly (readonly [OrderType, RegExp])[] = [
  [
    'stop',
    /\b(?:stop|tp\s*\/\s*sl|take\s*profit|conditional|trigger|trailing)\b|止盈|止损|条件|计划|触发|跟踪/i,
  ],
  ['market', /\bmarket\b|市价/i],
  ['limit', /\blimit\b|限价/i],
];

// "Close Long" sells and "Close Short" buys, so closing words are tried before the plain ones.
const CLOSE_LONG = /\bclose\s*long\b|平多/i;
const CLOSE_SHORT = /\bclose\s*short\b|平空/i;
const BUY_WORDS = /\b(?:buy|long)\b|买入|做多|开多/i;
const SELL_WORDS = /\b(?:sell|short)\b|卖出|做空|开空/i;

const OPEN_TAB = /^(?:open|开仓|开)$/i;
const CLOSE_TAB = /^(?:close|平仓|平)$/i;
const REDUCE_WORDS = /\breduce(?:[\s-]*only)?\b|只减仓|仅减仓/i;

const PRICE_WORDS = /\bprice\b|价格|委托价/i;
const TRIGGER_WORDS = /\btrigger\b|\bstop\s*price\b|触发/i;
const SIZE_WORDS = /\b(?:size|qty|quantity|amount|contracts?)\b|数量|张数/i;

const MODE_WORDS: readonly (readonly ['cross' | 'isolated', RegExp])[] = [
  ['cross', /^(?:cross|全仓)(?:\s*margin)?$/i],
  ['isolated', /^(?:isolated|逐仓)(?:\s*margin)?$/i],
];
// "20x", "10.00x", "5x5x" (OKX shows the long and the short leverage side by side).
const LEVERAGE_TEXT = /^(?:\s*\d{1,3}(?:\.\d+)?\s?[x×])+\s*$/i;
const LEVERAGE_VALUE = /(\d{1,3}(?:\.\d+)?)\s?[x×]/gi;
const MODE_PREFIX = /^(cross|isolated|全仓|逐仓)(?:\s*margin)?\s*/i;
const MAX_LEVERAGE = 1000;

const CONTRACT_VALUE = [
  /contract\s*(?:value|size)\s*:?\s*([\d.,]+)\s*([A-Za-z]*)/i,
  /面值\s*:?\s*([\d.,]+)\s*([A-Za-z]*)/,
];

const CONTRACT_UNIT = /^(?:contracts?|conts?\.?|张)$/i;
// An order's initial margin: Bybit's "Order by Cost" (initial margin plus both taker fees,
// help.bybit.com/hc/en-us/articles/900000169703, 2022-07-25), Binance's "Initial Margin" (FAQ
// 437059503f11472a8c92aa4533f7859c, 2025-05-21) and "Cost" (initial margin plus open loss, FAQ
// 87fa7ee33b574f7084d42bd2ce2e463b).
const MARGIN_UNIT = /^(?:(?:order\s*)?cost|initial\s*margin|成本|初始保证金)$/i;
// An order's notional value: Binance's "Total" and "Order value".
const NOTIONAL_UNIT = /^(?:(?:order\s*)?value|total|notional|金额|总额)$/i;
// Quote currencies of the supported venues' derivatives; never a derivative's base asset here.
const QUOTE_CURRENCIES = ['USD', 'USDT', 'USDC'];

const TEXT_INPUT_TYPES = ['text', 'number', 'tel'];
const MAX_TEXT = 200;
const MAX_LABEL = 60;
const MAX_UNIT = 16;
// How far above an input its own label or unit may sit (OKX: five wrappers, dump 2026-04-08).
const MAX_FIELD_DEPTH = 6;

// ---------------------------------------------------------------------------------------------
// Fields

function readOrderType(form: Element, hints: OrderFormHints): FormField<OrderType> {
  const controls = orderTypeControls(form, hints);
  if (controls.length === 0) return unread('no order-type tabs (Limit, Market, …) in the form');
  const selected = controls.flatMap((control) => control.selected);
  if (selected.length === 0) return unread('no order type is selected');
  const types = new Set(selected.map((option) => optionType(option, hints)));
  if (types.has('conflict')) return unread("the order-type tab's text and its key disagree");
  if (types.size > 1) return unread('more than one order type is selected');
  const [type] = types;
  if (type === undefined || type === 'conflict')
    return unread('the selected order type is not Limit, Market or a stop order');
  return read(type);
}

function readPrice(
  form: Element,
  hints: OrderFormHints,
  type: FormField<OrderType>,
): FormField<number> {
  if (type.read && type.value === 'market') return unread('market order');
  // A stop order's price is its trigger; a stop-limit form also has a limit price.
  const trigger =
    type.read && type.value === 'stop'
      ? findInput(form, TRIGGER_WORDS, undefined, undefined)
      : 'none';
  if (trigger === 'ambiguous') return unread('more than one trigger price field in the form');
  const field =
    trigger === 'none' ? findInput(form, PRICE_WORDS, TRIGGER_WORDS, hints.priceInput) : trigger;
  if (field === 'none') return unread('no price field in the form');
  if (field === 'ambiguous') return unread('more than one price field in the form');
  const number = parseFormNumber(field.value);
  if (!number.read) return number;
  if (number.value === 0) return unread('zero');
  return number;
}

function readSize(
  form: Element,
  hints: OrderFormHints,
  instrument: PageInstrument | null,
): FormField<{ readonly value: number; readonly unit: SizeUnit }> {
  const field = findInput(form, SIZE_WORDS, PRICE_WORDS, hints.sizeInput);
  if (field === 'none') return unread('no size field in the form');
  if (field === 'ambiguous') return unread('more than one size field in the form');
  const number = parseFormNumber(field.value);
  if (!number.read) return number;
  if (number.value === 0) return unread('empty');
  const unit = sizeUnit(field, form, hints, instrument);
  if (!unit.read) return unit;
  return read({ value: number.value, unit: unit.value });
}

function readSide(form: Element): FormField<Side | null> {
  const selected = new Set<Side>();
  for (const toggle of visible(form.querySelectorAll(SIDE_TOGGLES))) {
    const side = bemSide(toggle) ?? sideOfText(textOf(toggle));
    if (side !== undefined && isSelected(toggle)) selected.add(side);
  }
  if (selected.size > 1) return unread('both Buy and Sell are selected');
  const [chosen] = selected;
  if (chosen !== undefined) return read(chosen);

  const buttons = visible(form.querySelectorAll(BUTTONS)).filter(
    (button) => !button.matches(SIDE_TOGGLES),
  );
  const sides = buttons.flatMap((button) => {
    const side = sideOfText(textOf(button));
    return side === undefined ? [] : [{ side, live: !isDisabled(button) }];
  });
  const present = [...new Set(sides.map((entry) => entry.side))];
  if (present.length === 0) return unread('no Buy or Sell button in the form');
  if (present.length === 1) return read(present[0] ?? null);
  // Both are there: one-way mode (the overlay computes both), unless only one can be pressed.
  const live = [...new Set(sides.filter((entry) => entry.live).map((entry) => entry.side))];
  return read(live.length === 1 ? (live[0] ?? null) : null);
}

function readReduceOnly(form: Element): FormField<boolean> {
  const tabs = visible(form.querySelectorAll('[role="tab"]'));
  const selectedTabs = tabs.filter(isSelected).map(textOf);
  if (selectedTabs.some((text) => CLOSE_TAB.test(text))) return read(true);

  const states = new Set<boolean>();
  for (const box of visible(form.querySelectorAll(CHECKBOXES))) {
    if (box.tagName === 'INPUT' && box.closest('[role="checkbox"],[role="switch"]')) continue;
    if (namesOf(box, form).some((name) => REDUCE_WORDS.test(name))) states.add(isChecked(box));
  }
  if (states.size > 1) return unread('two Reduce-Only checkboxes disagree');
  const [state] = states;
  if (state !== undefined) return read(state);

  if (selectedTabs.some((text) => OPEN_TAB.test(text))) return read(false);
  return unread('no Open/Close tab or Reduce-Only checkbox in the form');
}

function readLeverage(form: Element): FormField<number> {
  const values = new Set<number>();
  for (const button of visible(form.querySelectorAll(BUTTONS))) {
    const text = textOf(button).replace(MODE_PREFIX, '');
    if (!LEVERAGE_TEXT.test(text)) continue;
    for (const match of text.matchAll(LEVERAGE_VALUE)) values.add(Number(match[1]));
  }
  if (values.size === 0) return unread('no leverage button in the form');
  if (values.size > 1) return unread('the form shows more than one leverage');
  const [value = 0] = values;
  if (!(value > 0 && value <= MAX_LEVERAGE)) return unread('the leverage shown is not possible');
  return read(value);
}

function readMarginMode(form: Element): FormField<'cross' | 'isolated'> {
  const modes = new Set<'cross' | 'isolated'>();
  for (const button of visible(form.querySelectorAll(BUTTONS))) {
    const text = textOf(button);
    const prefix = MODE_PREFIX.exec(text);
    const word = prefix ? (prefix[1] ?? '') : text;
    const rest = prefix ? text.slice(prefix[0].length) : '';
    if (rest !== '' && !LEVERAGE_TEXT.test(rest)) continue;
    for (const [mode, words] of MODE_WORDS) if (words.test(word)) modes.add(mode);
  }
  if (modes.size === 0) return unread('no margin-mode button in the form');
  if (modes.size > 1) return unread('both Cross and Isolated are shown');
  const [mode] = modes;
  return mode === undefined ? unread('no margin-mode button in the form') : read(mode);
}

function readContractSize(
  form: Element,
  hints: OrderFormHints,
  instrument: PageInstrument | null,
): FormField<number> {
  const size = findInput(form, SIZE_WORDS, PRICE_WORDS, hints.sizeInput);
  const texts = [
    typeof size === 'object' ? (size.getAttribute('placeholder') ?? '') : '',
    (form.textContent ?? '').replace(/\s+/g, ' '),
  ];
  for (const text of texts) {
    for (const pattern of CONTRACT_VALUE) {
      const match = pattern.exec(text);
      if (!match) continue;
      const [, amount = '', asset = ''] = match;
      if (asset !== '' && instrument !== null && !isBaseAsset(asset, instrument))
        return unread('the contract value is not stated in the base asset');
      const number = parseFormNumber(amount.replace(/[.,]$/, ''));
      if (!number.read || number.value === 0) return unread('the contract value is not a number');
      return number;
    }
  }
  return unread('the form does not state a contract size');
}

// ---------------------------------------------------------------------------------------------
// Numbers

/**
 * A number as an order form shows it: plain decimal digits, optionally grouped by commas in
 * threes ("71,441.7"). Refused, with the reason: empty, negative, exponents ("1e400"), other
 * groupings ("1,2", which is a decimal comma in some locales), words, and anything too long or too
 * large to be a finite number. Never NaN.
 */
export function parseFormNumber(text: string): FormField<number> {
  const trimmed = text.trim();
  if (trimmed === '') return unread('empty');
  if (trimmed.length > 40) return unread('too long to be a number');
  if (/^[-−]/.test(trimmed)) return unread('negative');
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/.test(trimmed))
    return unread('not a plain decimal number');
  const value = Number(trimmed.replace(/,/g, ''));
  if (!Number.isFinite(value)) return unread('too large');
  return read(value);
}

// ---------------------------------------------------------------------------------------------
// Order-type controls

interface OrderTypeControl {
  readonly element: Element;
  readonly options: readonly Element[];
  readonly selected: readonly Element[];
}

/** Visible tab groups and `<select>`s under `root` with at least two order-type options. */
function orderTypeControls(root: ParentNode, hints: OrderFormHints): OrderTypeControl[] {
  const groups = new Map<Element, Element[]>();
  for (const tab of Array.from(root.querySelectorAll('[role="tab"]'))) {
    const group = tab.closest('[role="tablist"]') ?? tab.parentElement;
    if (group) groups.set(group, [...(groups.get(group) ?? []), tab]);
  }
  const controls: OrderTypeControl[] = [...groups].map(([element, tabs]) => ({
    element,
    options: tabs,
    selected: tabs.filter(isSelected),
  }));
  for (const select of Array.from(root.querySelectorAll('select'))) {
    const options = Array.from(select.querySelectorAll('option'));
    const selected = options.filter((option) => option.selected);
    controls.push({ element: select, options, selected });
  }
  return controls.filter(
    (control) =>
      !isHidden(control.element) &&
      control.options.filter((option) => optionType(option, hints) !== undefined).length >= 2,
  );
}

/** The order type a tab or option names, by its text and its key; 'conflict' when they differ. */
function optionType(option: Element, hints: OrderFormHints): OrderType | 'conflict' | undefined {
  const byText = orderTypeOfText(textOf(option));
  const keyText =
    (hints.orderTypeKey === undefined ? null : option.getAttribute(hints.orderTypeKey)) ??
    (option.tagName === 'OPTION' ? option.getAttribute('value') : null);
  const byKey =
    keyText === null
      ? undefined
      : orderTypeOfText(keyText.slice(0, MAX_LABEL).replace(/[_-]+/g, ' '));
  if (byText !== undefined && byKey !== undefined && byText !== byKey) return 'conflict';
  return byText ?? byKey;
}

function orderTypeOfText(text: string): OrderType | undefined {
  return ORDER_TYPE_WORDS.find(([, words]) => words.test(text))?.[0];
}

function nearestAncestorWithInput(start: Element): Element | null {
  const body = start.ownerDocument.body;
  for (let node: Element | null = start; node && node !== body; node = node.parentElement) {
    if (node === start.ownerDocument.documentElement) return null;
    if (textInputs(node).length > 0) return node;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Inputs and their names

function textInputs(root: Element): HTMLInputElement[] {
  return visible(root.querySelectorAll('input')).filter((input): input is HTMLInputElement =>
    TEXT_INPUT_TYPES.includes((input as HTMLInputElement).type),
  );
}

/**
 * The one visible text input whose names match `words` (and not `exclude`); a hint decides
 * between several. 'none' or 'ambiguous' otherwise.
 */
function findInput(
  form: Element,
  words: RegExp,
  exclude: RegExp | undefined,
  hint: string | undefined,
): HTMLInputElement | 'none' | 'ambiguous' {
  const candidates = textInputs(form).filter((input) =>
    namesOf(input, form).some((name) => words.test(name) && !exclude?.test(name)),
  );
  if (candidates.length === 1) return candidates[0] ?? 'none';
  if (candidates.length === 0) return 'none';
  const hinted = hint === undefined ? [] : candidates.filter((input) => matchesHint(input, hint));
  return hinted.length === 1 ? (hinted[0] ?? 'ambiguous') : 'ambiguous';
}

function matchesHint(input: Element, hint: string): boolean {
  try {
    return input.matches(hint) || input.closest(hint) !== null;
  } catch {
    return false;
  }
}

/** An input's (or checkbox's) accessible names, in the order a screen reader weighs them. */
function namesOf(element: Element, form: Element): string[] {
  const names: string[] = [];
  const id = element.getAttribute('id');
  if (id) {
    for (const label of Array.from(element.ownerDocument.querySelectorAll('label[for]')))
      if (label.getAttribute('for') === id) names.push(textOf(label));
  }
  const wrapping = element.closest('label');
  if (wrapping) names.push(textOf(wrapping));
  names.push(element.getAttribute('aria-label') ?? '');
  for (const labelId of (element.getAttribute('aria-labelledby') ?? '').split(/\s+/)) {
    if (labelId) names.push(textOf(element.ownerDocument.getElementById(labelId)));
  }
  names.push(element.getAttribute('placeholder') ?? '');
  if (element.tagName !== 'INPUT') names.push(textOf(element));
  names.push(nearbyText(element, form, 'before') ?? '');
  if (!isTextInput(element)) names.push(nearbyText(element, form, 'after') ?? '');
  return names.filter((name) => name !== '').map((name) => name.slice(0, MAX_LABEL));
}

/**
 * The first short text beside `element` in its own field: the siblings before (or after) it,
 * then its wrapper's, climbing while the wrapper holds no other text input. Stops at a sibling
 * that holds an input: that text belongs to another field.
 */
function nearbyText(
  element: Element,
  form: Element,
  direction: 'before' | 'after',
  maxLength = MAX_LABEL,
): string | undefined {
  let node: Element = element;
  for (let depth = 0; depth < MAX_FIELD_DEPTH && node !== form; depth += 1) {
    let sibling = direction === 'before' ? node.previousElementSibling : node.nextElementSibling;
    for (let step = 0; sibling && step < 3; step += 1) {
      if (sibling.querySelector('input') || sibling.tagName === 'INPUT') {
        if (isTextInput(sibling) || textInputs(sibling).length > 0) return undefined;
      }
      const text = isHidden(sibling) ? '' : textOf(sibling);
      if (text !== '' && text.length <= maxLength) return text;
      sibling =
        direction === 'before' ? sibling.previousElementSibling : sibling.nextElementSibling;
    }
    const parent: Element | null = node.parentElement;
    if (!parent || textInputs(parent).filter((input) => input !== element).length > 0) break;
    node = parent;
  }
  return undefined;
}

function isTextInput(element: Element): boolean {
  return (
    element.tagName === 'INPUT' &&
    TEXT_INPUT_TYPES.includes((element as HTMLInputElement).type) &&
    !isHidden(element)
  );
}

// ---------------------------------------------------------------------------------------------
// Units

function sizeUnit(
  input: HTMLInputElement,
  form: Element,
  hints: OrderFormHints,
  instrument: PageInstrument | null,
): FormField<SizeUnit> {
  const candidates = [
    ...namesOf(input, form).flatMap((name) => {
      const match = /[(（]([^()（）]{1,16})[)）]/.exec(name);
      return match?.[1] ? [match[1].trim()] : [];
    }),
    nearbyText(input, form, 'after', MAX_UNIT) ?? '',
  ].filter((text) => text !== '');
  if (candidates.length === 0) return unread('no size unit is shown');
  let quoteCurrency = false;
  for (const text of candidates) {
    if (text === '%') return unread('the size is a percentage of the available balance');
    const unit = unitOf(text, instrument);
    // A bare quote currency decides nothing yet: another name may say "Cost" or "Value".
    if (unit === 'quote currency') quoteCurrency = true;
    else if (unit !== undefined) return read(unit);
  }
  if (quoteCurrency)
    return hints.quoteCurrencySize === 'notional'
      ? read(SizeUnit.quote)
      : unread(
          "the size is in the quote currency, and the form does not say whether as the order's value or its margin",
        );
  return unread('the size unit shown is neither contracts, the base asset nor the quote currency');
}

/**
 * The unit one short text names: contracts; the base asset; a margin or value word, alone or
 * with the quote currency ("Cost", "Order Value (USDT)"); or only the quote currency.
 */
function unitOf(
  text: string,
  instrument: PageInstrument | null,
): SizeUnit | 'quote currency' | undefined {
  if (CONTRACT_UNIT.test(text)) return SizeUnit.contracts;
  const words = text.split(/[\s()（）]+/).filter((word) => word !== '');
  const base = words.filter((word) => instrument !== null && isBaseAsset(word, instrument));
  const quote = words.filter((word) => !base.includes(word) && isQuoteCurrency(word, instrument));
  const rest = words.filter((word) => !base.includes(word) && !quote.includes(word)).join(' ');
  if (rest === '') {
    if (words.length !== 1) return undefined;
    return base.length === 1 ? SizeUnit.base : 'quote currency';
  }
  if (base.length > 0) return undefined;
  if (MARGIN_UNIT.test(rest)) return SizeUnit.margin;
  if (NOTIONAL_UNIT.test(rest)) return SizeUnit.quote;
  return undefined;
}

function isQuoteCurrency(word: string, instrument: PageInstrument | null): boolean {
  const asset = word.toUpperCase();
  return (
    QUOTE_CURRENCIES.includes(asset) ||
    (instrument !== null && quoteAssetsOf(instrument).includes(asset))
  );
}

/** BTC for BTC; NVDA, XYZ:NVDA or XYZ-NVDA for the HIP-3 underlying XYZ-NVDA. */
function isBaseAsset(asset: string, instrument: PageInstrument): boolean {
  const upper = asset.toUpperCase();
  const underlying = instrument.underlying.toUpperCase();
  return (
    upper === underlying ||
    upper.replace(':', '-') === underlying ||
    upper === underlying.split('-').pop()
  );
}

function quoteAssetsOf(instrument: PageInstrument): string[] {
  const match = /^[^/]+\/([^:]+)(?::([^-]+))?/.exec(instrument.symbol ?? '');
  return match ? [match[1] ?? '', match[2] ?? ''].filter((asset) => asset !== '') : [];
}

// ---------------------------------------------------------------------------------------------
// Element state

const BUTTONS = 'button, [role="button"], input[type="submit"], input[type="button"]';
const SIDE_TOGGLES =
  '[role="tab"], [role="radio"], [aria-pressed], input[type="radio"], [class*="--long"], [class*="--short"]';
const CHECKBOXES = 'input[type="checkbox"], [role="checkbox"], [role="switch"]';

function isSelected(element: Element): boolean {
  if (
    ['aria-selected', 'aria-checked', 'aria-pressed'].some(
      (attribute) => element.getAttribute(attribute) === 'true',
    )
  )
    return true;
  if (element.tagName === 'INPUT' && (element as HTMLInputElement).checked) return true;
  return classTokens(element).some((token) => token.endsWith('--checked'));
}

function isChecked(box: Element): boolean {
  if (box.tagName === 'INPUT') return (box as HTMLInputElement).checked;
  return (
    box.getAttribute('aria-checked') === 'true' ||
    classTokens(box).some((token) => token.endsWith('--checked'))
  );
}

function isDisabled(element: Element): boolean {
  return element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';
}

/** Bybit's side checkboxes: `by-checkbox--long` / `by-checkbox--short` (BEM modifiers). */
function bemSide(element: Element): Side | undefined {
  const tokens = classTokens(element);
  if (tokens.some((token) => token.endsWith('--long'))) return 'buy';
  if (tokens.some((token) => token.endsWith('--short'))) return 'sell';
  return undefined;
}

function sideOfText(text: string): Side | undefined {
  if (CLOSE_LONG.test(text)) return 'sell';
  if (CLOSE_SHORT.test(text)) return 'buy';
  const buy = BUY_WORDS.test(text);
  const sell = SELL_WORDS.test(text);
  if (buy === sell) return undefined;
  return buy ? 'buy' : 'sell';
}

function classTokens(element: Element): string[] {
  return (element.getAttribute('class') ?? '').split(/\s+/).slice(0, 50);
}

/**
 * Hidden: by the `hidden` attribute, `aria-hidden` or an inline `display: none` /
 * `visibility: hidden` up the tree, or not rendered by the page's stylesheets (an inactive
 * panel's duplicate price field). Rendering is asked of the browser: `checkVisibility()`
 * (display, `visibility: hidden` and `content-visibility: hidden` up the tree; Chrome 105,
 * Firefox 106, Safari 17.4), else whether the element has a layout box (`getClientRects()`),
 * which misses `visibility: hidden`. A `display: contents` element has no box of its own and
 * shows what its children show; a styled checkbox or radio often hides its native input and
 * shows its wrapping label instead. happy-dom 21 answers `checkVisibility()` from the
 * stylesheets' computed display and visibility, without layout; its `getClientRects()` always
 * has one (empty) rectangle, so its fallback never hides.
 */
function isHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.getAttribute('style') ?? ''))
      return true;
  }
  const toggle = element.matches('input[type="checkbox"], input[type="radio"]');
  return !isRendered((toggle && element.closest('label')) || element);
}

/**
 * Whether elements are rendered, remembered for one synchronous reading: the page cannot change
 * the DOM while it runs, and the readers ask about the same inputs and their wrappers many times.
 */
let renderedInThisReading: WeakMap<Element, boolean> | undefined;

function inOneReading<T>(readPage: () => T): T {
  const outer = renderedInThisReading;
  renderedInThisReading ??= new WeakMap();
  try {
    return readPage();
  } finally {
    renderedInThisReading = outer;
  }
}

function isRendered(element: Element): boolean {
  const known = renderedInThisReading?.get(element);
  if (known !== undefined) return known;
  const rendered = layoutShows(element);
  renderedInThisReading?.set(element, rendered);
  return rendered;
}

function layoutShows(element: Element): boolean {
  const rendered =
    typeof element.checkVisibility === 'function'
      ? element.checkVisibility({ visibilityProperty: true })
      : element.getClientRects().length > 0;
  if (rendered) return true;
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return style?.display === 'contents' && Array.from(element.children).some(isRendered);
}

function visible<T extends Element>(elements: NodeListOf<T>): T[] {
  return Array.from(elements).filter((element) => !isHidden(element));
}

// ---------------------------------------------------------------------------------------------
// Text and results

function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '')
    .slice(0, MAX_TEXT * 4)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TEXT);
}

function read<T>(value: T): FormField<T> {
  return { read: true, value };
}

function unread(reason: string): { readonly read: false; readonly reason: string } {
  return { read: false, reason };
}

function guarded<T>(readField: () => FormField<T>): FormField<T> {
  try {
    return readField();
  } catch {
    return unread("the form's markup could not be read");
  }
}
