import type { MarketSnapshot, SourcedFigure } from './market-snapshot';
import { Origin } from './market-snapshot';

/**
 * Figures from an old embedded snapshot say so: when the report's time is more than
 * {@link STALE_SNAPSHOT_DAYS} days after the embedded default market's date (`defaultsAsOf`,
 * a UTC day), every vol and correlation the snapshot took from it carries, in its `source`,
 * "volatility from the embedded snapshot of 2025-02-11, 665 days old" ("correlation from …" for
 * a correlation), after the reason live data did not supply it when there is one. Figures from
 * the file or live data are left as they are; so is everything within 30 days.
 *
 * Age: whole days from 00:00 UTC of `defaultsAsOf` to `asOf` (the portfolio's time, ISO-8601),
 * rounded down; none when `asOf` is earlier or either date cannot be read. Pure: no clock.
 * Returns a new snapshot; the one given is not changed.
 */
export const STALE_SNAPSHOT_DAYS = 30;

const DAY_MS = 86_400_000;

export function withSnapshotAgeNotes(snapshot: MarketSnapshot, asOf: string): MarketSnapshot {
  const ageMs = Date.parse(asOf) - Date.parse(`${snapshot.defaultsAsOf.slice(0, 10)}T00:00:00Z`);
  const ageDays = Math.floor(ageMs / DAY_MS);
  if (!(ageDays > STALE_SNAPSHOT_DAYS)) return snapshot;
  const age = `the embedded snapshot of ${snapshot.defaultsAsOf.slice(0, 10)}, ${ageDays} days old`;
  const noted = (
    figures: Readonly<Record<string, SourcedFigure>>,
    what: 'volatility' | 'correlation',
  ): Record<string, SourcedFigure> =>
    Object.fromEntries(
      Object.entries(figures).map(([key, figure]) => [
        key,
        figure.origin === Origin.embeddedDefault
          ? {
              ...figure,
              source: `${figure.source === undefined ? '' : `${figure.source}; `}${what} from ${age}`,
            }
          : figure,
      ]),
    );
  return {
    ...snapshot,
    annualVols: noted(snapshot.annualVols, 'volatility'),
    correlations: noted(snapshot.correlations, 'correlation'),
  };
}
