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
 * - `in_dual_mode`: dual (hedge) position mode;
 * - `margin_mode`: "0-classic margin mode, 1-cross-currency margin mode, 2-combined margin mode";
 *   `enable_credit`: "Whether portfolio margin account mode is enabled". Only the classic mode is
 *   computed: the others margin futures with other currencies' collateral under Gate's unified
 *   account rules, which the engine does not hold, so they are refused by name;
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
};

export function parseGateFuturesAccount(response: unknown): GateFuturesAccount {
  const reader = new PayloadReader('gate', GATE_FUTURES_ACCOUNT_ENDPOINT);
  const account = reader.object(response, 'response');
  const currency = reader.text(account.currency, 'currency');
  if (currency !== 'USDT') reader.fail('currency', `must be "USDT", got "${currency}"`);
  if (account.margin_mode !== undefined) {
    const mode = reader.oneOf(account.margin_mode, ['0', '1', '2'] as const, 'margin_mode');
    if (mode !== '0')
      throw new NotSupported(
        `gate: the futures account is in ${MARGIN_MODES[mode] ?? mode} mode; Margin Lens computes Gate's classic futures account only`,
      );
  }
  if (account.enable_credit !== undefined && reader.boolean(account.enable_credit, 'enable_credit'))
    throw new NotSupported(
      "gate: the futures account uses portfolio margin (enable_credit); Margin Lens computes Gate's classic futures account only",
    );
  return {
    currency,
    walletBalance: reader.decimal(account.total, 'total'),
    positionMode: reader.boolean(account.in_dual_mode, 'in_dual_mode') ? 'hedge' : 'oneway',
    maintenanceMargin: reader.optionalDecimal(
      account.maintenance_margin,
      'maintenance_margin',
      'nonNegative',
    ),
  };
}
