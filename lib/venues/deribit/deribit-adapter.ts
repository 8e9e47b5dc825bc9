import Decimal from 'decimal.js';
import type { CcxtExchange, VenueAccountsSnapshot, VenueAdapter } from '../api/venue-api-types';
import { deribitAccounts } from './deribit-accounts';
import { DERIBIT_VENUE } from './deribit-venue';
import { deribitClientSignature } from './deribit-client-signature';
import { deribitClockSkewError } from './deribit-clock-skew';
import { deribitInstrumentLookup } from './deribit-instruments';
import { deribitKeyPermissions } from './deribit-key-scope';
import { PayloadReader } from '../api/payload-reader';
import { readDeribitPosition, type DeribitPosition } from './deribit-position';

/**
 * Deribit through ccxt (class `deribit`, JSON-RPC over HTTP on https://www.deribit.com/api/v2):
 * inverse BTC and ETH perpetuals, futures and options, standard and portfolio margin.
 *
 * Reads, in order: ccxt's loadMarkets (`public/get_currencies`, `public/get_instruments`),
 * `private/get_positions` (all currencies and kinds in one answer; Deribit does not paginate
 * it), `private/get_account_summaries` (margin model, equity, maintenance margin, options value,
 * estimated liquidation ratio) and, per currency holding options,
 * `public/get_book_summary_by_currency` for their `mark_iv`. The raw answers are read through
 * ccxt's implicit API rather than `fetchPositions`/`fetchBalance`, whose parsers keep only
 * floats, put Deribit's margin percentages in percent units (research/peers.md §6.2) and run
 * arithmetic on unchecked fields; deribit-accounts.ts says how the answers become accounts.
 * Deribit publishes no tier tables: its standard margin is a size-dependent formula (see
 * lib/engine/margin/deribit-standard.ts), so `tierTables` is empty.
 *
 * The key check asks `public/auth` for a token with the `client_signature` grant (the secret is
 * not sent, only an HMAC of a timestamp and nonce) and reads the scope it grants
 * (deribit-key-scope.ts). A 13009 "unauthorized" whose `usIn` shows the clocks more than 60 s
 * apart is reported as clock skew (deribit-clock-skew.ts).
 */
type ImplicitMethod = (params: object) => Promise<unknown>;

export const deribitAdapter: VenueAdapter = {
  venue: 'deribit',
  credentialKind: 'apiKey',
  needsPassword: false,
  hostPermissions: DERIBIT_VENUE.apiHosts,

  async checkKeyPermissions(exchange: CcxtExchange) {
    exchange.checkRequiredCredentials();
    const params = await deribitClientSignature(
      exchange.apiKey,
      exchange.secret,
      exchange.milliseconds(),
      randomNonce(),
    );
    const reader = new PayloadReader('deribit', 'GET /api/v2/public/auth');
    const response = await deribitCall(exchange, () => implicit(exchange, 'publicGetAuth')(params));
    const result = reader.object(reader.jsonRpcResult(response), 'result');
    return deribitKeyPermissions(reader.text(result.scope, 'result scope'));
  },

  async fetchAccounts(exchange: CcxtExchange, accountId: string): Promise<VenueAccountsSnapshot> {
    await deribitCall(exchange, () => exchange.loadMarkets());
    const instrumentOf = deribitInstrumentLookup(
      exchange.markets_by_id,
      new PayloadReader('deribit', 'GET /api/v2/public/get_instruments'),
    );

    const positionsReader = new PayloadReader('deribit', 'GET /api/v2/private/get_positions');
    const positionsResponse = await deribitCall(exchange, () =>
      implicit(exchange, 'privateGetGetPositions')({}),
    );
    const positions = positionsReader
      .array(positionsReader.jsonRpcResult(positionsResponse), 'result')
      .flatMap((raw, index) => {
        const position = readDeribitPosition(raw, index, positionsReader, instrumentOf);
        return position === undefined ? [] : [position];
      });

    const summariesReader = new PayloadReader(
      'deribit',
      'GET /api/v2/private/get_account_summaries',
    );
    const summariesResponse = await deribitCall(exchange, () =>
      implicit(exchange, 'privateGetGetAccountSummaries')({ extended: true }),
    );
    const { markIvs, forwards } = await optionMarks(exchange, positions);
    const accounts = deribitAccounts(
      {
        accountId,
        summaries: summariesReader.jsonRpcResult(summariesResponse),
        positions,
        markIvs,
        forwards,
      },
      summariesReader,
    );
    // Each underlying's index, as Deribit reported it with the positions (`index_price`).
    const prices: Record<string, string> = {};
    for (const position of positions) {
      const base = position.instrument.symbol.split('/')[0];
      if (position.indexPrice !== undefined && base !== undefined)
        prices[base] = position.indexPrice.toFixed();
    }
    const venueAccountId = deribitAccountId(summariesReader.jsonRpcResult(summariesResponse));
    return {
      accounts,
      tierTables: [],
      ...(Object.keys(prices).length > 0 && { prices }),
      ...(venueAccountId !== undefined && { venueAccountId }),
    };
  },
};

/**
 * Mark implied volatility (fraction) of each option held, and the forward it applies to
 * (`underlying_price`, USD: the expiry's future or Deribit's synthetic forward), from the
 * currency's book summary.
 */
async function optionMarks(
  exchange: CcxtExchange,
  positions: readonly DeribitPosition[],
): Promise<{ markIvs: Map<string, number>; forwards: Map<string, string> }> {
  const markIvs = new Map<string, number>();
  const forwards = new Map<string, string>();
  const held = new Set(positions.map((position) => position.instrumentName));
  const currencies = new Set(
    positions
      .filter((position) => position.instrument.kind === 'option')
      .map((position) => position.instrument.settle),
  );
  for (const currency of currencies) {
    const reader = new PayloadReader(
      'deribit',
      `GET /api/v2/public/get_book_summary_by_currency?currency=${currency}&kind=option`,
    );
    const response = await deribitCall(exchange, () =>
      implicit(exchange, 'publicGetGetBookSummaryByCurrency')({ currency, kind: 'option' }),
    );
    reader.array(reader.jsonRpcResult(response), 'result').forEach((raw, index) => {
      const record = reader.object(raw, `result[${index}]`);
      const name = reader.text(record.instrument_name, `result[${index}] instrument_name`);
      // A row of an option nobody here holds cannot fail the read.
      if (!held.has(name)) return;
      const markIv = reader.optionalJsonNumber(
        record.mark_iv,
        `result[${index}] "${name}" mark_iv`,
        'positive',
      );
      if (markIv === undefined) return;
      markIvs.set(name, markIv.div(new Decimal(100)).toNumber());
      const forward = reader.optionalJsonNumber(
        record.underlying_price,
        `result[${index}] "${name}" underlying_price`,
        'positive',
      );
      if (forward !== undefined) forwards.set(name, forward.toFixed());
    });
  }
  return { markIvs, forwards };
}

/** The account `id` the summaries carry (a whole number), as text; undefined when absent. */
function deribitAccountId(result: unknown): string | undefined {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? String(id) : undefined;
}

/** Runs a ccxt call, turning a clock-skew 13009 into ccxt's InvalidNonce. */
async function deribitCall<T>(exchange: CcxtExchange, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw deribitClockSkewError(error, exchange.milliseconds()) ?? error;
  }
}

/** A ccxt implicit API method (generated at run time from the venue's endpoint list). */
function implicit(exchange: CcxtExchange, name: string): ImplicitMethod {
  const method = (exchange as unknown as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw new TypeError(`ccxt deribit has no method ${name}`);
  return (method as ImplicitMethod).bind(exchange);
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
