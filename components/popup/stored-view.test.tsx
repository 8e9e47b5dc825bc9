import { describe, expect, it } from 'vitest';
import type { VenueConnection } from '../../lib/connections/connection-types';
import { accountLabeller } from '../../lib/connections/account-names';
import type { StoredRiskState } from '../../lib/storage/risk-state-item';
import { COMPUTED_AT, HEDGE_REPORT } from './popup-test-views';
import { storedView } from './stored-view';

const stored: StoredRiskState = {
  inputsId: 'x',
  computedAt: COMPUTED_AT,
  source: 'connected',
  outcome: { ok: true, report: HEDGE_REPORT },
  accountConnections: { 'binance-main': 'binanceusdm-main', 'bybit-hedge': 'bybit-hedge' },
};
const connections: VenueConnection[] = [
  {
    id: 'binanceusdm-main',
    venue: 'binanceusdm',
    label: 'main',
    credentialKind: 'apiKey',
    createdAt: COMPUTED_AT,
  },
  {
    id: 'bybit-hedge',
    venue: 'bybit',
    label: 'hedge',
    credentialKind: 'apiKey',
    createdAt: COMPUTED_AT,
  },
];

describe('storedView', () => {
  it('is the stored state with the trader’s names for the accounts, data ages unknown', () => {
    const view = storedView(stored, connections);
    expect(view?.report).toBe(HEDGE_REPORT);
    expect(view?.computedAt).toBe(COMPUTED_AT);
    const labelOf = accountLabeller(view ?? { connections: [], accountConnections: {} });
    expect(HEDGE_REPORT.accounts.map(labelOf)).toEqual(['main', 'hedge']);
    expect(view?.connections.map((item) => item.dataAgeSeconds)).toEqual([null, null]);
  });

  it('is null without a usable state, or for a state stored in an older shape', () => {
    expect(storedView(null, connections)).toBeNull();
    expect(
      storedView({ ...stored, outcome: { ok: false, problem: 'no' } }, connections),
    ).toBeNull();
    const older: { -readonly [key in keyof typeof HEDGE_REPORT.portfolio]?: unknown } = {
      ...HEDGE_REPORT.portfolio,
    };
    delete older.pnlByMove;
    expect(
      storedView(
        {
          ...stored,
          outcome: { ok: true, report: { ...HEDGE_REPORT, portfolio: older as never } },
        },
        connections,
      ),
    ).toBeNull();
  });
});
