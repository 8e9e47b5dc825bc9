import { PayloadReader } from '../venues/api/payload-reader';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import { deribitAccounts } from '../venues/deribit/deribit-accounts';
import { deribitCrossCollateralRefusal } from '../venues/deribit/deribit-cross-collateral-refusal';
import { readDeribitPosition, type DeribitPosition } from '../venues/deribit/deribit-position';
import { deribitInstrumentFromName } from './deribit-instrument-name';
import {
  pageAccountId,
  problemOf,
  type FeedReceipt,
  type PageFeed,
  type PageFeedSnapshot,
} from './page-feed-snapshot';
import { PageFeedVenue } from './page-feed-sites';
import type { TappedMessage } from './tapped-message';

/**
 * Deribit's page traffic → one account snapshot per currency silo, in the portfolio file's
 * format, through the key adapter's own mapping (deribit-accounts.ts, deribit-position.ts): the
 * same balance, contracts, venue-reported figures and margin model. Pure: no DOM, no clock.
 *
 * Messages read (documented formats):
 * - `user.portfolio.{currency}` notifications: the currency's summary, the same fields as an
 *   account summary (`equity`, `maintenance_margin`, `initial_margin`, `options_value`,
 *   `margin_model`, `portfolio_margining_enabled`, `cross_collateral_enabled`,
 *   `estimated_liquidation_ratio(_map)`), https://docs.deribit.com/subscriptions/user/userportfoliocurrency
 * - `private/get_positions` responses, matched by JSON-RPC id to the request and its `currency`
 *   and `kind`: the full list of that scope's positions, replacing what was known of it,
 *   https://docs.deribit.com/api-reference/account-management/private-get_positions
 * - `user.changes.{kind}.{currency}.{interval}` and `user.changes.{instrument}.{interval}`
 *   notifications: the positions that changed (`size` 0 / `direction` "zero": closed),
 *   https://docs.deribit.com/subscriptions/user/userchangeskindcurrencyinterval
 * - `private/get_account_summary` / `private/get_account_summaries` responses: the account's
 *   `id` (the snapshot's identity) and the summaries,
 *   https://docs.deribit.com/api-reference/account-management/private-get_account_summary
 * - option marks: `ticker.{instrument}.{interval}` notifications and `public/ticker` /
 *   `public/get_book_summary_by_currency` responses, `mark_iv` in percent,
 *   https://docs.deribit.com/subscriptions/market-data/tickerinstrument_nameinterval
 *
 * A currency is in the snapshot only once it is complete: its summary, and the full positions
 * list for both futures and options (or a summary with no equity and no margin, which holds
 * nothing), and a mark IV for every option held. Until then it is named in `pending`, never sent
 * half-read. A message that does not read is refused whole, naming the field; a refused
 * positions message leaves its currency pending until a full positions list reads.
 * Marks are those of the last positions message; Deribit's equity comes from the portfolio
 * notifications, so the wallet balance the adapter derives stays Deribit's equity at that mark.
 */
const MAX_MARK_IVS = 5_000;
/** Mark IV in percent: the portfolio file takes at most 10 as a fraction. */
const MAX_MARK_IV_PERCENT = 1_000;
const CHANNEL = /^[A-Za-z0-9_.-]{1,100}$/;
const CURRENCY = /^[A-Z0-9]{1,10}$/;
const INSTRUMENT = /^[A-Z0-9_.-]{1,64}$/;
const ALL = '*';

const MARGIN_MODELS = ['segregated_sm', 'cross_sm', 'segregated_pm', 'cross_pm'] as const;
/** The summary fields deribit-accounts.ts reads, and initial_margin (to tell an empty currency). */
const SUMMARY_FIELDS = [
  'currency',
  'equity',
  'maintenance_margin',
  'initial_margin',
  'options_value',
  'margin_model',
  'portfolio_margining_enabled',
  'cross_collateral_enabled',
  'estimated_liquidation_ratio',
  'estimated_liquidation_ratio_map',
] as const;

type Summary = Readonly<Record<(typeof SUMMARY_FIELDS)[number], unknown>> & {
  readonly currency: string;
};

interface ReadPosition {
  readonly name: string;
  readonly settle: string;
  readonly kind: 'future' | 'option';
  /** Undefined for a closed position (size 0). */
  readonly position: DeribitPosition | undefined;
}

export function createDeribitFeed(): PageFeed {
  let identity: string | null = null;
  const summaries = new Map<string, Summary>();
  const positions = new Map<string, ReadPosition & { readonly position: DeribitPosition }>();
  /** Scopes whose full positions list was read: `${currency or *}/${kind or *}`. */
  const coverage = new Set<string>();
  /** Currency (or * for all) → why its positions cannot be trusted until a full list reads. */
  const problems = new Map<string, string>();
  /** Option instrument → mark IV as a fraction. Public data: kept across accounts. */
  const markIvs = new Map<string, number>();

  function receive(message: TappedMessage): FeedReceipt {
    try {
      if (message.site !== PageFeedVenue.deribit) return refused('not a Deribit message');
      if (message.kind === 'notification') readNotification(message.text);
      else readResponse(message);
      return { ok: true };
    } catch (error) {
      return refused(problemOf(error));
    }
  }

  function readNotification(text: string): void {
    const reader = new PayloadReader('deribit', 'page notification');
    const body = reader.object(parseJson(text, reader), 'message');
    if (body.method !== 'subscription')
      reader.fail('method', 'must be "subscription" (a notification)');
    const params = reader.object(body.params, 'params');
    const channel = reader.text(params.channel, 'params channel');
    if (!CHANNEL.test(channel)) reader.fail('params channel', 'is not a Deribit channel name');
    const channelReader = new PayloadReader('deribit', `page ${channel}`);
    const parts = channel.split('.');
    if (channel.startsWith('user.portfolio.'))
      readPortfolio(parts[2] ?? '', params.data, channelReader);
    else if (channel.startsWith('user.changes.')) readChanges(parts, params.data, channelReader);
    else if (channel.startsWith('ticker.')) readTicker(parts[1] ?? '', params.data, channelReader);
    else reader.fail('params channel', `"${channel}" is not a channel the page feed reads`);
  }

  function readPortfolio(channelCurrency: string, data: unknown, reader: PayloadReader): void {
    const summary = readSummary(data, 'data', reader);
    const wanted = channelCurrency.toUpperCase();
    if (wanted !== 'ANY' && wanted !== summary.currency)
      reader.fail('data currency', `is ${summary.currency} on the ${channelCurrency} channel`);
    summaries.set(summary.currency, summary);
  }

  function readChanges(parts: readonly string[], data: unknown, reader: PayloadReader): void {
    // user.changes.{kind}.{currency}.{interval} or user.changes.{instrument}.{interval}
    const scope =
      parts.length === 5
        ? (parts[3] ?? '').toUpperCase()
        : (deribitInstrumentFromName(parts[2] ?? '')?.settle ?? ALL);
    try {
      const record = reader.object(data, 'data');
      const read = reader
        .array(record.positions, 'data positions')
        .map((raw, index) => readPosition(raw, index, reader));
      for (const item of read) {
        if (item.position === undefined) positions.delete(item.name);
        else positions.set(item.name, { ...item, position: item.position });
      }
    } catch (error) {
      problems.set(scope === 'ANY' ? ALL : scope, `positions update refused: ${problemOf(error)}`);
      throw error;
    }
  }

  function readTicker(instrument: string, data: unknown, reader: PayloadReader): void {
    const record = reader.object(data, 'data');
    const name = reader.text(record.instrument_name, 'data instrument_name');
    if (name !== instrument)
      reader.fail('data instrument_name', `is not the channel's ${instrument}`);
    readMarkIv(record, name, 'data', reader);
  }

  function readResponse(message: Extract<TappedMessage, { kind: 'response' }>): void {
    const reader = new PayloadReader('deribit', `page ${message.method}`);
    const result = reader.jsonRpcResult(parseJson(message.text, reader));
    switch (message.method) {
      case 'private/get_positions':
        return readPositionsList(result, message.currency, message.instrumentKind, reader);
      case 'private/get_account_summary': {
        const record = reader.object(result, 'result');
        const summary = readSummary(record, 'result', reader);
        setIdentity(readIdentity(record, reader));
        summaries.set(summary.currency, summary);
        return;
      }
      case 'private/get_account_summaries': {
        const record = reader.object(result, 'result');
        const read = reader
          .array(record.summaries, 'result summaries')
          .map((raw, index) => readSummary(raw, `result summaries[${index}]`, reader));
        setIdentity(readIdentity(record, reader));
        for (const summary of read) summaries.set(summary.currency, summary);
        return;
      }
      case 'public/get_book_summary_by_currency':
        reader.array(result, 'result').forEach((raw, index) => {
          const row = reader.object(raw, `result[${index}]`);
          const name = reader.text(row.instrument_name, `result[${index}] instrument_name`);
          if (row.mark_iv !== undefined && row.mark_iv !== null)
            readMarkIv(row, name, `result[${index}]`, reader);
        });
        return;
      case 'public/ticker': {
        const record = reader.object(result, 'result');
        const name = reader.text(record.instrument_name, 'result instrument_name');
        if (record.mark_iv !== undefined && record.mark_iv !== null)
          readMarkIv(record, name, 'result', reader);
        return;
      }
    }
  }

  function readPositionsList(
    result: unknown,
    currency: string | null,
    kind: string | null,
    reader: PayloadReader,
  ): void {
    const scopeCurrency = currency === null || currency === 'any' ? ALL : currency.toUpperCase();
    const scopeKind = kind === null || kind === 'any' ? ALL : kind;
    if (scopeKind !== ALL && scopeKind !== 'future' && scopeKind !== 'option')
      reader.fail(
        'request kind',
        `"${scopeKind}" positions are not read (futures and options are)`,
      );
    const inScope = (settle: string, itemKind: string) =>
      (scopeCurrency === ALL || settle === scopeCurrency) &&
      (scopeKind === ALL || itemKind === scopeKind);
    let read: ReadPosition[];
    try {
      read = reader.array(result, 'result').map((raw, index) => readPosition(raw, index, reader));
      read.forEach((item, index) => {
        // An answer to another request (a reused id) is not this scope's list.
        if (!inScope(item.settle, item.kind))
          reader.fail(
            `result[${index}] "${item.name}"`,
            `is outside the request's scope (currency ${currency ?? 'any'}, kind ${kind ?? 'any'})`,
          );
      });
    } catch (error) {
      problems.set(scopeCurrency, `positions list refused: ${problemOf(error)}`);
      throw error;
    }
    for (const [name, item] of positions)
      if (inScope(item.settle, item.kind)) positions.delete(name);
    for (const item of read)
      if (item.position !== undefined)
        positions.set(item.name, { ...item, position: item.position });
    coverage.add(`${scopeCurrency}/${scopeKind}`);
    if (scopeCurrency === ALL) problems.clear();
    else problems.delete(scopeCurrency);
  }

  function readPosition(raw: unknown, index: number, reader: PayloadReader): ReadPosition {
    const record = reader.object(raw, `result[${index}]`);
    const name = reader.text(record.instrument_name, `result[${index}] instrument_name`);
    if (!INSTRUMENT.test(name))
      reader.fail(`result[${index}] instrument_name`, 'is not a Deribit instrument name');
    const instrument = deribitInstrumentFromName(name);
    if (instrument === undefined)
      reader.fail(
        `result[${index}] "${name}" instrument_name`,
        'is not the name of a Deribit future, perpetual or option',
      );
    const position = readDeribitPosition(record, index, reader, () => instrument);
    return { name, settle: instrument.settle, kind: instrument.kind, position };
  }

  function readMarkIv(
    record: Record<string, unknown>,
    name: string,
    where: string,
    reader: PayloadReader,
  ): void {
    if (!INSTRUMENT.test(name))
      reader.fail(`${where} instrument_name`, 'is not an instrument name');
    const markIv = reader.jsonNumber(record.mark_iv, `${where} "${name}" mark_iv`, 'positive');
    // The portfolio file's bound (position-schema.ts: markIv at most 10, i.e. 1000%): a larger mark
    // is refused here, naming it, not carried into a snapshot the background would refuse whole.
    if (markIv.gt(MAX_MARK_IV_PERCENT))
      reader.fail(`${where} "${name}" mark_iv`, `is above ${MAX_MARK_IV_PERCENT} (percent)`);
    if (markIvs.size >= MAX_MARK_IVS && !markIvs.has(name)) markIvs.clear();
    markIvs.set(name, markIv.div(100).toNumber());
  }

  function setIdentity(next: string | undefined): void {
    if (next === undefined || next === identity) return;
    if (identity !== null) {
      // Another account on the same page: nothing read so far is its.
      summaries.clear();
      positions.clear();
      coverage.clear();
      problems.clear();
    }
    identity = next;
  }

  function covered(currency: string, kind: 'future' | 'option'): boolean {
    return [`${currency}/${kind}`, `${currency}/${ALL}`, `${ALL}/${kind}`, `${ALL}/${ALL}`].some(
      (scope) => coverage.has(scope),
    );
  }

  function snapshots(): PageFeedSnapshot[] {
    const currencies = new Set([
      ...summaries.keys(),
      ...[...positions.values()].map((item) => item.settle),
    ]);
    if (currencies.size === 0) return [];
    const pending: string[] = [];
    const heldCurrencies = [...summaries.values()].filter(
      (summary) => !isZero(summary.equity) || heldIn(summary.currency).length > 0,
    );
    const pooled = heldCurrencies.find(isCrossCollateral);
    if (pooled !== undefined && heldCurrencies.length > 1)
      return [
        {
          identity,
          accounts: [],
          pending: [
            deribitCrossCollateralRefusal(
              pooled.margin_model === 'cross_pm' ||
                (pooled.margin_model === undefined && pooled.portfolio_margining_enabled === true)
                ? 'portfolio'
                : 'cross',
              String(pooled.margin_model ?? 'cross-collateral'),
              heldCurrencies.map((summary) => summary.currency),
            ),
          ],
          prices: {},
        },
      ];
    const complete: Summary[] = [];
    for (const currency of [...currencies].sort()) {
      const summary = summaries.get(currency);
      const problem = problems.get(currency) ?? problems.get(ALL);
      const held = heldIn(currency);
      const missingIv = held.find(
        (item) => item.kind === 'option' && !markIvs.has(item.name),
      )?.name;
      if (summary === undefined)
        pending.push(
          `${currency}: positions seen, but not the currency's summary (user.portfolio.${currency.toLowerCase()})`,
        );
      else if (problem !== undefined) pending.push(`${currency}: ${problem}`);
      else if (
        !holdsNothing(summary) &&
        !(covered(currency, 'future') && covered(currency, 'option'))
      )
        pending.push(
          `${currency}: the page has not loaded this currency's positions yet (private/get_positions)`,
        );
      else if (missingIv !== undefined)
        pending.push(
          `${currency}: option ${missingIv} has no mark_iv in the page's traffic yet (its ticker or the option chain)`,
        );
      else complete.push(summary);
    }
    let accounts: PortfolioFileAccount[] = [];
    const prices: Record<string, string> = {};
    if (complete.length > 0) {
      const held = complete.flatMap((summary) => heldIn(summary.currency));
      try {
        accounts = deribitAccounts(
          {
            accountId: pageAccountId(PageFeedVenue.deribit, identity),
            summaries: { summaries: complete },
            positions: held.map((item) => item.position),
            markIvs,
          },
          new PayloadReader('deribit', 'page user.portfolio'),
        );
        for (const { position } of held) {
          const base = position.instrument.symbol.split('/')[0];
          if (position.indexPrice !== undefined && base !== undefined)
            prices[base] = position.indexPrice.toFixed();
        }
      } catch (error) {
        pending.push(problemOf(error));
      }
    }
    return [{ identity, accounts, pending, prices }];
  }

  function heldIn(currency: string) {
    return [...positions.values()].filter((item) => item.settle === currency);
  }

  return { receive, snapshots };
}

/** One summary's fields, checked as deribit-accounts.ts will read them, copied into a fresh object. */
function readSummary(raw: unknown, where: string, reader: PayloadReader): Summary {
  const record = reader.object(raw, where);
  const currency = reader.text(record.currency, `${where} currency`).toUpperCase();
  if (!CURRENCY.test(currency)) reader.fail(`${where} currency`, 'is not a currency code');
  const named = `${where} "${currency}"`;
  reader.jsonNumber(record.equity, `${named} equity`);
  reader.jsonNumber(record.maintenance_margin, `${named} maintenance_margin`, 'nonNegative');
  reader.optionalJsonNumber(record.initial_margin, `${named} initial_margin`, 'nonNegative');
  reader.optionalJsonNumber(record.options_value, `${named} options_value`);
  reader.optionalJsonNumber(
    record.estimated_liquidation_ratio,
    `${named} estimated_liquidation_ratio`,
  );
  if (record.margin_model !== undefined)
    reader.oneOf(record.margin_model, MARGIN_MODELS, `${named} margin_model`);
  for (const flag of ['portfolio_margining_enabled', 'cross_collateral_enabled'] as const)
    if (record[flag] !== undefined) reader.boolean(record[flag], `${named} ${flag}`);
  const ratioMap = record.estimated_liquidation_ratio_map;
  if (ratioMap !== undefined && ratioMap !== null) {
    const map = reader.object(ratioMap, `${named} estimated_liquidation_ratio_map`);
    for (const [index, ratio] of Object.entries(map))
      reader.jsonNumber(ratio, `${named} estimated_liquidation_ratio_map ${index.slice(0, 20)}`);
  }
  const copy: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) if (record[field] !== undefined) copy[field] = record[field];
  copy.currency = currency;
  return copy as Summary;
}

/** The account id an account summary carries (a whole number), as text. */
function readIdentity(record: Record<string, unknown>, reader: PayloadReader): string | undefined {
  if (record.id === undefined) return undefined;
  return String(reader.integer(record.id, 'result id', 1));
}

function parseJson(text: string, reader: PayloadReader): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return reader.fail('message', 'is not JSON');
  }
}

function isZero(value: unknown): boolean {
  return typeof value === 'number' && value === 0;
}

/** A summary with no equity and no margin holds no position. */
function holdsNothing(summary: Summary): boolean {
  return (
    isZero(summary.equity) &&
    isZero(summary.maintenance_margin) &&
    (summary.initial_margin === undefined || isZero(summary.initial_margin))
  );
}

function isCrossCollateral(summary: Summary): boolean {
  if (typeof summary.margin_model === 'string') return summary.margin_model.startsWith('cross_');
  return summary.cross_collateral_enabled === true;
}

function refused(problem: string): FeedReceipt {
  return { ok: false, problem };
}
