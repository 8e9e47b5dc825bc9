import Decimal from 'decimal.js';
import { isLiveMarketInput } from '../engine/market/market-snapshot';
import { parseSymbol } from '../engine/product/parse-symbol';
import type { CandidateOrder, ResolvedInputs } from '../engine';
import type { GetTradeImpactRequest } from '../messaging/protocol';
import { instrumentName } from '../format/instrument-name';

/**
 * An order as a venue's form states it (size in contracts, in the base asset, or as a cost in the
 * quote) → the engine's candidate order in contracts, with every assumption it needed said in a
 * plain sentence. Conversions (contract terms as in lib/engine/product/types.ts):
 * - linear (contract = `contractSize` base units): base → q / c; quote cost → q / (price · c);
 * - inverse (contract = `contractSize` USD): base → q · price / c; quote (USD) → q / c.
 * `price` is the order's limit or trigger price, or the mark for a market order.
 *
 * Contract size, in order of trust: a position in this symbol on this venue (the venue's own
 * figure), the size the venue's form states (OKX "Single contract value"), then the venues whose
 * linear contracts are one base unit by definition (Binance USDⓈ-M quantity, Bybit linear qty,
 * Hyperliquid size are in the coin). The mark: a position in the book, then live market data's
 * index price; a limit or stop order without either is priced at its own price, said so.
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

export function pageOrder(inputs: ResolvedInputs, request: GetTradeImpactRequest): PageOrder {
  const refuse = (field: string, message: string) => ({ refused: { field, message } });
  const instrument = parseSymbol(request.symbol);
  if ('error' in instrument) return refuse('symbol', instrument.error);
  const name = instrumentName(request.symbol);
  const account = inputs.accounts.find((entry) => entry.account.id === request.accountId)?.account;
  if (account === undefined || account.venue !== request.venue)
    return refuse(
      'accountId',
      `No ${request.venue} account ${request.accountId} in the portfolio.`,
    );
  const template = inputs.accounts
    .filter((entry) => entry.account.venue === request.venue)
    .flatMap((entry) => entry.account.positions)
    .find((position) => position.symbol === request.symbol);
  const assumptions: string[] = [];
  const inverse = instrument.kind === 'inverse-perpetual' || instrument.kind === 'inverse-future';

  let mark = template?.markPrice;
  const live = inputs.live;
  if (mark === undefined && isLiveMarketInput(live) && live.prices[instrument.base] !== undefined) {
    mark = new Decimal(live.prices[instrument.base] as number);
    assumptions.push(`Mark taken as ${instrument.base}'s index price from ${live.source}.`);
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
  if (contractSize === undefined && request.size.unit !== 'contracts')
    return refuse(
      'contractSize',
      `The contract size of ${name} is not known (no position in it): enter the size in contracts.`,
    );

  const price = request.price === null ? mark : new Decimal(request.price);
  const size = new Decimal(request.size.value);
  let contracts: Decimal;
  if (request.size.unit === 'contracts' || contractSize === undefined) contracts = size;
  else if (request.size.unit === 'base')
    contracts = inverse ? size.mul(price).div(contractSize) : size.div(contractSize);
  else contracts = inverse ? size.div(contractSize) : size.div(price.mul(contractSize));
  if (!contracts.isFinite() || contracts.lte(0))
    return refuse('size', 'The size must be a positive number.');

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
      reduceOnly: request.reduceOnly,
      ...(template === undefined && { markPrice: mark }),
      ...(template === undefined && contractSize !== undefined && { contractSize }),
    },
    assumptions,
  };
}
