import Decimal from 'decimal.js';
import { isLiveMarketInput } from '../engine/market/market-snapshot';
import { parseSymbol } from '../engine/product/parse-symbol';
import type { CandidateOrder, ResolvedInputs } from '../engine';
import type { GetTradeImpactRequest } from '../messaging/protocol';
import { instrumentName } from '../format/instrument-name';
import { mayMarkVenueOrder } from '../connections/venue-index-prices';
import { venueName } from '../connections/account-names';
import { VENUE_DESCRIPTORS, type VenueDescriptor } from '../venues/venue-descriptors';

/**
 * An order as a venue's form states it (size in contracts, in the base asset, as a notional in
 * the quote, or as an initial margin in the quote) → the engine's candidate order in contracts,
 * with every assumption it needed said in a plain sentence. Conversions (contract terms as in
 * lib/engine/product/types.ts):
 * - linear (contract = `contractSize` base units): base → q / c; quote notional → q / (price · c);
 *   margin → notional q · leverage first (the order's leverage, else this account's position's;
 *   refused naming `leverage` when neither is known);
 * - inverse (contract = `contractSize` USD): base → q · price / c; quote (USD) → q / c; margin is
 *   refused (an inverse contract's margin is in the base asset).
 * `price` is the order's limit or trigger price, or the mark for a market order.
 *
 * Contract size, in order of trust: a position in this symbol on this venue (the venue's own
 * figure), the size the venue's form states (OKX "Single contract value"), the venue's published
 * USD per inverse contract (its descriptor's `inverseContractUsd`), then the venues whose
 * linear contracts are one base unit by definition (Binance USDⓈ-M quantity, Bybit linear qty,
 * Hyperliquid size are in the coin). The mark: a position in the book, then live market data's
 * index price (not a price read from another venue's page); a limit or stop order without either
 * is priced at its own price, said so.
 */
export type PageOrder =
  | { readonly order: CandidateOrder; readonly assumptions: readonly string[] }
  | { readonly refused: { readonly field: string; readonly message: string } };

/** Venues whose linear contracts are one unit of the base asset. */
const ONE_BASE_UNIT_CONTRACTS: ReadonlySet<string> = new Set([
  'binanceusdm',
  'bybit',
  'hyperliquid',
]);

/** The venue's USD per inverse contract of `base` (its descriptor's `inverseContractUsd`). */
function inverseContractUsd(venue: string, base: string): number | undefined {
  const descriptors: readonly VenueDescriptor[] = VENUE_DESCRIPTORS;
  const sizes = descriptors.find((descriptor) => descriptor.id === venue)?.inverseContractUsd;
  return sizes?.[base] ?? sizes?.['*'];
}

export function pageOrder(inputs: ResolvedInputs, request: GetTradeImpactRequest): PageOrder {
  const refuse = (field: string, message: string) => ({ refused: { field, message } });
  const instrument = parseSymbol(request.symbol);
  if ('error' in instrument) return refuse('symbol', instrument.error);
  const name = instrumentName(request.symbol);
  const account = inputs.accounts.find((entry) => entry.account.id === request.accountId)?.account;
  if (account === undefined || account.venue !== request.venue)
    return refuse(
      'accountId',
      `No ${venueName(request.venue)} account ${request.accountId} in the portfolio.`,
    );
  const template = inputs.accounts
    .filter((entry) => entry.account.venue === request.venue)
    .flatMap((entry) => entry.account.positions)
    .find((position) => position.symbol === request.symbol);
  const assumptions: string[] = [];
  const inverse = instrument.kind === 'inverse-perpetual' || instrument.kind === 'inverse-future';

  let mark = template?.markPrice;
  const live = inputs.live;
  if (
    mark === undefined &&
    isLiveMarketInput(live) &&
    live.prices[instrument.base] !== undefined &&
    // Not another venue's page's price (venue-index-prices.ts).
    mayMarkVenueOrder(live, instrument.base, request.venue)
  ) {
    mark = new Decimal(live.prices[instrument.base] as number);
    assumptions.push(`Mark taken as ${instrument.base}'s index price from live market data.`);
  }
  if (mark === undefined && request.price !== null) {
    mark = new Decimal(request.price);
    assumptions.push(`Mark taken as your order's price: no position in ${name} carries its mark.`);
  }
  if (mark === undefined)
    return refuse(
      'price',
      `No mark price is known for ${name}: no position in it, and no live market data. Enter a limit price.`,
    );

  let contractSize = template?.contractSize;
  if (contractSize === undefined && request.contractSize !== null && !inverse)
    contractSize = new Decimal(request.contractSize);
  if (contractSize === undefined && !inverse && ONE_BASE_UNIT_CONTRACTS.has(request.venue))
    contractSize = new Decimal(1);
  if (contractSize === undefined && inverse) {
    const usd = inverseContractUsd(request.venue, instrument.base);
    if (usd !== undefined) {
      contractSize = new Decimal(usd);
      assumptions.push(`Contract size taken as the venue's ${usd} USD per ${name} contract.`);
    }
  }
  if (contractSize === undefined && request.size.unit !== 'contracts')
    return refuse(
      'contractSize',
      `The contract size of ${name} is not known (no position in it): enter the size in contracts.`,
    );

  const price = request.price === null ? mark : new Decimal(request.price);
  const size = new Decimal(request.size.value);
  // A margin (Bybit "Order by Cost", Binance "Initial Margin") is the notional ÷ leverage.
  let notional = size;
  if (request.size.unit === 'margin') {
    if (inverse)
      return refuse(
        'size',
        `A size given as margin is read for linear contracts only: enter the size of ${name} in contracts or ${instrument.base}.`,
      );
    const held = new Set(
      account.positions
        .filter((position) => position.symbol === request.symbol)
        .flatMap((position) => (position.leverage === undefined ? [] : [position.leverage])),
    );
    const leverage = request.leverage ?? (held.size === 1 ? [...held][0] : undefined);
    if (leverage === undefined)
      return refuse(
        'leverage',
        `The leverage of ${name} is not known (not read from the page, and no position in it carries one): enter the leverage the margin is placed at.`,
      );
    notional = size.mul(leverage);
    assumptions.push(
      `Size taken as your ${size.toString()} ${instrument.quote} margin at ${request.leverage === null ? "the position's " : ''}${leverage}x: a ${notional.toString()} ${instrument.quote} order. The venue's order cost also covers fees, so the order may be a little smaller.`,
    );
  }
  let contracts: Decimal;
  if (request.size.unit === 'contracts' || contractSize === undefined) contracts = size;
  else if (request.size.unit === 'base')
    contracts = inverse ? size.mul(price).div(contractSize) : size.div(contractSize);
  else contracts = inverse ? notional.div(contractSize) : notional.div(price.mul(contractSize));
  if (!contracts.isFinite() || contracts.lte(0))
    return refuse('size', 'The size must be a positive number.');

  // A market order crosses half the quoted spread (the file's or live data's, in bps).
  const spreadBps = inputs.market.spreadsBps[instrument.base]?.value;
  if (request.orderType === 'market')
    assumptions.push(
      spreadBps === undefined
        ? `Market order filled at the mark: no spread is known for ${instrument.base}.`
        : `Market order filled at the mark ± half the ${spreadBps} bps spread.`,
    );
  return {
    order: {
      accountId: request.accountId,
      symbol: request.symbol,
      side: request.side,
      type: request.orderType,
      contracts,
      ...(request.orderType !== 'market' &&
        request.price !== null && { price: new Decimal(request.price) }),
      ...(request.leverage !== null && { leverage: request.leverage }),
      ...(request.orderType === 'market' &&
        spreadBps !== undefined && { halfSpread: new Decimal(spreadBps).div(20_000) }),
      reduceOnly: request.reduceOnly,
      ...(template === undefined && { markPrice: mark }),
      ...(template === undefined && contractSize !== undefined && { contractSize }),
    },
    assumptions,
  };
}
