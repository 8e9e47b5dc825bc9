import type { SourcedFigure } from '../market/market-snapshot';
import type { CollateralMove } from '../risk/collateral-moves';
import type { TierOrigin, TierTableReference } from '../margin/tier-table';
import type { StressScenario } from '../market/stress-grid';
import type { MarginMode, Side } from '../product/types';
import type { Distribution } from '../portfolio/portfolio-types';
import type { LiquidationFeeSourceKind } from '../margin/liquidation-fee-rule';
import type { FeeToCloseFigure } from '../margin/margin-types';
import type { Refusal } from './refusal';

/**
 * The risk report (DESIGN.md §5): what the engine returns and `npm run risk -- --json` prints.
 * Money at account and position level is in the account's settlement asset (`settle`); money at
 * portfolio level is in USD. Rates and probabilities are fractions; distances in vol units are
 * horizon standard deviations σ·√(h/8760).
 */
export interface VenueReportedComparison {
  readonly ours: number | null;
  readonly venue: number | null;
  /** ours − venue; null when either is null. */
  readonly difference: number | null;
}

export interface PositionReport {
  readonly symbol: string;
  readonly side: Side;
  readonly marginMode: MarginMode;
  readonly quantity: number;
  readonly markPrice: number;
  readonly notional: number;
  readonly unrealizedPnl: number;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly maintenanceMarginRate: number;
  readonly maxLeverage: number;
  /** Where the maintenance tier came from, in words (origin, table source and date). */
  readonly tierSource: string;
  /** The tier's origin: the position's own tier > the venue's table (file) > an embedded table; or a venue rule. */
  readonly tierOrigin: TierOrigin;
  /** The table used, with its source and date; null for the position's own tier or a venue rule. */
  readonly tierTable: TierTableReference | null;
  readonly liquidationPrice: number | null;
  readonly liquidationMethod: 'closed-form' | 'numeric';
  /** The price the liquidation price is compared with: the mark, or the index for options. */
  readonly referencePrice: number;
  /**
   * The venue's estimated fee to close, where its IM and MM include one (Bybit): the amount inside
   * `initialMargin` and `maintenanceMargin` (Bitget: inside `maintenanceMargin` only), and the
   * taker fee rate charged — null when the position gave no `takerFeeRate` and the fee was taken
   * as 0 (the venue's figures then higher).
   */
  readonly feeToClose?: FeeToCloseFigure;
  /**
   * Distance from the reference to the liquidation price as a fraction of it, signed for the
   * position (liquidation-distance.ts `liquidationAdverseDistance`): > 0 while the price is still
   * ahead in `liquidationDirection`, ≤ 0 once it is at or past it (`liquidationPassed`); null
   * when none exists.
   */
  readonly liquidationDistancePct: number | null;
  /**
   * The way the price moves to liquidate the position: 'down' for an isolated long, 'up' for an
   * isolated short; for a cross position the way the account dies. Null when none exists.
   */
  readonly liquidationDirection: 'down' | 'up' | null;
  /**
   * This position's own distance to its liquidation price in horizon σ of its underlying,
   * |ln(liquidation / reference)| / (annual vol · √(h/8760)) (liquidation-distance.ts, as the
   * account's `distanceVolUnits`), negative once past; null without a liquidation price or a vol
   * for the underlying.
   */
  readonly liquidationDistanceVolUnits: number | null;
  /**
   * Present (true) only when the reference is at or past the liquidation price: the position is
   * due for liquidation and both distances are ≤ 0. Absent otherwise, so reports of live positions
   * are unchanged.
   */
  readonly liquidationPassed?: true;
  /**
   * Probability that the silo holding this position is liquidated within the horizon, on the
   * report's simulated paths: the position's own for an isolated position, the shared cross
   * silo's for a cross (or portfolio-margin) position, the same figure on every cross position
   * of the account (`liquidationSilo` says which). Null for an account outside the scenario
   * measures (see refusals) and for a position no simulated silo holds.
   */
  readonly liquidationProbability: Probability | null;
  /** Whose figure `liquidationProbability` is: the position's own isolated silo, or the account's shared cross silo. */
  readonly liquidationSilo: 'isolated' | 'cross';
  /** Cost of closing the position (half spread + square-root impact), USD; null without a daily volume (see refusals). */
  readonly liquidityAddOn: number | null;
  readonly venueReported?: {
    readonly liquidationPrice?: VenueReportedComparison;
    readonly maintenanceMargin?: VenueReportedComparison;
    readonly initialMargin?: VenueReportedComparison;
  };
}

/**
 * A simulated probability with its 95% interval (liquidation-paths.ts). When no path came near
 * the event, `value` is 0 and `noPathHit` is true: the trader is shown "< high", never 0.
 */
export interface Probability {
  readonly horizonHours: number;
  readonly value: number;
  readonly standardError: number;
  /** The 95% interval: value ± 1.96 standard errors, within [0, 1]; [0, upper bound] when no path hit. */
  readonly low: number;
  readonly high: number;
  /** Present (true) when no simulated path reached the event: `high` is a 95% upper bound. */
  readonly noPathHit?: true;
  readonly method: 'path-simulation';
  readonly paths: number;
  readonly stepHours: number;
}

export interface AccountLiquidation {
  /** The position whose liquidation price is nearest its mark; null when no position can be liquidated. */
  readonly nearestSymbol: string | null;
  /** The way the nearest position dies (its `liquidationDirection`). */
  readonly direction: 'down' | 'up' | null;
  /** The nearest position's signed distances: ≤ 0 when it is past its liquidation price. */
  readonly distancePct: number | null;
  readonly distanceVolUnits: number | null;
  /** Present (true) only when the nearest position is at or past its liquidation price. */
  readonly liquidationPassed?: true;
  /** Probability that any of the account's silos is liquidated within the horizon. */
  readonly probability: Probability | null;
  /** The model's closed-form continuous-monitoring touch probability of the nearest liquidation price, for a single-underlying account and a horizon within one day (a check on the simulation). */
  readonly closedFormProbability: number | null;
}

export interface AccountReport {
  readonly id: string;
  readonly venue: string;
  readonly settle: string;
  readonly walletBalance: number;
  readonly equity: number;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  /**
   * Maintenance margin / equity, a fraction (the venue liquidates at about 1); null when the
   * equity is ≤ 0 and margin is held: no ratio exists, and `underwater` is set
   * (reported-margin-ratio.ts). Never ±Infinity: JSON has none.
   */
  readonly marginRatio: number | null;
  /**
   * Present (true) only when the account is at or past its liquidation line: equity ≤
   * maintenance margin (or equity < 0 with nothing held). The most dangerous state: views show
   * it in words ("underwater: equity below maintenance"), never as a missing figure.
   */
  readonly underwater?: true;
  readonly positions: readonly PositionReport[];
  readonly liquidation: AccountLiquidation;
  /** The venue's own account figures beside ours, when the file carries them. */
  readonly venueReported?: {
    /** Maintenance margin / equity, fractions; ours null when our equity is ≤ 0. */
    readonly marginRatio?: VenueReportedComparison;
    readonly maintenanceMargin?: VenueReportedComparison;
    readonly equity?: VenueReportedComparison;
  };
}

export interface Contribution {
  readonly account: string;
  readonly symbol: string;
  readonly es: number;
}

export interface RiskLevel {
  readonly confidence: number;
  readonly var: number;
  readonly es: number;
}

/**
 * The stress grid's joint scenarios (stress-grid.ts): every asset moves by the same number of
 * its own scan ranges (`scanSigmas` horizon σ), with option vols scaled. P&L in USD, unweighted.
 */
export interface StressGridReport {
  /** Horizon σ in one scan range (the model's 99% move). */
  readonly scanSigmas: number;
  /** Rows: the joint price moves, in scan ranges (−1 … +1). */
  readonly scanFractions: readonly number[];
  /** Columns: the factors on option vols (delta-one positions do not depend on them). */
  readonly volFactors: readonly number[];
  /** Each scenario asset's move of one scan range, as a log-return (scanSigmas·σ·√(h/8760)). */
  readonly scanRanges: Readonly<Record<string, number>>;
  /** The book's P&L (USD) in each scenario: `pnl[row][column]`. */
  readonly pnl: readonly (readonly number[])[];
}

/**
 * The SPAN-style margin scan: the worst weighted loss of the joint, extreme and single-asset
 * scenarios, each asset's scan range `scanSigmas` horizon σ, the model's one-sided move at
 * `coverage` over `horizonHours` (stress-measure.ts). The dated historical days are not in it.
 */
export interface MarginScan {
  readonly loss: number;
  readonly scenario: string;
  readonly coverage: number;
  readonly scanSigmas: number;
  readonly horizonHours: number;
}

/** One stress scenario's P&L (USD, unweighted) and the weight the worst loss counts it at. */
export interface StressScenarioResult {
  readonly label: string;
  /** What the scenario is, as data (stress-grid.ts). */
  readonly scenario: StressScenario;
  readonly pnl: number;
  readonly weight: number;
}

/**
 * The whole book's P&L (USD) when its main underlying moves instantly by −50% … +50%, the other
 * assets moving with it by their correlation beta, every position held (pnl-by-move.ts).
 */
export interface PnlByMove {
  /** The main underlying: the asset with the largest gross USD notional. */
  readonly asset: string;
  /** Its price now, the axis's 0% (its largest position's mark, or forward for an option). */
  readonly price: number;
  /** Each scenario asset's log-return per unit log-return of `asset` (1 for itself). */
  readonly betas: Readonly<Record<string, number>>;
  /** The underlying's moves, simple returns −0.5 … +0.5 in 0.01 steps. */
  readonly moves: readonly number[];
  /** The book's P&L at each move, USD, every position held (as if nothing were liquidated). */
  readonly pnl: readonly number[];
  /**
   * The book's P&L at each move, USD, each margin silo liquidated on the way closed and its whole
   * equity now lost, the rest held: what the move does to a hedge split across silos.
   */
  readonly pnlLiquidated: readonly number[];
  /** Each scenario account's first liquidation as the underlying falls and as it rises (within ±50%). */
  readonly liquidations: readonly MoveLiquidation[];
}

export interface MoveLiquidation {
  readonly account: string;
  /** The isolated position whose own margin runs out; null for the account's cross (or portfolio) margin. */
  readonly position: { readonly symbol: string; readonly side: Side } | null;
  /** `now`: the account is at or past liquidation already (move 0). */
  readonly direction: 'down' | 'up' | 'now';
  /** The underlying's move there, a simple return. */
  readonly move: number;
  /** The underlying's price there: price · (1 + move). */
  readonly price: number;
  /** The book's P&L just before it, on the `pnlLiquidated` curve (this silo still open). */
  readonly pnl: number;
  /** What this liquidation costs: the silo's whole equity now, USD. */
  readonly equityLost: number;
}

/**
 * The cost of a broken hedge (broken-hedges.ts, docs/broken-hedge.md): one margin silo holding a
 * position on an underlying whose net delta elsewhere in the book has the opposite sign, if the
 * price of that underlying reaches the silo's liquidation price first. Money in USD; the move
 * and the probability are fractions.
 */
export interface BrokenHedgeLeg {
  readonly accountId: string;
  readonly venue: string;
  /** The underlying the leg hedges (the asset, e.g. BTC). */
  readonly underlying: string;
  /** The silo's positions on that underlying (unified symbols). */
  readonly symbols: readonly string[];
  /** The leg's net side on the underlying (the sign of its positions' delta). */
  readonly side: Side;
  /** The leg's own margin silo: an isolated position's, or the account's shared cross margin. */
  readonly silo: 'isolated' | 'cross';
  /** The leg's positions' delta on the underlying, USD, and the rest of the book's (opposite sign). */
  readonly legDeltaUsd: number;
  readonly hedgeDeltaUsd: number;
  /** The reference the move starts from (the mark, the index for options). */
  readonly referencePrice: number;
  /** The nearest of the leg's positions' liquidation prices (the report's), where it is liquidated. */
  readonly liquidationPrice: number;
  readonly liquidationDirection: 'down' | 'up';
  /** liquidationPrice / referencePrice − 1; 0 when the leg is at or past it already (liquidated now). */
  readonly move: number;
  /** Present (true) when the reference is at or past the liquidation price: the leg is due now. */
  readonly liquidationPassed?: true;
  /** The silo's liquidation probability over the horizon (its positions' `liquidationProbability`). */
  readonly probability: Probability | null;
  /** The leg's P&L on the move from the reference to the liquidation price (its silo's exposures, coin margin included). */
  readonly movePnl: number;
  /** The rest of the book's P&L on the same move (the hedge's gain up to there), for the net picture. */
  readonly restOfBookMovePnl: number;
  /** What the venue keeps at liquidation: the silo's remaining equity at the liquidation price. */
  readonly liquidationFee: {
    readonly amount: number;
    /** `venue-rule`: the venue documents it; `general-rule`: its own fee is not in the engine (liquidation-fee-rule.ts). */
    readonly sourceKind: LiquidationFeeSourceKind;
    readonly source: string;
  };
  /** −movePnl + liquidationFee.amount: the trader's loss on the leg (its silo's equity now), ≥ 0. */
  readonly lossIfLiquidated: number;
  /** The book's ES now (the report's `es`). */
  readonly esNow: number;
  /** The ES of what remains open after the leg is gone, revalued at the liquidation price. */
  readonly esAfter: number;
  /** lossIfLiquidated + (esAfter − esNow). */
  readonly costIfBroken: number;
}

export interface PortfolioReport {
  readonly equity: number;
  readonly venueMaintenanceMargin: number;
  readonly venueInitialMargin: number | null;
  readonly var: number;
  readonly es: number;
  readonly confidence: number;
  /** VaR and ES at 97.5% and 99% (and the chosen confidence). */
  readonly levels: readonly RiskLevel[];
  readonly horizonHours: number;
  readonly method: 'montecarlo' | 'historical' | 'parametric';
  readonly distribution: Distribution;
  readonly scenarios: number;
  readonly seed: number;
  readonly contributions: readonly Contribution[];
  readonly stress: {
    /** The stress test: the worst weighted loss over every scenario, the dated days included. */
    readonly worstLoss: number;
    readonly scenario: string;
    readonly scenarios: number;
    /** The margin scan behind the true margin (no dated days). */
    readonly marginScan: MarginScan;
    /** The joint scenarios as price move × vol move (stress-measure.ts); null without positions. */
    readonly grid: StressGridReport | null;
    /** Every other scenario (extreme moves, one asset alone, dated historical days), in grid order. */
    readonly others: readonly StressScenarioResult[];
    /** The scenario behind `worstLoss` (its `label` is `scenario`); null when no scenario loses. */
    readonly worst: StressScenarioResult | null;
  };
  /** The book's P&L against its main underlying's move, each account's liquidation on it (pnl-by-move.ts); null without positions. */
  readonly pnlByMove: PnlByMove | null;
  readonly liquidityAddOn: number;
  /**
   * max(ES, margin scan loss) + liquidity add-on: what a portfolio-margin model would ask, a
   * coverage target over the horizon as CCPs define margin (true-margin.ts).
   */
  readonly trueMargin: number;
  readonly probabilityAnyLiquidation: Probability | null;
  readonly collateral: {
    readonly currentMinDistance: number | null;
    readonly achievableMinDistance: number | null;
  };
  readonly collateralMoves: readonly CollateralMove[];
  /**
   * Each hedge leg of the scenario accounts and what its liquidation first would cost the book,
   * largest probability × cost first (broken-hedges.ts). Accounts outside the scenario measures
   * are not in it; a refusal of scope `scenario-measures` names each.
   */
  readonly brokenHedges: readonly BrokenHedgeLeg[];
}

export interface ReportInputs {
  readonly defaultsAsOf: string;
  readonly annualVols: Readonly<Record<string, SourcedFigure>>;
  readonly correlations: Readonly<Record<string, SourcedFigure>>;
  readonly settlementPricesUsd: Readonly<Record<string, SourcedFigure>>;
  readonly dailyVolumeUsd: Readonly<Record<string, SourcedFigure>>;
  readonly spreadsBps: Readonly<Record<string, SourcedFigure>>;
  /**
   * Each option's lognormal vol (its mark IV) and the forward it is priced on (its venue's, a live
   * quote, a future of its expiry, else the index; option-forwards.ts), by symbol; a symbol held
   * on two venues with a different vol or forward has the second under `<symbol> (<account>)`.
   */
  readonly optionVols: Readonly<Record<string, SourcedFigure>>;
  readonly forwards: Readonly<Record<string, SourcedFigure>>;
  /** Live funding rates by symbol (fraction per funding interval), when live data gave them. */
  readonly fundingRates?: Readonly<Record<string, SourcedFigure>>;
  /** Whether live public market data was used (its source and time) or why it was not. */
  readonly liveMarket?:
    | {
        readonly status: 'used';
        readonly source: string;
        readonly asOf: string;
        /** Assets or option symbols the live source had no figure for, with the reason. */
        readonly missing?: Readonly<Record<string, string>>;
      }
    | { readonly status: 'unavailable'; readonly reason: string };
  /** Each model setting with whether it came from the file or a default. */
  readonly model: Readonly<
    Record<string, { readonly value: unknown; readonly origin: 'file' | 'default' }>
  >;
}

export interface RiskReport {
  readonly asOf: string;
  readonly baseCurrency: 'USD';
  readonly accounts: readonly AccountReport[];
  readonly portfolio: PortfolioReport;
  readonly inputs: ReportInputs;
  /**
   * What could not be computed, each naming the account, position and field, and what it
   * removes: the whole account, its scenario measures, or a liquidity add-on (refusal.ts).
   * Portfolio figures cover the rest.
   */
  readonly refusals: readonly Refusal[];
}
