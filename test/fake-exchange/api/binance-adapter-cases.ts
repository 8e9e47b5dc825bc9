import { describe, expect, it } from 'vitest';
import type {
  CcxtExchange,
  PortfolioFileAccount,
  VenueAdapter,
} from '../../../lib/venues/api/venue-api-types';
import { problemOf, type FakeApiSetup } from './adapter-test-setup';
import type { FakeProfile } from './fake-api';

/**
 * What the USDⓈ-M and COIN-M adapters must both do against the fake Binance API, written once:
 * an empty account gives nothing; one request per endpoint however many positions (Binance does
 * not paginate positions); every error profile is a problem a trader understands, without the
 * key or secret in it (Binance error codes, developers.binance.com … /error-code).
 */
export interface BinanceAdapterCases {
  readonly venue: 'binanceusdm' | 'binancecoinm';
  readonly adapter: VenueAdapter;
  /** `GET /fapi/v3/positionRisk` or `GET /dapi/v1/positionRisk`. */
  readonly positionRequest: string;
  readonly fake: FakeApiSetup;
  readonly exchange: (apiKey: string) => CcxtExchange;
  readonly keys: Readonly<Record<FakeProfile, string>>;
  readonly secret: string;
  readonly asOf: string;
  /** What the read-only profile gives (the paginated profile must give the same). */
  readonly readOnlyAccounts: () => readonly PortfolioFileAccount[];
}

export function describeBinanceAdapterCases(cases: BinanceAdapterCases): void {
  const { venue, adapter, keys, asOf } = cases;
  const read = (profile: FakeProfile) =>
    adapter.fetchAccounts(cases.exchange(keys[profile]), 'main', asOf);

  describe(`${venue}: accounts without positions, pagination`, () => {
    it('returns no account and no table for an empty account', async () => {
      expect(await read('empty')).toEqual({ accounts: [], tierTables: [] });
    });

    it('needs one request per endpoint however many positions (Binance does not paginate them)', async () => {
      const { result, requests } = await cases.fake.recording(() => read('paginated'));
      expect(result.accounts).toEqual(cases.readOnlyAccounts());
      expect(requests.filter((line) => line === cases.positionRequest)).toHaveLength(1);
    });
  });

  describe(`${venue}: venue errors a trader understands`, () => {
    it.each([
      ['ipNotAllowed', 'wrongKey', '-2015'],
      ['expired', 'wrongKey', '-2015'],
      ['clockSkew', 'clockSkew', '-1021'],
      ['rateLimited', 'rateLimited', '-1003'],
      ['venueDown', 'venueDown', undefined],
    ] as const)('%s → %s', async (profile, kind, code) => {
      const { problem } = await problemOf(venue, () => read(profile));
      expect(problem.kind).toBe(kind);
      expect(problem.venueCode).toBe(code);
      expect(problem.message).not.toContain(keys[profile]);
      expect(problem.message).not.toContain(cases.secret);
    });
  });
}
