import { describe, expect, it } from 'vitest';
import { supportedVenueIds } from '../../margin/venue-rules';
import { PORTFOLIO_VENUE_IDS } from './venue-field';

describe('PORTFOLIO_VENUE_IDS', () => {
  it('are the venues with margin rules, in the registry order', () => {
    expect([...PORTFOLIO_VENUE_IDS]).toEqual(supportedVenueIds());
  });
});
