import type { RiskReport } from '../engine';
import type { AlertInput } from './alert-input';
import type { AlertRules } from './alert-rules';
import type { AlertTarget } from './alert-check';
import { tradingPageUrlFor } from '../overlay/pages/page-descriptors';

/** What every check reads: the input with its report, the rules, and which alerts held last time. */
export interface CheckContext {
  readonly input: AlertInput;
  readonly report: RiskReport;
  readonly rules: AlertRules;
  /** Whether the alert with this key held at the last evaluation (for hysteresis). */
  readonly wasActive: (key: string) => boolean;
  /** Milliseconds since the epoch. */
  readonly nowMs: number;
}

/** The venue's trading page for the instrument, or the popup when no page fits. */
export function positionTarget(venue: string, symbol: string | null): AlertTarget {
  const url = symbol === null ? null : tradingPageUrlFor(venue, symbol);
  return url === null ? { kind: 'popup' } : { kind: 'page', url };
}
