// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionsView } from '../lib/messaging/protocol';
import { connectionProblem } from '../lib/venues/api/connection-problem';
import { VENUE_API_HOSTS, MARKET_DATA_HOSTS } from '../lib/venues/api/venue-hosts';
import { VENUE_IDS } from '../lib/venues/venue-descriptors';
import { OptionsView, type OptionsActions } from './OptionsView';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../lib/alerts/alert-rules';
import type { AlertRulesView } from '../lib/messaging/alert-requests';
import type { LoadState } from './load-state';

afterEach(cleanup);

const view = (overrides: Partial<ConnectionsView> = {}): ConnectionsView => ({
  vault: 'unlocked',
  connections: [],
  venues: VENUE_IDS.map((venue) => ({
    venue,
    credentialKind: venue === 'hyperliquid' ? 'address' : 'apiKey',
    needsPassword: venue === 'okx',
    hostPermissions: VENUE_API_HOSTS[venue],
  })),
  refreshMinutes: 1,
  idleLockMinutes: 15,
  importedAccounts: 0,
  liveMarketAllowed: false,
  liveMarketHosts: MARKET_DATA_HOSTS,
  ...overrides,
});

const alertRules = (rules: AlertRules = DEFAULT_ALERT_RULES): LoadState<AlertRulesView> => ({
  status: 'ready',
  view: {
    rules,
    defaults: DEFAULT_ALERT_RULES,
    accounts: [
      {
        id: 'binanceusdm-main',
        name: 'Binance USDⓈ-M futures (Main)',
        venueMarginWarning: { ratio: 0.8, setBy: 'venue' },
      },
      {
        id: 'hyperliquid',
        name: 'Hyperliquid',
        venueMarginWarning: { ratio: 0.8, setBy: 'default' },
      },
    ],
    problem: null,
  },
});

function actions(overrides: Partial<OptionsActions> = {}): OptionsActions {
  const unexpected = () => Promise.reject(new Error('not expected in this test'));
  return {
    createVault: unexpected,
    unlockVault: unexpected,
    lockVault: unexpected,
    deleteVault: unexpected,
    testConnection: unexpected,
    connectVenue: unexpected,
    disconnect: unexpected,
    refresh: unexpected,
    saveSettings: unexpected,
    setLiveMarket: unexpected,
    importPortfolio: unexpected,
    exportPortfolio: unexpected,
    saveAlertRules: unexpected,
    ...overrides,
  };
}

describe('OptionsView', () => {
  it('asks for a passphrase to create the vault, and shows why one was refused', async () => {
    const createVault = vi.fn<OptionsActions['createVault']>(() =>
      Promise.reject(new Error('the passphrase is too short')),
    );
    render(
      <OptionsView
        state={{ status: 'ready', view: view({ vault: 'absent' }) }}
        alerts={alertRules()}
        actions={actions({ createVault })}
      />,
    );
    fireEvent.input(screen.getByTestId('passphrase'), { target: { value: 'short' } });
    fireEvent.click(screen.getByTestId('vault-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('vault-error').textContent).toBe('the passphrase is too short'),
    );
    expect(createVault).toHaveBeenCalledWith('short');
    // A key cannot be connected before the vault exists; an address can.
    expect((screen.getByTestId('connect-venue') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends the OKX passphrase with the key, and shows a refusal with what to do', async () => {
    const connectVenue = vi.fn<OptionsActions['connectVenue']>(() =>
      Promise.resolve({
        ok: false as const,
        problem: connectionProblem(
          'okx',
          'tradeCapableKey',
          'It can trade (GET /api/v5/account/config).',
        ),
      }),
    );
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions({ connectVenue })}
      />,
    );
    fireEvent.change(screen.getByTestId('venue'), { target: { value: 'okx' } });
    fireEvent.input(screen.getByTestId('field-apiKey'), { target: { value: 'key' } });
    fireEvent.input(screen.getByTestId('field-secret'), { target: { value: 'secret' } });
    fireEvent.input(screen.getByTestId('field-password'), { target: { value: 'phrase' } });
    fireEvent.click(screen.getByTestId('connect-venue'));
    const problem = await screen.findByTestId('connect-problem');
    expect(connectVenue.mock.calls[0]?.[1]).toBe('');
    expect(connectVenue.mock.calls[0]?.[2]).toEqual({
      kind: 'apiKey',
      apiKey: 'key',
      secret: 'secret',
      password: 'phrase',
    });
    expect(problem.getAttribute('data-problem')).toBe('tradeCapableKey');
    expect(problem.textContent).toContain('OKX reports that this key can trade or withdraw.');
    expect(problem.textContent).toContain('Margin Lens accepts read-only keys only.');
  });

  it('says what a Gate key needs, and that Gate may not let its key be checked', () => {
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions()}
      />,
    );
    expect(screen.queryByTestId('key-advice')).toBeNull();
    fireEvent.change(screen.getByTestId('venue'), { target: { value: 'gate' } });
    const advice = screen.getByTestId('key-advice').textContent ?? '';
    expect(advice).toContain('Account, Perpetual futures and Delivery, each read only');
    expect(advice).toContain('the key is not confirmed');
  });

  it('never shows a Gate key it could not check as confirmed, when tested or connected', async () => {
    const notChecked = "Gate lists only its main account's keys and this key is not among them";
    const testConnection = vi.fn<OptionsActions['testConnection']>(() =>
      Promise.resolve({
        ok: true as const,
        permissions: {
          readOnly: false,
          capabilities: [],
          checkedWith: 'GET /api/v4/account/main_keys',
          notChecked,
        },
        accounts: 1,
        positions: 2,
      }),
    );
    const connectVenue = vi.fn<OptionsActions['connectVenue']>(() =>
      Promise.resolve({ ok: true as const, keyNotChecked: notChecked }),
    );
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions({ testConnection, connectVenue })}
      />,
    );
    fireEvent.change(screen.getByTestId('venue'), { target: { value: 'gate' } });
    fireEvent.input(screen.getByTestId('field-apiKey'), { target: { value: 'key' } });
    fireEvent.input(screen.getByTestId('field-secret'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId('test-connection'));
    const tested = (await screen.findByTestId('connect-result')).textContent ?? '';
    expect(tested).toContain(
      `Gate did not let Margin Lens check this key's permissions (${notChecked})`,
    );
    expect(tested).toContain('Make sure it is read-only yourself.');
    expect(tested).not.toContain('confirmed (');
    fireEvent.click(screen.getByTestId('connect-venue'));
    await waitFor(() =>
      expect(screen.getByTestId('connect-result').textContent).toContain('Connected.'),
    );
    expect(screen.getByTestId('connect-result').textContent).toContain(
      'it is not confirmed read-only. Make sure it is read-only yourself.',
    );
  });

  it('connects Hyperliquid by address alone and reports a test read', async () => {
    const testConnection = vi.fn<OptionsActions['testConnection']>(() =>
      Promise.resolve({ ok: true as const, permissions: null, accounts: 1, positions: 3 }),
    );
    render(
      <OptionsView
        state={{ status: 'ready', view: view({ vault: 'locked' }) }}
        alerts={alertRules()}
        actions={actions({ testConnection })}
      />,
    );
    fireEvent.change(screen.getByTestId('venue'), { target: { value: 'hyperliquid' } });
    expect(screen.queryByTestId('field-apiKey')).toBeNull();
    fireEvent.input(screen.getByTestId('field-address'), { target: { value: '0xabc' } });
    expect((screen.getByTestId('connect-venue') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('test-connection'));
    expect((await screen.findByTestId('connect-result')).textContent).toBe(
      'Read. 1 account, 3 positions.',
    );
    expect(testConnection.mock.calls[0]?.[1]).toEqual({ kind: 'address', address: '0xabc' });
  });

  it('says when connected data is stale and why, with its age', () => {
    const problem = connectionProblem('bybit', 'ipNotAllowed', undefined, '10010');
    render(
      <OptionsView
        state={{
          status: 'ready',
          view: view({
            connections: [
              {
                connection: {
                  id: 'bybit',
                  venue: 'bybit',
                  label: 'Bybit',
                  credentialKind: 'apiKey',
                  keyFingerprint: 'abcd…wxyz',
                  createdAt: '2026-11-24T10:00:00Z',
                },
                freshness: 'stale',
                staleReason: `Last read failed: ${problem.message}`,
                dataAgeSeconds: 420,
                lastSuccessAt: '2026-11-24T11:53:00Z',
                problem,
                accountIds: ['bybit'],
                positionCount: 2,
              },
            ],
          }),
        }}
        alerts={alertRules()}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('connection-freshness').textContent).toBe('stale');
    expect(screen.getByTestId('connection-age').textContent).toBe('data 7 min ago');
    expect(screen.getByTestId('connection-problem').textContent).toContain(
      "Bybit refused the request because the key does not allow this IP address (code 10010). Add your current IP address to the key's allow-list",
    );
  });

  it('turns live market data on for the public hosts it names', async () => {
    const setLiveMarket = vi.fn<OptionsActions['setLiveMarket']>(() => Promise.resolve());
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions({ setLiveMarket })}
      />,
    );
    expect(screen.getByTestId('live-market').textContent).toContain(
      'https://fapi.binance.com and https://www.deribit.com',
    );
    fireEvent.click(screen.getByTestId('toggle-live-market'));
    await waitFor(() => expect(setLiveMarket).toHaveBeenCalledWith(true, MARKET_DATA_HOSTS));
  });
});

describe('OptionsView: alert rules', () => {
  const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

  it('shows the rules in force as a trader types them, each with its default', () => {
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions()}
      />,
    );
    const section = screen.getByTestId('alert-rules');
    expect(field('alert-enabled').checked).toBe(true);
    expect(field('alert-distancePct').value).toBe('5');
    expect(field('alert-distanceSigma').value).toBe('2');
    expect(field('alert-probabilityPct').value).toBe('10');
    expect(field('alert-marginRatio').value).toBe('venue');
    expect(field('alert-staleMinutes').value).toBe('15');
    expect(field('alert-brokenHedge').checked).toBe(true);
    expect(field('alert-stressPct').value).toBe('100');
    expect(field('alert-clearMarginPct').value).toBe('20');
    expect(field('alert-reminderMinutes').value).toBe('60');
    expect(section.textContent).toContain('(default 5%)');
    expect(section.textContent).toContain('σ: a typical day’s move of the price; default 2');
    // Each account, with the level "the venue's" means for it.
    const rows = screen.getAllByTestId('alert-account');
    expect(rows.map((row) => row.firstElementChild?.textContent)).toEqual([
      'Binance USDⓈ-M futures (Main)the venue warns at 80%',
      'Hyperliquid80% by Margin Lens (the venue publishes none)',
    ]);
    expect(
      (rows[0]?.querySelector('[data-testid="alert-account-marginRatioPct"]') as HTMLInputElement)
        .placeholder,
    ).toBe('80');
  });

  it('saves what was typed as fractions, an account’s own rules and silence, keeping others’', async () => {
    const saveAlertRules = vi.fn<OptionsActions['saveAlertRules']>(() => Promise.resolve());
    const saved: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: { 'an-old-account': { muted: true } },
    };
    const { rerender } = render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules(saved)}
        actions={actions({ saveAlertRules })}
      />,
    );
    fireEvent.input(field('alert-distancePct'), { target: { value: '7.5' } });
    fireEvent.input(field('alert-probabilityPct'), { target: { value: '' } });
    fireEvent.change(field('alert-marginRatio'), { target: { value: 'own' } });
    fireEvent.input(field('alert-marginRatioPct'), { target: { value: '70' } });
    fireEvent.input(field('alert-reminderMinutes'), { target: { value: '0' } });
    const [binance, hyperliquid] = screen.getAllByTestId('alert-account');
    const inRow = (row: HTMLElement | undefined, id: string) =>
      row?.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    fireEvent.input(inRow(binance, 'alert-account-distanceSigma'), { target: { value: '1,5' } });
    fireEvent.click(inRow(hyperliquid, 'alert-account-muted'));
    fireEvent.click(screen.getByTestId('save-alert-rules'));
    await waitFor(() =>
      expect(screen.getByTestId('alert-rules-result').textContent).toBe(
        'Saved: the rules apply from now.',
      ),
    );
    const stored = saveAlertRules.mock.calls[0]?.[0];
    expect(stored).toEqual({
      ...DEFAULT_ALERT_RULES,
      accounts: {
        ...DEFAULT_ALERT_RULES.accounts,
        liquidationDistancePct: 0.075,
        liquidationProbability: null,
        marginRatio: 0.7,
      },
      accountOverrides: {
        'an-old-account': { muted: true },
        'binanceusdm-main': { liquidationDistanceSigma: 1.5 },
        hyperliquid: { muted: true },
      },
      reminderMinutes: 0,
    });
    // The page then shows the rules as stored: the form is read anew, the word of the save stays.
    if (stored === undefined) throw new Error('saved');
    rerender(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules(stored)}
        actions={actions({ saveAlertRules })}
      />,
    );
    expect(field('alert-distancePct').value).toBe('7.5');
    expect(field('alert-marginRatioPct').value).toBe('70');
    expect(screen.getByTestId('alert-rules-result').textContent).toBe(
      'Saved: the rules apply from now.',
    );
  });

  it('names the field typed wrongly and sends nothing', () => {
    const saveAlertRules = vi.fn<OptionsActions['saveAlertRules']>(() => Promise.resolve());
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={alertRules()}
        actions={actions({ saveAlertRules })}
      />,
    );
    fireEvent.input(field('alert-distancePct'), { target: { value: '150' } });
    fireEvent.click(screen.getByTestId('save-alert-rules'));
    expect(screen.getByTestId('alert-rules-result').textContent).toBe(
      'Near liquidation: closer than: a percentage above 0 and at most 100.',
    );
    expect(saveAlertRules).not.toHaveBeenCalled();
  });

  it('keeps the other sections working while the rules load', () => {
    render(
      <OptionsView
        state={{ status: 'ready', view: view() }}
        alerts={{ status: 'loading' }}
        actions={actions()}
      />,
    );
    expect(screen.getByTestId('alert-rules').textContent).toBe('AlertsLoading…');
    expect(screen.getByTestId('vault')).toBeDefined();
    expect(screen.getByTestId('connect')).toBeDefined();
  });
});
