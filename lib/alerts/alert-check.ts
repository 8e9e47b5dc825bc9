/**
 * What the alert checks say about the current risk state, before the evaluator (evaluate-alerts.ts)
 * decides what to notify: a condition per subject (a position, an account, a connection, the
 * portfolio) that holds or not, or a one-off event (a hedge broken). Words are written by the
 * checks, in a trader's terms; the evaluator only chooses which title goes with which moment.
 */
export const AlertKind = {
  /** A position near its liquidation price, or its silo's chance of liquidation high. */
  liquidation: 'liquidation',
  /** An account's margin ratio at or above its warning level. */
  marginRatio: 'margin-ratio',
  /** The worst stress scenario's loss above a share of the portfolio's equity. */
  stressLoss: 'stress-loss',
  /** A connected account's figures not refreshed for too long. */
  stale: 'stale',
  /** A leg of a hedge across accounts liquidated or shrunk, leaving the other alone. */
  brokenHedge: 'broken-hedge',
  /** A position we warned about is no longer open (perhaps liquidated). */
  positionGone: 'position-gone',
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

/** Where clicking a notification takes the trader. */
export type AlertTarget =
  | { readonly kind: 'page'; readonly url: string }
  | { readonly kind: 'popup' }
  | { readonly kind: 'options' };

/** One subject's condition now, with hysteresis applied (hysteresis.ts). */
export interface AlertCheck {
  /** Stable across evaluations: `<kind>|<subject>` (liquidation|binance-main|BTC/USDT:USDT|long). */
  readonly key: string;
  readonly kind: AlertKind;
  /** The report account it concerns; null for the portfolio or a connection. */
  readonly accountId: string | null;
  /** What it is about, named for the trader ("Bybit (hedge) BTC perp short"). */
  readonly subject: string;
  readonly holds: boolean;
  readonly titles: {
    /** When it starts to hold ("Near liquidation: Bybit BTC perp short"). */
    readonly alert: string;
    /** When it still holds after the reminder time. */
    readonly reminder: string;
    /** When it clears ("Back to safe: …"). */
    readonly safe: string;
  };
  /** The figures now, in words. */
  readonly message: string;
  /** A smaller line: what a σ is, how old the figures are. */
  readonly context: string;
  readonly target: AlertTarget;
}

/** A one-off event, notified once. */
export interface AlertEvent {
  readonly key: string;
  readonly kind: AlertKind;
  readonly title: string;
  readonly message: string;
  readonly context: string;
  readonly target: AlertTarget;
  /** Alert keys whose subject the event accounts for (their own "gone" notice is not sent). */
  readonly covers: readonly string[];
}
