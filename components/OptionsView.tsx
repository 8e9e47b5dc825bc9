import { useState } from 'preact/hooks';
import type { ConnectionTest } from '../lib/connections/connection-service';
import type { AlertRules } from '../lib/alerts/alert-rules';
import type { AlertRulesView } from '../lib/messaging/alert-requests';
import type { ConnectionsView, VenueInfo } from '../lib/messaging/protocol';
import type { ConnectionProblem } from '../lib/venues/api/connection-problem';
import type { Credentials } from '../lib/venues/api/venue-api-types';
import {
  VENUE_KEY_ADVICE,
  VENUE_KEY_PASSPHRASE,
  VENUE_NAMES,
  type VenueId,
} from '../lib/venues/venue-descriptors';
import { AlertRulesSection } from './AlertRulesSection';
import { ConnectionList } from './ConnectionList';
import type { LoadState } from './load-state';

/**
 * The options page: the key vault, connected venues, connecting a venue (read-only key or
 * public address), refresh and lock settings, the alert rules, and import/export of the
 * portfolio file. Pure view: every action is a callback that the entrypoint wires to the
 * background.
 */
export interface OptionsActions {
  createVault(passphrase: string): Promise<void>;
  unlockVault(passphrase: string): Promise<void>;
  lockVault(): Promise<void>;
  /** Deletes the vault and its key connections (after the trader confirms). */
  deleteVault(): Promise<void>;
  testConnection(venue: VenueInfo, credentials: Credentials): Promise<ConnectionTest>;
  connectVenue(
    venue: VenueInfo,
    label: string,
    credentials: Credentials,
  ): Promise<{ ok: true; keyNotChecked?: string } | { ok: false; problem: ConnectionProblem }>;
  disconnect(connectionId: string): Promise<void>;
  refresh(): Promise<void>;
  saveSettings(refreshMinutes: number, idleLockMinutes: number): Promise<void>;
  /** Asks the browser for the public market hosts (or gives them back), then re-reads. */
  setLiveMarket(allowed: boolean, hosts: readonly string[]): Promise<void>;
  importPortfolio(text: string): Promise<void>;
  exportPortfolio(): Promise<void>;
  /** Saves the alert rules (they apply at once), then shows them as stored. */
  saveAlertRules(rules: AlertRules): Promise<void>;
}

export function OptionsView(props: {
  readonly state: LoadState<ConnectionsView>;
  /** The alert rules, read on their own: the rest of the page does not wait for them. */
  readonly alerts: LoadState<AlertRulesView>;
  readonly actions: OptionsActions;
}) {
  const { state, actions } = props;
  const [listError, setListError] = useState<string | null>(null);
  if (state.status === 'loading')
    return (
      <main class="options">
        <p class="muted">Loading…</p>
      </main>
    );
  if (state.status === 'error')
    return (
      <main class="options">
        <p class="error" role="alert">
          {state.message}
        </p>
      </main>
    );
  const view = state.view;
  return (
    <main class="options">
      <h1>Margin Lens settings</h1>
      <VaultSection view={view} actions={actions} />
      <section>
        <h2>Connected venues</h2>
        <ConnectionList
          connections={view.connections}
          onDisconnect={(id) => {
            setListError(null);
            actions.disconnect(id).catch((error: unknown) => setListError(errorText(error)));
          }}
        />
        {listError !== null && (
          <p class="error" role="alert" data-testid="connections-error">
            {listError}
          </p>
        )}
        {view.connections.length > 0 && (
          <Busy label="Refresh now" testId="refresh" run={() => actions.refresh()} />
        )}
      </section>
      <ConnectSection view={view} actions={actions} />
      <LiveMarketSection view={view} actions={actions} />
      <SettingsSection view={view} actions={actions} />
      <AlertRulesSection state={props.alerts} onSave={actions.saveAlertRules} />
      <PortfolioFileSection view={view} actions={actions} />
    </main>
  );
}

function VaultSection({ view, actions }: { view: ConnectionsView; actions: OptionsActions }) {
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (run: (p: string) => Promise<void>) => {
    setMessage(null);
    try {
      await run(passphrase);
      setPassphrase('');
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  return (
    <section data-testid="vault" data-vault={view.vault}>
      <h2>Key vault</h2>
      {view.vault === 'unlocked' ? (
        <p>
          Unlocked: keys can be read and added.{' '}
          <button type="button" data-testid="lock-vault" onClick={() => void actions.lockVault()}>
            Lock now
          </button>
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(view.vault === 'absent' ? actions.createVault : actions.unlockVault);
          }}
        >
          <p class="muted">
            {view.vault === 'absent'
              ? 'API keys are stored encrypted with a passphrase of yours (at least 8 characters; longer is stronger). It is never stored; if you forget it, connect your keys again.'
              : 'Locked: connected keys are not read until you unlock.'}
          </p>
          <input
            type="password"
            autocomplete={view.vault === 'absent' ? 'new-password' : 'current-password'}
            aria-label="Passphrase"
            data-testid="passphrase"
            value={passphrase}
            onInput={(event) => setPassphrase(event.currentTarget.value)}
          />{' '}
          <button type="submit" data-testid="vault-submit">
            {view.vault === 'absent' ? 'Create vault' : 'Unlock'}
          </button>
          {view.vault === 'locked' && (
            <p class="muted">
              Forgot the passphrase?{' '}
              <button
                type="button"
                class="link"
                data-testid="delete-vault"
                onClick={() => void submit(() => actions.deleteVault())}
              >
                Delete the vault and its keys
              </button>{' '}
              (address connections and imported files stay; connect your keys again after).
            </p>
          )}
        </form>
      )}
      {message !== null && (
        <p class="error" role="alert" data-testid="vault-error">
          {message}
        </p>
      )}
    </section>
  );
}

type ConnectOutcome =
  | { kind: 'tested'; venue: VenueId; test: ConnectionTest }
  | { kind: 'connected'; venue: VenueId; keyNotChecked?: string }
  | { kind: 'problem'; problem: ConnectionProblem }
  | { kind: 'error'; message: string };

function ConnectSection({ view, actions }: { view: ConnectionsView; actions: OptionsActions }) {
  const [venueId, setVenueId] = useState<VenueId>(view.venues[0]?.venue ?? 'binanceusdm');
  const [fields, setFields] = useState({
    label: '',
    apiKey: '',
    secret: '',
    password: '',
    address: '',
  });
  const [outcome, setOutcome] = useState<ConnectOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const venue = view.venues.find((info) => info.venue === venueId);
  if (!venue) return null;
  const credentials = (): Credentials =>
    venue.credentialKind === 'address'
      ? { kind: 'address', address: fields.address }
      : {
          kind: 'apiKey',
          apiKey: fields.apiKey,
          secret: fields.secret,
          ...(VENUE_KEY_PASSPHRASE[venue.venue] && { password: fields.password }),
        };
  const run = async (connect: boolean) => {
    setBusy(true);
    setOutcome(null);
    try {
      if (connect) {
        const result = await actions.connectVenue(venue, fields.label, credentials());
        if (result.ok) {
          setFields({ label: '', apiKey: '', secret: '', password: '', address: '' });
          setOutcome({
            kind: 'connected',
            venue: venue.venue,
            ...(result.keyNotChecked !== undefined && { keyNotChecked: result.keyNotChecked }),
          });
        } else setOutcome({ kind: 'problem', problem: result.problem });
      } else {
        setOutcome({
          kind: 'tested',
          venue: venue.venue,
          test: await actions.testConnection(venue, credentials()),
        });
      }
    } catch (error) {
      setOutcome({ kind: 'error', message: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof fields, label: string, secret = false) => (
    <label class="field">
      <span>{label}</span>
      <input
        {...(secret ? { type: 'password' as const } : { type: 'text' as const })}
        autocomplete="off"
        spellcheck={false}
        data-testid={`field-${name}`}
        value={fields[name]}
        onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })}
      />
    </label>
  );
  const needsVault = venue.credentialKind === 'apiKey' && view.vault !== 'unlocked';
  return (
    <section data-testid="connect">
      <h2>Connect a venue</h2>
      <label class="field">
        <span>Venue</span>
        <select
          data-testid="venue"
          value={venueId}
          onChange={(event) => {
            setVenueId(event.currentTarget.value as VenueId);
            setOutcome(null);
          }}
        >
          {view.venues.map((info) => (
            <option key={info.venue} value={info.venue}>
              {VENUE_NAMES[info.venue]}
            </option>
          ))}
        </select>
      </label>
      {field('label', 'Name (optional)')}
      {venue.credentialKind === 'address' ? (
        field('address', 'Wallet address (0x…)')
      ) : (
        <>
          {field('apiKey', 'API key (read-only)')}
          {field('secret', 'API secret', true)}
          {VENUE_KEY_PASSPHRASE[venue.venue] && field('password', 'API passphrase', true)}
          <p class="muted">
            Create a key with read permission only: a key that can trade or withdraw is refused. It
            is sent only to {venue.hostPermissions.map((host) => host.replace('/*', '')).join(', ')}
            .
          </p>
          {VENUE_KEY_ADVICE[venue.venue] !== undefined && (
            <p class="muted" data-testid="key-advice">
              {VENUE_KEY_ADVICE[venue.venue]}
            </p>
          )}
        </>
      )}
      {needsVault && <p class="muted">Create or unlock the key vault above first.</p>}
      <div class="actions">
        <button
          type="button"
          disabled={busy}
          data-testid="test-connection"
          onClick={() => void run(false)}
        >
          Test connection
        </button>{' '}
        <button
          type="button"
          disabled={busy || needsVault}
          data-testid="connect-venue"
          onClick={() => void run(true)}
        >
          Connect
        </button>
      </div>
      {outcome && <Outcome outcome={outcome} />}
    </section>
  );
}

function Outcome({ outcome }: { outcome: ConnectOutcome }) {
  switch (outcome.kind) {
    case 'connected':
      return (
        <p class="ok" role="status" data-testid="connect-result">
          Connected. Its positions are in the popup.
          {outcome.keyNotChecked !== undefined &&
            ` ${notCheckedText(outcome.venue, outcome.keyNotChecked)}`}
        </p>
      );
    case 'tested':
      return outcome.test.ok ? (
        <p class="ok" role="status" data-testid="connect-result">
          {outcome.test.permissions?.notChecked !== undefined
            ? `${notCheckedText(outcome.venue, outcome.test.permissions.notChecked)} `
            : outcome.test.permissions
              ? `Read-only key confirmed (${outcome.test.permissions.checkedWith}). `
              : 'Read. '}
          {outcome.test.accounts} account{outcome.test.accounts === 1 ? '' : 's'},{' '}
          {outcome.test.positions} position{outcome.test.positions === 1 ? '' : 's'}.
        </p>
      ) : (
        <ProblemText problem={outcome.test.problem} />
      );
    case 'problem':
      return <ProblemText problem={outcome.problem} />;
    case 'error':
      return (
        <p class="error" role="alert" data-testid="connect-problem">
          {outcome.message}
        </p>
      );
  }
}

/** A key the venue would not describe: said plainly, never passed as confirmed. */
function notCheckedText(venue: VenueId, why: string): string {
  return `${VENUE_NAMES[venue]} did not let Margin Lens check this key's permissions (${why}): it is not confirmed read-only. Make sure it is read-only yourself.`;
}

function ProblemText({ problem }: { problem: ConnectionProblem }) {
  return (
    <div class="error" role="alert" data-testid="connect-problem" data-problem={problem.kind}>
      <p>{problem.message}</p>
      <p>{problem.whatToDo}</p>
    </div>
  );
}

function LiveMarketSection({ view, actions }: { view: ConnectionsView; actions: OptionsActions }) {
  const hosts = view.liveMarketHosts.map((host) => host.replace('/*', '')).join(' and ');
  return (
    <section data-testid="live-market" data-allowed={String(view.liveMarketAllowed)}>
      <h2>Live market data</h2>
      <p class="muted">
        {view.liveMarketAllowed
          ? `On: marks, funding, daily vols and option IVs are read from ${hosts} (public, no key).`
          : `Off: risk uses the embedded market snapshot, and the report says so. Turning it on lets Margin Lens read public prices from ${hosts}.`}
      </p>
      <Busy
        label={view.liveMarketAllowed ? 'Turn live market data off' : 'Turn live market data on'}
        testId="toggle-live-market"
        run={() => actions.setLiveMarket(!view.liveMarketAllowed, view.liveMarketHosts)}
      />
    </section>
  );
}

function SettingsSection({ view, actions }: { view: ConnectionsView; actions: OptionsActions }) {
  const [refreshMinutes, setRefresh] = useState(String(view.refreshMinutes));
  const [idleMinutes, setIdle] = useState(String(view.idleLockMinutes));
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section>
      <h2>Refresh and lock</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(null);
          actions.saveSettings(Number(refreshMinutes), Number(idleMinutes)).then(
            () => setMessage('Saved.'),
            (error: unknown) => setMessage(errorText(error)),
          );
        }}
      >
        <label class="field">
          <span>Read accounts every (minutes)</span>
          <input
            type="number"
            min={1}
            max={60}
            data-testid="refresh-minutes"
            value={refreshMinutes}
            onInput={(event) => setRefresh(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Lock the vault after idle (minutes, 0 = never)</span>
          <input
            type="number"
            min={0}
            max={1440}
            data-testid="idle-minutes"
            value={idleMinutes}
            onInput={(event) => setIdle(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="save-settings">
          Save
        </button>
        {message !== null && <span role="status"> {message}</span>}
      </form>
    </section>
  );
}

function PortfolioFileSection({
  view,
  actions,
}: {
  view: ConnectionsView;
  actions: OptionsActions;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section>
      <h2>Portfolio file</h2>
      <p class="muted">
        Import a portfolio file (DESIGN.md §4) for accounts Margin Lens cannot read; its accounts
        sit beside connected ones.{' '}
        {view.importedAccounts > 0 && `${view.importedAccounts} imported account(s) now.`}
      </p>
      <label class="field">
        <span>Import</span>
        <input
          type="file"
          accept="application/json,.json"
          data-testid="import-file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            setMessage(null);
            file
              .text()
              .then((text) => actions.importPortfolio(text))
              .then(
                () => setMessage({ ok: true, text: `Imported ${file.name}.` }),
                (error: unknown) => setMessage({ ok: false, text: errorText(error) }),
              );
          }}
        />
      </label>
      <Busy label="Export portfolio file" testId="export" run={() => actions.exportPortfolio()} />
      {message !== null && (
        <p class={message.ok ? 'ok' : 'error'} role="status" data-testid="import-result">
          {message.text}
        </p>
      )}
    </section>
  );
}

function Busy(props: { label: string; testId: string; run: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <p>
      <button
        type="button"
        disabled={busy}
        data-testid={props.testId}
        onClick={() => {
          setBusy(true);
          setError(null);
          props
            .run()
            .catch((reason: unknown) => setError(errorText(reason)))
            .finally(() => setBusy(false));
        }}
      >
        {props.label}
      </button>
      {error !== null && (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
