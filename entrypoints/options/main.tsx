import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OptionsView, type OptionsActions } from '@/components/OptionsView';
import type { LoadState } from '@/components/load-state';
import { checkPortfolioTextLength } from '@/lib/engine/portfolio/portfolio-limits';
import type { AlertRulesView } from '@/lib/messaging/alert-requests';
import type { ConnectionsView, VenueInfo } from '@/lib/messaging/protocol';
import { sendRequest } from '@/lib/messaging/send-request';
import '../popup/style.css';
import './style.css';

// Wiring only: background requests, the browser's host-permission prompt, file download.
function Options() {
  const [state, setState] = useState<LoadState<ConnectionsView>>({ status: 'loading' });
  const [alerts, setAlerts] = useState<LoadState<AlertRulesView>>({ status: 'loading' });
  const show = useCallback((view: ConnectionsView) => setState({ status: 'ready', view }), []);
  useEffect(() => {
    const failed = (error: unknown) => ({
      status: 'error' as const,
      message: error instanceof Error ? error.message : String(error),
    });
    sendRequest({ type: 'getConnections' }).then(show, (error: unknown) => setState(failed(error)));
    sendRequest({ type: 'getAlertRules' }).then(
      (view) => setAlerts({ status: 'ready', view }),
      (error: unknown) => setAlerts(failed(error)),
    );
  }, [show]);

  // Asked from the click that connects, so the browser can show its prompt.
  const allowHosts = async (venue: VenueInfo) => {
    const granted = await browser.permissions.request({ origins: [...venue.hostPermissions] });
    if (!granted)
      throw new Error(
        `Margin Lens needs access to ${venue.hostPermissions.join(', ')} to read ${venue.venue}; the request was declined.`,
      );
  };

  const actions: OptionsActions = {
    createVault: async (passphrase) => show(await sendRequest({ type: 'createVault', passphrase })),
    unlockVault: async (passphrase) => show(await sendRequest({ type: 'unlockVault', passphrase })),
    lockVault: async () => show(await sendRequest({ type: 'lockVault' })),
    deleteVault: async () => {
      if (!window.confirm('Delete the key vault and every key connection? This cannot be undone.'))
        return;
      show(await sendRequest({ type: 'deleteVault' }));
    },
    testConnection: async (venue, credentials) => {
      await allowHosts(venue);
      return sendRequest({ type: 'testConnection', venue: venue.venue, credentials });
    },
    connectVenue: async (venue, label, credentials) => {
      await allowHosts(venue);
      const result = await sendRequest({
        type: 'connectVenue',
        venue: venue.venue,
        label,
        credentials,
      });
      if (!result.ok) return result;
      show(result.view);
      return {
        ok: true,
        ...(result.keyNotChecked !== undefined && { keyNotChecked: result.keyNotChecked }),
      };
    },
    disconnect: async (connectionId) =>
      show(await sendRequest({ type: 'disconnectVenue', connectionId })),
    refresh: async () => show(await sendRequest({ type: 'refreshAccounts', force: true })),
    setLiveMarket: async (allowed, hosts) => {
      const origins = [...hosts];
      if (allowed && !(await browser.permissions.request({ origins })))
        throw new Error(
          `Live market data needs access to ${hosts.join(', ')}; the request was declined.`,
        );
      if (!allowed) {
        // Hosts a connected venue still reads through stay allowed.
        const view = await sendRequest({ type: 'getConnections' });
        const inUse = new Set(
          view.connections.flatMap(
            ({ connection }) =>
              view.venues.find((venue) => venue.venue === connection.venue)?.hostPermissions ?? [],
          ),
        );
        const unused = origins.filter((origin) => !inUse.has(origin));
        if (unused.length > 0) await browser.permissions.remove({ origins: unused });
      }
      show(await sendRequest({ type: 'refreshAccounts', force: false }));
    },
    saveAlertRules: async (rules) =>
      setAlerts({ status: 'ready', view: await sendRequest({ type: 'saveAlertRules', rules }) }),
    saveSettings: async (refreshMinutes, idleLockMinutes) =>
      show(await sendRequest({ type: 'saveSettings', refreshMinutes, idleLockMinutes })),
    importPortfolio: async (text) => {
      let file: unknown;
      try {
        // Refused by length before parsing (the background checks again what arrives).
        checkPortfolioTextLength(text.length);
      } catch (error) {
        throw new Error(
          `The portfolio file was not imported. ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      try {
        file = JSON.parse(text);
      } catch (error) {
        throw new Error(
          `The file is not JSON: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      show(await sendRequest({ type: 'importPortfolio', file }));
    },
    exportPortfolio: async () => {
      const { file } = await sendRequest({ type: 'exportPortfolio' });
      const url = URL.createObjectURL(
        new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = 'margin-lens-portfolio.json';
      link.click();
      URL.revokeObjectURL(url);
    },
  };
  return <OptionsView state={state} alerts={alerts} actions={actions} />;
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
