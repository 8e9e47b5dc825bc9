import { useState } from 'preact/hooks';
import type { AccountAlertOverride, AlertRules } from '../lib/alerts/alert-rules';
import type { AlertRulesAccount, AlertRulesView } from '../lib/messaging/alert-requests';
import type { LoadState } from './load-state';
import './AlertRulesSection.css';

/**
 * The options page's alert rules: the rules every account follows (each field showing its
 * default), the portfolio's stress rule, how alerts behave (hysteresis margin, reminders), and
 * per account its own thresholds or silence. Percentages are typed as percentages and kept as
 * fractions; an empty field turns a rule off (account defaults) or falls back to the default
 * (an account's own field). Rules saved for accounts not in the portfolio now are kept.
 */
export function AlertRulesSection(props: {
  readonly state: LoadState<AlertRulesView>;
  readonly onSave: (rules: AlertRules) => Promise<void>;
}) {
  const { state } = props;
  // Kept here: a save remounts the form with the rules as stored, and the word of it stays.
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section class="alert-rules" data-testid="alert-rules">
      <h2>Alerts</h2>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        // Keyed by the saved rules: a save (or another page's) shows what was stored.
        <RulesForm
          key={JSON.stringify(state.view.rules)}
          view={state.view}
          onSave={props.onSave}
          onMessage={setMessage}
        />
      )}
      {message !== null && (
        <p
          class={message.ok ? 'ok' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="alert-rules-result"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}

interface AccountFields {
  muted: boolean;
  distancePct: string;
  distanceSigma: string;
  probabilityPct: string;
  marginRatioPct: string;
}

function RulesForm({
  view,
  onSave,
  onMessage: setMessage,
}: {
  view: AlertRulesView;
  onSave: (rules: AlertRules) => Promise<void>;
  onMessage: (message: { ok: boolean; text: string } | null) => void;
}) {
  const { rules, defaults } = view;
  const [enabled, setEnabled] = useState(rules.enabled);
  const [fields, setFields] = useState({
    distancePct: percentText(rules.accounts.liquidationDistancePct),
    distanceSigma: plainText(rules.accounts.liquidationDistanceSigma),
    probabilityPct: percentText(rules.accounts.liquidationProbability),
    marginRatio:
      rules.accounts.marginRatio === null
        ? 'off'
        : rules.accounts.marginRatio === 'venue'
          ? 'venue'
          : 'own',
    marginRatioPct:
      typeof rules.accounts.marginRatio === 'number' ? percentText(rules.accounts.marginRatio) : '',
    staleMinutes: plainText(rules.accounts.staleMinutes),
    brokenHedge: rules.accounts.brokenHedge,
    stressPct: percentText(rules.portfolio.stressLossOfEquity),
    clearMarginPct: percentText(rules.clearMargin),
    reminderMinutes: String(rules.reminderMinutes),
  });
  const [accounts, setAccounts] = useState<Record<string, AccountFields>>(() =>
    Object.fromEntries(
      view.accounts.map((account) => [
        account.id,
        accountFields(rules.accountOverrides[account.id]),
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields, value: string | boolean) =>
    setFields({ ...fields, [name]: value });
  const input = (
    name: 'distancePct' | 'distanceSigma' | 'probabilityPct' | 'staleMinutes' | 'stressPct',
    placeholder: string,
  ) => (
    <input
      type="text"
      inputMode="decimal"
      size={5}
      data-testid={`alert-${name}`}
      placeholder={placeholder}
      value={fields[name]}
      onInput={(event) => set(name, event.currentTarget.value)}
    />
  );

  const save = async () => {
    setMessage(null);
    let next: AlertRules;
    try {
      next = rulesFrom(enabled, fields, accounts, rules);
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
      return;
    }
    setBusy(true);
    try {
      await onSave(next);
      setMessage({ ok: true, text: 'Saved: the rules apply from now.' });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p class="muted">
        Margin Lens notifies you when a rule is crossed, even with no exchange tab open (it reads
        your accounts every refresh), once per crossing, and again with &ldquo;back to safe&rdquo;
        when it clears. An empty field turns that rule off.
      </p>
      {view.problem !== null && (
        <p class="error" role="alert" data-testid="alert-rules-problem">
          {view.problem}
        </p>
      )}
      <label class="alert-rule">
        <input
          type="checkbox"
          data-testid="alert-enabled"
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />{' '}
        <span>Alerts on</span>
      </label>
      <fieldset disabled={!enabled}>
        <legend>Every account</legend>
        <p class="alert-rule">
          <span>Near liquidation: closer than</span> {input('distancePct', '5')} % of the price
          <span class="muted">
            {' '}
            (default {percentText(defaults.accounts.liquidationDistancePct)}%)
          </span>
        </p>
        <p class="alert-rule">
          <span>or closer than</span> {input('distanceSigma', '2')} daily σ
          <span class="muted">
            {' '}
            (σ: a typical day&rsquo;s move of the price; default{' '}
            {plainText(defaults.accounts.liquidationDistanceSigma)})
          </span>
        </p>
        <p class="alert-rule">
          <span>Chance of liquidation within 24 h above</span> {input('probabilityPct', '10')} %
          <span class="muted">
            {' '}
            (default {percentText(defaults.accounts.liquidationProbability)}%)
          </span>
        </p>
        <p class="alert-rule">
          <span>Margin ratio (maintenance margin ÷ equity) at</span>{' '}
          <select
            data-testid="alert-marginRatio"
            value={fields.marginRatio}
            onChange={(event) => set('marginRatio', event.currentTarget.value)}
          >
            <option value="venue">the venue&rsquo;s warning level</option>
            <option value="own">my own level</option>
            <option value="off">off</option>
          </select>{' '}
          {fields.marginRatio === 'own' && (
            <>
              <input
                type="text"
                inputMode="decimal"
                size={5}
                data-testid="alert-marginRatioPct"
                placeholder="80"
                value={fields.marginRatioPct}
                onInput={(event) => set('marginRatioPct', event.currentTarget.value)}
              />{' '}
              %
            </>
          )}
          <span class="muted"> (default: the venue&rsquo;s; 80% where it publishes none)</span>
        </p>
        <p class="alert-rule">
          <span>Figures not refreshed for</span> {input('staleMinutes', '15')} minutes
          <span class="muted"> (default {plainText(defaults.accounts.staleMinutes)})</span>
        </p>
        <label class="alert-rule">
          <input
            type="checkbox"
            data-testid="alert-brokenHedge"
            checked={fields.brokenHedge}
            onChange={(event) => set('brokenHedge', event.currentTarget.checked)}
          />{' '}
          <span>
            A hedge broken: a leg of a hedge across accounts liquidated or shrunk, the other left
            alone
          </span>
        </label>
      </fieldset>
      <fieldset disabled={!enabled}>
        <legend>Whole portfolio</legend>
        <p class="alert-rule">
          <span>Worst stress scenario loses more than</span> {input('stressPct', '100')} % of equity
          <span class="muted">
            {' '}
            (default {percentText(defaults.portfolio.stressLossOfEquity)}%)
          </span>
        </p>
      </fieldset>
      {view.accounts.length > 0 && (
        <fieldset disabled={!enabled}>
          <legend>Each account (empty: as above)</legend>
          <table class="alert-accounts" data-testid="alert-accounts">
            <thead>
              <tr>
                <th>Account</th>
                <th>Silent</th>
                <th>Closer than %</th>
                <th>Closer than σ</th>
                <th>Chance above %</th>
                <th>Margin ratio at %</th>
              </tr>
            </thead>
            <tbody>
              {view.accounts.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  fields={accounts[account.id] ?? accountFields(undefined)}
                  onChange={(changed) => setAccounts({ ...accounts, [account.id]: changed })}
                />
              ))}
            </tbody>
          </table>
        </fieldset>
      )}
      <fieldset disabled={!enabled}>
        <legend>How alerts behave</legend>
        <p class="alert-rule">
          <span>Clear only when back past the rule by</span>{' '}
          <input
            type="text"
            inputMode="decimal"
            size={5}
            data-testid="alert-clearMarginPct"
            value={fields.clearMarginPct}
            onInput={(event) => set('clearMarginPct', event.currentTarget.value)}
          />{' '}
          % of it
          <span class="muted">
            {' '}
            (default {percentText(defaults.clearMargin)}%: a 5% rule clears at 6%, no flapping)
          </span>
        </p>
        <p class="alert-rule">
          <span>Remind of a liquidation or margin alert every</span>{' '}
          <input
            type="text"
            inputMode="numeric"
            size={5}
            data-testid="alert-reminderMinutes"
            value={fields.reminderMinutes}
            onInput={(event) => set('reminderMinutes', event.currentTarget.value)}
          />{' '}
          minutes while it holds
          <span class="muted">
            {' '}
            (0 = never; default {defaults.reminderMinutes}; stress and stale figures are said once)
          </span>
        </p>
      </fieldset>
      <button type="submit" disabled={busy} data-testid="save-alert-rules">
        Save alert rules
      </button>
    </form>
  );
}

function AccountRow(props: {
  account: AlertRulesAccount;
  fields: AccountFields;
  onChange: (fields: AccountFields) => void;
}) {
  const { account, fields } = props;
  const cell = (name: Exclude<keyof AccountFields, 'muted'>, placeholder: string) => (
    <td>
      <input
        type="text"
        inputMode="decimal"
        size={4}
        aria-label={`${account.name}: ${name}`}
        data-testid={`alert-account-${name}`}
        placeholder={placeholder}
        disabled={fields.muted}
        value={fields[name]}
        onInput={(event) => props.onChange({ ...fields, [name]: event.currentTarget.value })}
      />
    </td>
  );
  const warning = percentText(account.venueMarginWarning.ratio);
  const whose =
    account.venueMarginWarning.setBy === 'venue'
      ? `the venue warns at ${warning}%`
      : `${warning}% by Margin Lens (the venue publishes none)`;
  return (
    <tr data-testid="alert-account" data-account={account.id}>
      <td>
        {account.name}
        <span class="muted alert-accounts__note">{whose}</span>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`${account.name}: no alerts`}
          data-testid="alert-account-muted"
          checked={fields.muted}
          onChange={(event) => props.onChange({ ...fields, muted: event.currentTarget.checked })}
        />
      </td>
      {cell('distancePct', '')}
      {cell('distanceSigma', '')}
      {cell('probabilityPct', '')}
      {cell('marginRatioPct', warning)}
    </tr>
  );
}

function accountFields(override: AccountAlertOverride | undefined): AccountFields {
  return {
    muted: override?.muted === true,
    distancePct: percentText(override?.liquidationDistancePct ?? null),
    distanceSigma: plainText(override?.liquidationDistanceSigma ?? null),
    probabilityPct: percentText(override?.liquidationProbability ?? null),
    marginRatioPct:
      typeof override?.marginRatio === 'number' ? percentText(override.marginRatio) : '',
  };
}

/** The rules the form says; throws a message naming the field a trader typed wrongly. */
function rulesFrom(
  enabled: boolean,
  fields: {
    distancePct: string;
    distanceSigma: string;
    probabilityPct: string;
    marginRatio: string;
    marginRatioPct: string;
    staleMinutes: string;
    brokenHedge: boolean;
    stressPct: string;
    clearMarginPct: string;
    reminderMinutes: string;
  },
  accounts: Readonly<Record<string, AccountFields>>,
  saved: AlertRules,
): AlertRules {
  // Accounts not listed now keep their rules; a listed account's fields the form has no input
  // for (its own stale time, hedge rule, a margin ratio of "venue" or off) are kept as saved.
  const overrides: Record<string, AccountAlertOverride> = Object.fromEntries(
    Object.entries(saved.accountOverrides).filter(([id]) => !(id in accounts)),
  );
  for (const [id, row] of Object.entries(accounts)) {
    const before = saved.accountOverrides[id] ?? {};
    const override: { -readonly [K in keyof AccountAlertOverride]: AccountAlertOverride[K] } = {
      ...(before.staleMinutes !== undefined && { staleMinutes: before.staleMinutes }),
      ...(before.brokenHedge !== undefined && { brokenHedge: before.brokenHedge }),
      ...(before.marginRatio !== undefined &&
        typeof before.marginRatio !== 'number' && { marginRatio: before.marginRatio }),
    };
    if (row.muted) override.muted = true;
    const distance = percent(row.distancePct, `${id}: closer than %`, 100, true);
    if (distance !== null) override.liquidationDistancePct = distance;
    const sigma = plain(row.distanceSigma, `${id}: closer than σ`, 20);
    if (sigma !== null) override.liquidationDistanceSigma = sigma;
    const probability = percent(row.probabilityPct, `${id}: chance above %`, 100, false);
    if (probability !== null) override.liquidationProbability = probability;
    const ratio = percent(row.marginRatioPct, `${id}: margin ratio at %`, 100, false);
    if (ratio !== null) override.marginRatio = ratio;
    if (Object.keys(override).length > 0) overrides[id] = override;
  }
  const reminder = Number(fields.reminderMinutes);
  if (
    fields.reminderMinutes.trim() === '' ||
    !Number.isInteger(reminder) ||
    reminder < 0 ||
    reminder > 10_080
  )
    throw new Error('Remind every: a whole number of minutes from 0 (never) to 10080.');
  const stale = plain(fields.staleMinutes, 'Figures not refreshed for', 1440);
  if (stale !== null && !Number.isInteger(stale))
    throw new Error('Figures not refreshed for: a whole number of minutes from 1 to 1440.');
  const clearMargin = plainNumber(fields.clearMarginPct) ?? 0;
  if (Number.isNaN(clearMargin) || clearMargin > 100)
    throw new Error('Clear only when back past the rule by: a percentage from 0 to 100.');
  return {
    enabled,
    accounts: {
      liquidationDistancePct: percent(
        fields.distancePct,
        'Near liquidation: closer than',
        100,
        true,
      ),
      liquidationDistanceSigma: plain(fields.distanceSigma, 'or closer than (σ)', 20),
      liquidationProbability: percent(
        fields.probabilityPct,
        'Chance of liquidation above',
        100,
        false,
      ),
      marginRatio:
        fields.marginRatio === 'off'
          ? null
          : fields.marginRatio === 'venue'
            ? 'venue'
            : (percent(fields.marginRatioPct, 'Margin ratio at', 100, false) ??
              failWith('Margin ratio at: type your level in %, or choose the venue’s or off.')),
      staleMinutes: stale,
      brokenHedge: fields.brokenHedge,
    },
    accountOverrides: overrides,
    portfolio: {
      stressLossOfEquity: percent(
        fields.stressPct,
        'Worst stress scenario loses more than',
        1000,
        true,
      ),
    },
    clearMargin: Number((clearMargin / 100).toPrecision(12)),
    reminderMinutes: reminder,
  };
}

/** A percentage typed by the trader as a fraction; null when empty. */
function percent(text: string, field: string, max: number, maxIncluded: boolean): number | null {
  const value = plainNumber(text);
  if (value === null) return null;
  if (Number.isNaN(value) || value <= 0 || (maxIncluded ? value > max : value >= max))
    throw new Error(
      `${field}: a percentage above 0 and ${maxIncluded ? `at most ${max}` : `below ${max}`}.`,
    );
  return Number((value / 100).toPrecision(12));
}

function plain(text: string, field: string, max: number): number | null {
  const value = plainNumber(text);
  if (value === null) return null;
  if (Number.isNaN(value) || value <= 0 || value > max)
    throw new Error(`${field}: a number above 0 and at most ${max}.`);
  return value;
}

/** A typed number ("5", "2.5", "2,5"); null when empty, NaN when not a number. */
function plainNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function failWith(message: string): never {
  throw new Error(message);
}

/** A fraction as the percentage a trader types (0.05 → "5"); empty for null. */
function percentText(value: number | null): string {
  return value === null ? '' : String(Number((value * 100).toPrecision(10)));
}

function plainText(value: number | null): string {
  return value === null ? '' : String(value);
}
