import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileVenueReportedPosition,
} from '../api/venue-api-types';
import type { PayloadReader } from '../api/payload-reader';
import { deribitCrossCollateralRefusal } from './deribit-cross-collateral-refusal';
import type { DeribitPosition } from './deribit-position';

/**
 * Deribit's account summaries and positions as portfolio-file accounts: one margin silo per
 * currency (Margin Lens's Deribit rules, lib/engine/margin/deribit-standard.ts, margin one coin
 * per account), id `${accountId}:${currency}`.
 *
 * - Margin mode from the summary's `margin_model`
 *   (https://docs.deribit.com/api-reference/account-management/private-get_account_summaries):
 *   `segregated_sm`/`cross_sm` → "cross" (standard margin), `segregated_pm`/`cross_pm` →
 *   "portfolio"; without `margin_model`, `portfolio_margining_enabled`. The cross-collateral
 *   models pool several currencies, which one-coin silos cannot represent: such an account is
 *   read only when a single currency holds anything, and refused (NotSupported) otherwise,
 *   naming the rule Deribit does not publish (deribit-cross-collateral-refusal.ts).
 * - Balance: the wallet the engine adds open P&L to, i.e. Deribit's `equity` less the options'
 *   mark value (`options_value`) and each future's P&L from its average price to mark,
 *   sign · |size| · (1/average − 1/mark) coin (inverse contracts, size in USD), so that the
 *   engine, revaluing at mark, arrives at Deribit's equity.
 * - Contracts: |size| / `contract_size` (10 USD for BTC and ETH futures, 1 coin for options).
 * - Options: `markIv` is the book summary's `mark_iv` (percent) / 100, `forwardPrice` its
 *   `underlying_price` (the forward that IV applies to), where the caller read it.
 * - Venue-reported liquidation price (futures only): `estimated_liquidation_price` when Deribit
 *   adds it, else `estimated_liquidation_ratio` × the future's mark (the summary's documented
 *   rule; the `estimated_liquidation_ratio_map` entry of the future's index first); unknown
 *   (absent) under portfolio margin, where Deribit reports neither, and for options.
 * - Account venueReported: `equity`, `maintenance_margin` and their ratio MM / equity.
 * Units: coin of the silo for money, USD per coin for futures' prices, coin per option for
 * options' prices.
 */
export interface DeribitAccountsInput {
  readonly accountId: string;
  /** `private/get_account_summaries` result. */
  readonly summaries: unknown;
  readonly positions: readonly DeribitPosition[];
  /** Option instrument name → mark implied volatility (fraction). */
  readonly markIvs: ReadonlyMap<string, number>;
  /** Option instrument name → the forward its mark IV applies to (USD), where read. */
  readonly forwards?: ReadonlyMap<string, string>;
}

interface MarginModel {
  readonly marginMode: 'cross' | 'portfolio';
  readonly crossCollateral: boolean;
}

const MARGIN_MODELS = {
  segregated_sm: { marginMode: 'cross', crossCollateral: false },
  cross_sm: { marginMode: 'cross', crossCollateral: true },
  segregated_pm: { marginMode: 'portfolio', crossCollateral: false },
  cross_pm: { marginMode: 'portfolio', crossCollateral: true },
} as const satisfies Readonly<Record<string, MarginModel>>;
type MarginModelName = keyof typeof MARGIN_MODELS;
const MARGIN_MODEL_NAMES = Object.keys(MARGIN_MODELS) as MarginModelName[];

interface CurrencySummary {
  readonly currency: string;
  readonly where: string;
  readonly model: MarginModel;
  readonly modelName: string;
  readonly equity: Decimal;
  readonly optionsValue: Decimal | undefined;
  readonly maintenanceMargin: Decimal;
  readonly liquidationRatio: Decimal | undefined;
  readonly liquidationRatioByIndex: Readonly<Record<string, unknown>>;
}

export function deribitAccounts(
  input: DeribitAccountsInput,
  reader: PayloadReader,
): PortfolioFileAccount[] {
  const result = reader.object(input.summaries, 'result');
  const summaries = reader
    .array(result.summaries, 'result summaries')
    .map((raw, index) => readSummary(raw, index, reader));
  const held = summaries.filter(
    (summary) =>
      !summary.equity.isZero() ||
      input.positions.some((position) => position.instrument.settle === summary.currency),
  );
  const orphan = input.positions.find(
    (position) => !summaries.some((summary) => summary.currency === position.instrument.settle),
  );
  if (orphan)
    reader.fail(
      'result summaries',
      `has no summary for ${orphan.instrument.settle}, which ${orphan.instrumentName} settles in`,
    );
  const pooled = held.filter((summary) => summary.model.crossCollateral);
  if (pooled.length > 0 && held.length > 1) {
    const [first] = pooled;
    throw new NotSupported(
      `deribit: ${deribitCrossCollateralRefusal(
        first?.model.marginMode ?? 'cross',
        first?.modelName ?? 'cross',
        held.map((summary) => summary.currency),
      )}`,
    );
  }
  return held.map((summary) => currencyAccount(input, summary, reader));
}

function readSummary(raw: unknown, index: number, reader: PayloadReader): CurrencySummary {
  const place = `result summaries[${index}]`;
  const record = reader.object(raw, place);
  const currency = reader.text(record.currency, `${place} currency`);
  const where = `${place} "${currency}"`;
  const modelName =
    record.margin_model === undefined
      ? undefined
      : reader.oneOf(record.margin_model, MARGIN_MODEL_NAMES, `${where} margin_model`);
  const model: MarginModel =
    modelName === undefined
      ? {
          marginMode: record.portfolio_margining_enabled === true ? 'portfolio' : 'cross',
          crossCollateral: record.cross_collateral_enabled === true,
        }
      : MARGIN_MODELS[modelName];
  const ratioMap = record.estimated_liquidation_ratio_map;
  return {
    currency,
    where,
    model,
    modelName: modelName ?? model.marginMode,
    equity: reader.jsonNumber(record.equity, `${where} equity`),
    optionsValue: reader.optionalJsonNumber(record.options_value, `${where} options_value`),
    maintenanceMargin: reader.jsonNumber(record.maintenance_margin, `${where} maintenance_margin`),
    liquidationRatio: reader.optionalJsonNumber(
      record.estimated_liquidation_ratio,
      `${where} estimated_liquidation_ratio`,
    ),
    liquidationRatioByIndex:
      ratioMap === undefined || ratioMap === null
        ? {}
        : reader.object(ratioMap, `${where} estimated_liquidation_ratio_map`),
  };
}

function currencyAccount(
  input: DeribitAccountsInput,
  summary: CurrencySummary,
  reader: PayloadReader,
): PortfolioFileAccount {
  const held = input.positions.filter(
    (position) => position.instrument.settle === summary.currency,
  );
  const hasOptions = held.some((position) => position.instrument.kind === 'option');
  if (hasOptions && summary.optionsValue === undefined)
    reader.fail(`${summary.where} options_value`, 'is missing while options are held');
  const futuresPnl = held
    .filter((position) => position.instrument.kind === 'future')
    .reduce((sum, position) => sum.plus(inverseFuturePnl(position)), new Decimal(0));
  const wallet = summary.equity.minus(summary.optionsValue ?? 0).minus(futuresPnl);
  return {
    id: `${input.accountId}:${summary.currency}`,
    venue: 'deribit',
    marginMode: summary.model.marginMode,
    positionMode: 'oneway',
    balances: [
      {
        asset: summary.currency,
        total: reader.computed(
          wallet,
          `${summary.where} equity − options_value − the futures' P&L to mark`,
        ),
      },
    ],
    positions: held.map((position) =>
      portfolioPosition(position, summary, input.markIvs, input.forwards, reader),
    ),
    venueReported: {
      equity: summary.equity.toFixed(),
      maintenanceMargin: summary.maintenanceMargin.toFixed(),
      ...(summary.equity.gt(0) && {
        marginRatio: reader.computed(
          summary.maintenanceMargin.div(summary.equity),
          `${summary.where} maintenance_margin / equity`,
        ),
      }),
    },
  };
}

/** An inverse future's P&L from its average price to mark, in coin: ±|size|·(1/avg − 1/mark). */
function inverseFuturePnl(position: DeribitPosition): Decimal {
  const perUsd = new Decimal(1)
    .div(position.averagePrice)
    .minus(new Decimal(1).div(position.markPrice));
  return position.size.mul(perUsd).mul(position.side === 'long' ? 1 : -1);
}

function portfolioPosition(
  position: DeribitPosition,
  summary: CurrencySummary,
  markIvs: ReadonlyMap<string, number>,
  forwards: ReadonlyMap<string, string> | undefined,
  reader: PayloadReader,
): PortfolioFilePosition {
  const { instrument } = position;
  const markIv = instrument.kind === 'option' ? markIvs.get(position.instrumentName) : undefined;
  const forwardPrice =
    instrument.kind === 'option' ? forwards?.get(position.instrumentName) : undefined;
  if (instrument.kind === 'option' && markIv === undefined)
    reader.fail(
      `option "${position.instrumentName}" mark_iv`,
      'is missing: the book summary has no mark implied volatility for it',
    );
  const liquidationPrice = venueLiquidationPrice(position, summary, reader);
  const venueReported: PortfolioFileVenueReportedPosition = {
    ...(liquidationPrice !== undefined && { liquidationPrice }),
    maintenanceMargin: position.maintenanceMargin.toFixed(),
    initialMargin: position.initialMargin.toFixed(),
  };
  return {
    symbol: instrument.symbol,
    side: position.side,
    contracts: reader.computed(
      position.size.div(instrument.contractSize),
      `"${position.instrumentName}" size / contract_size`,
    ),
    contractSize: instrument.contractSize.toFixed(),
    entryPrice: position.averagePrice.toFixed(),
    markPrice: position.markPrice.toFixed(),
    ...(position.leverage !== undefined && { leverage: position.leverage }),
    ...(markIv !== undefined && { markIv }),
    ...(forwardPrice !== undefined && { forwardPrice }),
    venueReported,
  };
}

/** Deribit's own liquidation price of a future, or undefined when it gives none. */
function venueLiquidationPrice(
  position: DeribitPosition,
  summary: CurrencySummary,
  reader: PayloadReader,
): string | undefined {
  if (position.instrument.kind !== 'future') return undefined;
  const reported = position.estimatedLiquidationPrice;
  if (reported !== undefined && reported.gt(0)) return reported.toFixed();
  if (summary.model.marginMode !== 'cross') return undefined;
  const fromMap =
    position.instrument.priceIndex === undefined
      ? undefined
      : summary.liquidationRatioByIndex[position.instrument.priceIndex];
  let ratio = summary.liquidationRatio;
  if (fromMap !== undefined && fromMap !== null) {
    ratio = reader.jsonNumber(
      fromMap,
      `${summary.where} estimated_liquidation_ratio_map ${position.instrument.priceIndex ?? ''}`,
    );
  }
  return ratio !== undefined && ratio.gt(0)
    ? reader.computed(
        ratio.mul(position.markPrice),
        `${summary.where} estimated_liquidation_ratio × "${position.instrumentName}" mark_price`,
      )
    : undefined;
}
