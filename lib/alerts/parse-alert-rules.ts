import type { AccountAlertOverride, AccountAlertRules, AlertRules } from './alert-rules';

/**
 * Reads alert rules from outside (the options page's message, or storage written by an older
 * version): exact keys, every number within its range, nothing coerced. An error names the
 * field (`accounts.liquidationDistancePct`, `accountOverrides["binance-main"].muted`) and what
 * it must be, never the value it held.
 *
 * Ranges: distance (0, 1]; distance in σ (0, 20]; probability (0, 1); margin ratio (0, 1)
 * (1 is liquidation itself) or "venue"; stale minutes a whole number 1–1440; stress loss of
 * equity (0, 10]; clearing margin [0, 1]; reminder minutes a whole number 0–10080 (a week; 0 =
 * never); at most 200 account overrides, ids of 1–200 characters.
 */
export function parseAlertRules(raw: unknown): { rules: AlertRules } | { error: string } {
  try {
    const record = object(raw, 'rules');
    exactKeys(
      record,
      ['enabled', 'accounts', 'accountOverrides', 'portfolio', 'clearMargin', 'reminderMinutes'],
      'rules',
    );
    const portfolio = object(record.portfolio, 'portfolio');
    exactKeys(portfolio, ['stressLossOfEquity'], 'portfolio');
    const overrides = object(record.accountOverrides, 'accountOverrides');
    const ids = Object.keys(overrides);
    if (ids.length > MAX_OVERRIDES)
      throw new RulesError(`accountOverrides: at most ${MAX_OVERRIDES} accounts`);
    return {
      rules: {
        enabled: boolean(record.enabled, 'enabled'),
        accounts: accountRules(record.accounts, 'accounts'),
        accountOverrides: Object.fromEntries(
          ids.map((id) => {
            const where = `accountOverrides[${JSON.stringify(id.slice(0, 40))}]`;
            if (id.length === 0 || id.length > 200 || /\p{Cc}/u.test(id))
              throw new RulesError(`${where}: an account id is 1–200 printable characters`);
            return [id, accountOverride(overrides[id], where)];
          }),
        ),
        portfolio: {
          stressLossOfEquity: fractionOrNull(
            portfolio.stressLossOfEquity,
            'portfolio.stressLossOfEquity',
            { max: 10, maxIncluded: true },
          ),
        },
        clearMargin: number(record.clearMargin, 'clearMargin', { min: 0, max: 1 }),
        reminderMinutes: wholeNumber(record.reminderMinutes, 'reminderMinutes', 0, 10_080),
      },
    };
  } catch (error) {
    if (error instanceof RulesError) return { error: `alert rules: ${error.message}` };
    throw error;
  }
}

const MAX_OVERRIDES = 200;

const ACCOUNT_FIELDS = [
  'liquidationDistancePct',
  'liquidationDistanceSigma',
  'liquidationProbability',
  'marginRatio',
  'staleMinutes',
  'brokenHedge',
] as const satisfies readonly (keyof AccountAlertRules)[];

function accountRules(raw: unknown, where: string): AccountAlertRules {
  const record = object(raw, where);
  exactKeys(record, ACCOUNT_FIELDS, where);
  for (const field of ACCOUNT_FIELDS)
    if (!(field in record)) throw new RulesError(`${where}.${field} is missing`);
  return readAccountFields(record, where) as AccountAlertRules;
}

function accountOverride(raw: unknown, where: string): AccountAlertOverride {
  const record = object(raw, where);
  exactKeys(record, [...ACCOUNT_FIELDS, 'muted'], where);
  return {
    ...readAccountFields(record, where),
    ...('muted' in record && { muted: boolean(record.muted, `${where}.muted`) }),
  };
}

/** The account fields present in `record`, each checked. */
function readAccountFields(
  record: Record<string, unknown>,
  where: string,
): Partial<AccountAlertRules> {
  const read: { -readonly [K in keyof AccountAlertRules]?: AccountAlertRules[K] } = {};
  if ('liquidationDistancePct' in record)
    read.liquidationDistancePct = fractionOrNull(
      record.liquidationDistancePct,
      `${where}.liquidationDistancePct`,
      { max: 1, maxIncluded: true },
    );
  if ('liquidationDistanceSigma' in record)
    read.liquidationDistanceSigma = fractionOrNull(
      record.liquidationDistanceSigma,
      `${where}.liquidationDistanceSigma`,
      { max: 20, maxIncluded: true },
    );
  if ('liquidationProbability' in record)
    read.liquidationProbability = fractionOrNull(
      record.liquidationProbability,
      `${where}.liquidationProbability`,
      { max: 1, maxIncluded: false },
    );
  if ('marginRatio' in record)
    read.marginRatio =
      record.marginRatio === 'venue'
        ? 'venue'
        : fractionOrNull(record.marginRatio, `${where}.marginRatio`, {
            max: 1,
            maxIncluded: false,
            alsoAllowed: '"venue"',
          });
  if ('staleMinutes' in record)
    read.staleMinutes =
      record.staleMinutes === null
        ? null
        : wholeNumber(record.staleMinutes, `${where}.staleMinutes`, 1, 1440, true);
  if ('brokenHedge' in record)
    read.brokenHedge = boolean(record.brokenHedge, `${where}.brokenHedge`);
  return read;
}

class RulesError extends Error {}

function object(raw: unknown, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new RulesError(`${where} must be an object`);
  return raw as Record<string, unknown>;
}

function exactKeys(record: Record<string, unknown>, allowed: readonly string[], where: string) {
  const extra = Object.keys(record).find((key) => !allowed.includes(key));
  if (extra !== undefined)
    throw new RulesError(`${where}: unexpected field ${JSON.stringify(extra.slice(0, 40))}`);
}

function boolean(raw: unknown, where: string): boolean {
  if (typeof raw !== 'boolean') throw new RulesError(`${where} must be true or false`);
  return raw;
}

function number(raw: unknown, where: string, range: { min: number; max: number }): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < range.min || raw > range.max)
    throw new RulesError(`${where} must be a number from ${range.min} to ${range.max}`);
  return raw;
}

/** A positive number up to `max` (included or not), or null (the check is off). */
function fractionOrNull(
  raw: unknown,
  where: string,
  range: { max: number; maxIncluded: boolean; alsoAllowed?: string },
): number | null {
  if (raw === null) return null;
  const inRange =
    typeof raw === 'number' &&
    Number.isFinite(raw) &&
    raw > 0 &&
    (range.maxIncluded ? raw <= range.max : raw < range.max);
  if (!inRange) {
    const upTo = range.maxIncluded ? `at most ${range.max}` : `below ${range.max}`;
    const or = range.alsoAllowed === undefined ? '' : `, ${range.alsoAllowed}`;
    throw new RulesError(`${where} must be a number above 0 and ${upTo}${or} or null (off)`);
  }
  return raw;
}

function wholeNumber(
  raw: unknown,
  where: string,
  min: number,
  max: number,
  nullAllowed = false,
): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max)
    throw new RulesError(
      `${where} must be a whole number from ${min} to ${max}${nullAllowed ? ' or null (off)' : ''}`,
    );
  return raw;
}
