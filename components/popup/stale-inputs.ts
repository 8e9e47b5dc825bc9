import type { RiskReport } from '../../lib/engine';
import { venueName } from '../../lib/connections/account-names';
import { instrumentNames } from '../../lib/format/instrument-name';
import { dayWords } from './stress-words';

/** Embedded data older than this is flagged (issue 11: 30 days). */
export const STALE_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Embedded figures the report used that are older than 30 days, each with its date and how to
 * get fresh ones: the embedded market snapshot (when any volatility or correlation came from it)
 * and embedded margin-tier tables (per venue and table). Pure: `nowMs` is passed in.
 */
export interface StaleInput {
  readonly kind: 'market' | 'tiers';
  /** ISO date of the data. */
  readonly asOf: string;
  readonly message: string;
}

export function staleInputs(report: RiskReport, nowMs: number): StaleInput[] {
  const old = (asOf: string) => {
    const time = Date.parse(asOf);
    return Number.isFinite(time) && nowMs - time > STALE_AFTER_DAYS * DAY_MS;
  };
  const found: StaleInput[] = [];
  const embedded = [
    ...Object.values(report.inputs.annualVols),
    ...Object.values(report.inputs.correlations),
  ].some((figure) => figure.origin === 'embedded-default');
  if (embedded && old(report.inputs.defaultsAsOf))
    found.push({
      kind: 'market',
      asOf: report.inputs.defaultsAsOf,
      message: `Volatilities and correlations come from the market snapshot built into Margin Lens, dated ${dayWords(report.inputs.defaultsAsOf.slice(0, 10))}. For today's, turn on live market data in the settings.`,
    });
  const tables = new Map<string, { venue: string; asOf: string; symbols: string[] }>();
  for (const account of report.accounts)
    for (const position of account.positions) {
      const table = position.tierTable;
      if (position.tierOrigin !== 'embedded' || table === null || !old(table.asOf)) continue;
      const key = `${account.venue} ${table.asOf}`;
      const entry = tables.get(key) ?? { venue: account.venue, asOf: table.asOf, symbols: [] };
      if (!entry.symbols.includes(position.symbol)) entry.symbols.push(position.symbol);
      tables.set(key, entry);
    }
  for (const entry of tables.values()) {
    const names = instrumentNames(entry.symbols);
    found.push({
      kind: 'tiers',
      asOf: entry.asOf,
      message: `${venueName(entry.venue)} margin tiers for ${entry.symbols.map((symbol) => names.get(symbol) ?? symbol).join(', ')} come from a table built into Margin Lens, dated ${dayWords(entry.asOf.slice(0, 10))}. Connect the account with a read-only key to use the venue's own tiers.`,
    });
  }
  return found;
}
