import { NotSupported } from 'ccxt-src/base/errors.js';
import { PayloadReader } from '../api/payload-reader';

/**
 * The USDT futures account from `GET /api/v4/futures/usdt/accounts`
 * (https://www.gate.com/docs/developers/apiv4/en/#get-futures-account; fields as the
 * `FuturesAccount` model of Gate's SDK, gateio/gateapi-python docs at commit 744afea, 2025-07-31, docs/FuturesAccount.md):
 *
 * - `total`: "the balance after the user's accumulated deposit, withdraw, profit and loss …,
 *   excluding unrealized profit and loss" — the wallet balance, isolated positions' margin
 *   included (the engine takes each isolated margin back out for the cross silo);
 * - `in_dual_mode`: dual (hedge) position mode; `position_mode` ("single - one-way, dual -
 *   dual-side, split - sub-positions (in_dual_mode is deprecated)", FuturesAccount.md at commit
 *   81d6944), read first when present. Only single and dual are computed: split (sub-positions)
 *   and dual_plus (also flagged `enable_dual_plus`) keep several positions per side of a
 *   contract, which Margin Lens does not model, so they are refused by name, not as malformed;
 * - `margin_mode`: "0-classic margin mode, 1-cross-currency margin mode, 2-combined margin mode",
 *   and 3, single-currency margin (a unified account mode, Gate's unified account modes
 *   `single_currency`); `enable_credit`: "Whether portfolio margin account mode is enabled". Only
 *   the classic mode is computed: the others margin futures with collateral under Gate's unified
 *   account rules, which the engine does not hold, so they are refused by name;
 * - `enable_tiered_mm`: "Whether to enable tiered maintenance margin calculation". The engine
 *   computes the tiered (gradient) form, value × MMR − deduction (gate-tier-tables.ts); with it
 *   off Gate charges the tier's rate on the whole position value, more than the gradient form,
 *   so the account is refused by name rather than have its maintenance margin understated;
 * - `maintenance_margin`: "Maintenance margin occupied by positions, applicable to new classic
 *   account margin mode", passed on as the venue's figure beside the engine's.
 */
export const GATE_FUTURES_ACCOUNT_ENDPOINT = 'GET /api/v4/futures/usdt/accounts';

export interface GateFuturesAccount {
  /** The settlement currency, "USDT". */
  readonly currency: string;
  readonly walletBalance: string;
  readonly positionMode: 'oneway' | 'hedge';
  readonly maintenanceMargin: string | undefined;
}

const MARGIN_MODES: Readonly<Record<string, string>> = {
  '1': 'cross-currency margin (a unified account)',
  '2': 'combined (portfolio) margin (a unified account)',
  '3': 'single-currency margin (a unified account)',
};

const CLASSIC_ONLY = "Margin Lens computes Gate's classic futures account only";

export function parseGateFuturesAccount(response: unknown): GateFuturesAccount {
  const reader = new PayloadReader('gate', GATE_FUTURES_ACCOUNT_ENDPOINT);
  const account = reader.object(response, 'response');
  const currency = reader.text(account.currency, 'currency');
  if (currency !== 'USDT') reader.fail('currency', `must be "USDT", got "${currency}"`);
  if (account.margin_mode !== undefined) {
    const mode = reader.oneOf(account.margin_mode, ['0', '1', '2', '3'] as const, 'margin_mode');
    if (mode !== '0')
      throw new NotSupported(
        `gate: the futures account is in ${MARGIN_MODES[mode] ?? mode} mode; ${CLASSIC_ONLY}`,
      );
  }
  if (account.enable_credit !== undefined && reader.boolean(account.enable_credit, 'enable_credit'))
    throw new NotSupported(
      `gate: the futures account uses portfolio margin (enable_credit); ${CLASSIC_ONLY}`,
    );
  if (
    account.enable_tiered_mm !== undefined &&
    !reader.boolean(account.enable_tiered_mm, 'enable_tiered_mm')
  )
    throw new NotSupported(
      "gate: the futures account has tiered maintenance margin off (enable_tiered_mm false): Gate then charges each position's tier rate on its whole value, and Margin Lens computes the tiered (gradient) form only",
    );
  return {
    currency,
    walletBalance: reader.decimal(account.total, 'total'),
    positionMode: readPositionMode(reader, account),
    maintenanceMargin: reader.optionalDecimal(
      account.maintenance_margin,
      'maintenance_margin',
      'nonNegative',
    ),
  };
}

/** `position_mode` when Gate sends it, else the older `in_dual_mode` (module doc). */
function readPositionMode(
  reader: PayloadReader,
  account: Readonly<Record<string, unknown>>,
): 'oneway' | 'hedge' {
  if (
    account.enable_dual_plus !== undefined &&
    reader.boolean(account.enable_dual_plus, 'enable_dual_plus')
  )
    throw new NotSupported(
      'gate: the futures account is in dual_plus position mode (enable_dual_plus); Margin Lens computes one-way (single) and dual (hedge) modes only',
    );
  if (account.position_mode === undefined || account.position_mode === '')
    return reader.boolean(account.in_dual_mode, 'in_dual_mode') ? 'hedge' : 'oneway';
  const mode = reader.text(account.position_mode, 'position_mode');
  if (mode === 'single') return 'oneway';
  if (mode === 'dual') return 'hedge';
  throw new NotSupported(
    `gate: the futures account is in ${mode} position mode; Margin Lens computes one-way (single) and dual (hedge) modes only`,
  );
}
