import * as v from 'valibot';
import { RequestType, type GetPageRiskRequest, type GetTradeImpactRequest } from './protocol';

/**
 * The two requests an exchange page's content script may send, validated where they are
 * received: a content script runs beside a hostile page, so every field is bounded, numbers
 * must be finite and in range, and unknown keys are refused. A refusal names the field.
 */

const venue = v.pipe(v.string(), v.regex(/^[a-z]{2,20}$/, 'must be a venue id such as bybit'));

/** ccxt unified symbols: BTC/USDT:USDT, BTC/USD:BTC-261225, ETH/USD:ETH-261225-3000-C, XYZ-NVDA/USDC:USDC. */
const symbol = v.pipe(
  v.string(),
  v.maxLength(60, 'is too long'),
  v.regex(
    /^[A-Z0-9]{1,20}(-[A-Z0-9]{1,20})?\/[A-Z0-9]{1,20}(:[A-Z0-9]{1,20}(-\d{6}(-\d{1,12}(\.\d{1,8})?-[CP])?)?)?$/,
    'must be a ccxt unified symbol such as BTC/USDT:USDT',
  ),
);

const underlying = v.pipe(
  v.string(),
  v.regex(/^[A-Z0-9]{1,20}(-[A-Z0-9]{1,20})?$/, 'must be an asset such as BTC'),
);

/** A positive, finite number below 1e15: no order, price or size on any venue is larger. */
const positive = v.pipe(
  v.number('must be a number'),
  v.finite('must be finite'),
  v.gtValue(0, 'must be positive'),
  v.ltValue(1e15, 'is too large'),
);

const pageRiskSchema = v.strictObject({
  type: v.literal(RequestType.getPageRisk),
  venue,
  symbol: v.nullable(symbol),
  underlying,
});

const tradeImpactSchema = v.strictObject({
  type: v.literal(RequestType.getTradeImpact),
  venue,
  accountId: v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(200, 'is too long')),
  symbol,
  side: v.picklist(['buy', 'sell'], 'must be buy or sell'),
  orderType: v.picklist(['market', 'limit', 'stop'], 'must be market, limit or stop'),
  size: v.strictObject({
    value: positive,
    unit: v.picklist(
      ['contracts', 'base', 'quote', 'margin'],
      'must be contracts, base, quote or margin',
    ),
  }),
  price: v.nullable(positive),
  leverage: v.nullable(v.pipe(positive, v.maxValue(1000, 'is above any venue maximum'))),
  reduceOnly: v.boolean('must be true or false'),
  contractSize: v.nullable(positive),
  withProbability: v.boolean('must be true or false'),
});

export function parsePageRiskRequest(
  record: Readonly<Record<string, unknown>>,
): { request: GetPageRiskRequest } | { error: string } {
  return parsed(v.safeParse(pageRiskSchema, record), RequestType.getPageRisk);
}

export function parseTradeImpactRequest(
  record: Readonly<Record<string, unknown>>,
): { request: GetTradeImpactRequest } | { error: string } {
  const result = parsed(v.safeParse(tradeImpactSchema, record), RequestType.getTradeImpact);
  if ('error' in result) return result;
  if (result.request.orderType !== 'market' && result.request.price === null)
    return { error: `${RequestType.getTradeImpact}: "price" is needed for a limit or stop order` };
  return result;
}

function parsed<T>(
  result: v.SafeParseResult<v.GenericSchema<unknown, T>>,
  type: string,
): { request: T } | { error: string } {
  if (result.success) return { request: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return { error: `${type}: ${path === '' ? '' : `"${path}" `}${issue.message}` };
}
