import type { GetTradeImpactRequest } from '../messaging/protocol';
import type { OrderFormReading, SizeUnit } from './page-descriptor';

/**
 * The order the pre-trade check measures: read from the page's form, or typed into the
 * overlay's own what-if form when the page's form cannot be read. `side` null means the form
 * leaves it open (one-way mode, both buttons live): both sides are checked.
 */
export interface OrderDraft {
  readonly side: 'buy' | 'sell' | null;
  readonly orderType: 'market' | 'limit' | 'stop';
  readonly size: { readonly value: number; readonly unit: SizeUnit };
  readonly price: number | null;
  readonly leverage: number | null;
  readonly reduceOnly: boolean;
  readonly contractSize: number | null;
  /** Fields the page's form did not give, in words ("leverage: not shown"), for the trader to see. */
  readonly notRead: readonly string[];
}

/**
 * The draft the page's form states, or why there is none (no form, no size typed, no order type,
 * a limit or stop order without a price): then the overlay offers its own form.
 */
export function draftFromForm(reading: OrderFormReading | null): OrderDraft | { missing: string } {
  if (reading === null) return { missing: 'no order form found on this page' };
  if (!reading.size.read) return { missing: `size: ${reading.size.reason}` };
  if (!reading.type.read) return { missing: `order type: ${reading.type.reason}` };
  const orderType = reading.type.value;
  if (orderType !== 'market' && !reading.price.read)
    return { missing: `price: ${reading.price.reason}` };
  const notRead: string[] = [];
  const value = <T>(
    field: OrderFormReading[keyof OrderFormReading],
    name: string,
    fallback: T,
  ): T => {
    if (field.read) return field.value as T;
    notRead.push(`${name}: ${field.reason}`);
    return fallback;
  };
  return {
    side: value<'buy' | 'sell' | null>(reading.side, 'side', null),
    orderType,
    size: reading.size.value,
    price: orderType === 'market' ? null : reading.price.read ? reading.price.value : null,
    leverage: value<number | null>(reading.leverage, 'leverage', null),
    reduceOnly: value<boolean>(reading.reduceOnly, 'reduce-only', false),
    contractSize: reading.contractSize.read ? reading.contractSize.value : null,
    notRead,
  };
}

/** The requests a draft makes: one per side, both when the side is open. */
export function impactRequests(
  draft: OrderDraft,
  page: { readonly venue: string; readonly symbol: string; readonly accountId: string },
  withProbability: boolean,
): readonly GetTradeImpactRequest[] {
  const sides = draft.side === null ? (['buy', 'sell'] as const) : [draft.side];
  return sides.map((side) => ({
    type: 'getTradeImpact',
    venue: page.venue,
    accountId: page.accountId,
    symbol: page.symbol,
    side,
    orderType: draft.orderType,
    size: draft.size,
    price: draft.orderType === 'market' ? null : draft.price,
    leverage: draft.leverage,
    reduceOnly: draft.reduceOnly,
    contractSize: draft.contractSize,
    withProbability,
  }));
}
