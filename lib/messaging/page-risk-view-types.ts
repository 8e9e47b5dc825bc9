import type { TradeImpact, TradeImpactRefusal } from '../engine';
import type { Freshness } from '../connections/connection-types';
import type { PortfolioOrigin } from '../connections/assemble-portfolio';

/**
 * What the on-page overlay shows (page-risk-view.ts builds it from the risk state): the page's
 * instrument on its venue, every other leg on the same underlying across venues and accounts,
 * the accounts that hold them, and the portfolio's true margin. Only what the overlay shows
 * crosses to the content script: no keys, no settings, no account outside these legs.
 *
 * Units: prices in the instrument's quote currency; account money in its settlement asset;
 * portfolio money in USD; distances and probabilities as fractions.
 */
export interface PageLegProbability {
  readonly value: number;
  /** The 95% interval; with `noPathHit`, [0, upper bound]. */
  readonly low: number;
  readonly high: number;
  readonly noPathHit?: true;
  /** Simulated paths it was estimated on. */
  readonly paths: number;
}

/** One position (leg) on the page's underlying. */
export interface PageLeg {
  /** Unique within the view: account, symbol and side. */
  readonly key: string;
  /** This venue's accounts by their ids; other venues' by an opaque one ("other-2"). */
  readonly accountId: string;
  /** The name the trader gave the connection (or the file's account id). */
  readonly accountLabel: string;
  readonly venue: string;
  readonly venueName: string;
  readonly symbol: string;
  /** A trader's name for the instrument ("BTC perp"), never a ccxt symbol. */
  readonly instrumentName: string;
  readonly side: 'long' | 'short';
  readonly contracts: number;
  readonly marginMode: 'cross' | 'isolated' | 'portfolio';
  readonly markPrice: number;
  /** Null: this leg cannot be liquidated on its own ("no liquidation"). */
  readonly liquidationPrice: number | null;
  /** (liquidation − reference) / reference: negative when the price must fall; 0 once the price is at or past it. */
  readonly signedDistancePct: number | null;
  /** The distance in the horizon's σ (daily when the horizon is 24 h); null without a volatility. */
  readonly distanceSigma: number | null;
  /**
   * This leg's own probability of liquidation within the horizon (isolated legs); null for a
   * cross leg, whose probability is its account's (PageAccount.liquidationProbability).
   */
  readonly liquidationProbability: PageLegProbability | null;
  /** Same venue and symbol as the page. */
  readonly onThisPage: boolean;
  /** Same venue as the page (another instrument, or another account). */
  readonly onThisVenue: boolean;
  /** For a connected or page-read account: whether its data is current, and how old (null for a file). */
  readonly freshness: Freshness | null;
  readonly dataAgeSeconds: number | null;
  /** Why it is stale, in words (what to do); null when fresh or a file's. */
  readonly staleReason: string | null;
}

/** An account that holds one of the legs. */
export interface PageAccount {
  readonly accountId: string;
  readonly accountLabel: string;
  readonly venue: string;
  readonly venueName: string;
  readonly settle: string;
  readonly equity: number;
  readonly maintenanceMargin: number;
  /** Maintenance margin / equity; null when equity ≤ 0 (no ratio exists; `underwater` is true). */
  readonly marginRatio: number | null;
  /** Equity ≤ maintenance margin: at or past liquidation (the report's `underwater`). */
  readonly underwater: boolean;
  /** The account's probability of any liquidation within the horizon (its cross silo and isolated legs). */
  readonly liquidationProbability: PageLegProbability | null;
  readonly freshness: Freshness | null;
  readonly dataAgeSeconds: number | null;
  readonly staleReason: string | null;
}

/** The leg nearest to liquidation (in σ where known, else in %), when it is not this page's. */
export interface FirstToDie {
  readonly legKey: string;
  /** One plain line: "Your Bybit short is liquidated first, at 99,525 (+4.8%)". */
  readonly message: string;
}

export interface PageRiskView {
  readonly source: PortfolioOrigin;
  readonly computedAt: string;
  readonly horizonHours: number;
  readonly venue: string;
  readonly venueName: string;
  readonly symbol: string | null;
  readonly instrumentName: string;
  readonly underlying: string;
  /** Every leg on the underlying, nearest to liquidation first. */
  readonly legs: readonly PageLeg[];
  readonly accounts: readonly PageAccount[];
  readonly firstToDie: FirstToDie | null;
  /** The venue's accounts a pre-trade check may use (the page's position's account first). */
  readonly orderAccounts: readonly { readonly accountId: string; readonly accountLabel: string }[];
  readonly portfolio: {
    /** What a portfolio-margin model would ask (USD). */
    readonly trueMargin: number;
    /** What the venues ask: the sum of their maintenance margins (USD). */
    readonly venueMaintenanceMargin: number;
    readonly venueInitialMargin: number | null;
    readonly expectedShortfall: number;
    readonly confidence: number;
  };
  /** Accounts on this venue the report had to leave out (the popup names them and why). */
  readonly excludedAccounts: number;
}

/**
 * The pre-trade check's answer: the engine's figures with what was assumed to get them (a mark
 * or contract size the book does not carry), or the order field it could not use and why.
 */
export type PageTradeImpact =
  | {
      readonly ok: true;
      readonly impact: TradeImpact;
      /** Plain sentences, e.g. "Mark taken as your limit price: no position carries ETH's mark." */
      readonly assumptions: readonly string[];
    }
  | { readonly ok: false; readonly refused: TradeImpactRefusal['refused'] };
