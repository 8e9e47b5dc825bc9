import type Decimal from 'decimal.js';
import type { AccountMargin } from '../margin/margin-types';
import type { VenueReportedAccount } from '../product/types';
import type { AccountReport, VenueReportedComparison } from './risk-report-types';

/**
 * Our figure beside the venue's own, with the difference ours − venue (null when either is
 * missing). Units: whatever the two figures share (the account's settlement asset for money,
 * a fraction for a margin ratio).
 */
export function compareWithVenue(
  ours: number | null,
  venue: Decimal | null,
): VenueReportedComparison {
  const venueValue = venue === null ? null : venue.toNumber();
  return {
    ours,
    venue: venueValue,
    difference: ours === null || venueValue === null ? null : ours - venueValue,
  };
}

/**
 * An account's venue-reported figures beside ours: margin ratio (maintenance margin / equity, a
 * fraction; ours is Infinity when equity ≤ 0 with margin held, shown as null), maintenance margin
 * and equity in the settlement asset — as the report's optional `venueReported`, absent when the
 * venue reported none.
 */
export function accountVenueComparison(
  margin: AccountMargin,
  reported: VenueReportedAccount | undefined,
): Pick<AccountReport, 'venueReported'> {
  if (!reported) return {};
  const venueReported: NonNullable<AccountReport['venueReported']> = {
    ...(reported.marginRatio !== undefined && {
      marginRatio: compareWithVenue(
        Number.isFinite(margin.marginRatio) ? margin.marginRatio : null,
        reported.marginRatio,
      ),
    }),
    ...(reported.maintenanceMargin !== undefined && {
      maintenanceMargin: compareWithVenue(margin.maintenanceMargin, reported.maintenanceMargin),
    }),
    ...(reported.equity !== undefined && {
      equity: compareWithVenue(margin.equity, reported.equity),
    }),
  };
  return { venueReported };
}
