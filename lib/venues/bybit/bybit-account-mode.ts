import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileAccount } from '../api/venue-api-types';

/**
 * The account's margin mode and account generation from Bybit's `GET /v5/account/info`
 * (https://bybit-exchange.github.io/docs/v5/account/account-info). ccxt leaves a Bybit position's
 * margin mode undefined (its `tradeMode` field is deprecated, "always 0, check Get Account Info
 * to know the margin mode" — https://bybit-exchange.github.io/docs/v5/position; research
 * peers.md §6.3), so it is read here:
 *
 * - `marginMode`: `REGULAR_MARGIN` (cross), `ISOLATED_MARGIN`, `PORTFOLIO_MARGIN`; set for the
 *   whole Unified Trading Account (https://bybit-exchange.github.io/docs/v5/account/set-margin-mode).
 * - `unifiedMarginStatus`: 1 classic account, 3–4 UTA 1.0, 5–6 UTA 2.0
 *   (https://bybit-exchange.github.io/docs/v5/acct-mode). Under UTA 2.0 every product line,
 *   inverse contracts included, shares the account's margin; under UTA 1.0 inverse contracts sit in
 *   a separate inverse derivatives account.
 */
export const BYBIT_ACCOUNT_INFO_ENDPOINT = 'GET /v5/account/info';

export const BybitAccountGeneration = {
  classic: 'classic',
  uta1: 'uta1',
  uta2: 'uta2',
} as const;
export type BybitAccountGeneration =
  (typeof BybitAccountGeneration)[keyof typeof BybitAccountGeneration];

export interface BybitAccountMode {
  readonly marginMode: PortfolioFileAccount['marginMode'];
  readonly generation: BybitAccountGeneration;
}

const MARGIN_MODES = {
  REGULAR_MARGIN: 'cross',
  ISOLATED_MARGIN: 'isolated',
  PORTFOLIO_MARGIN: 'portfolio',
} as const;

export function parseBybitAccountMode(response: unknown): BybitAccountMode {
  const reader = new PayloadReader('bybit', BYBIT_ACCOUNT_INFO_ENDPOINT);
  const result = reader.object(reader.object(response, 'response').result, 'result');
  const mode = reader.oneOf(
    result.marginMode,
    Object.keys(MARGIN_MODES) as (keyof typeof MARGIN_MODES)[],
    'result.marginMode',
  );
  const status = reader.integer(result.unifiedMarginStatus, 'result.unifiedMarginStatus');
  const generation =
    status === 1
      ? BybitAccountGeneration.classic
      : status === 3 || status === 4
        ? BybitAccountGeneration.uta1
        : status === 5 || status === 6
          ? BybitAccountGeneration.uta2
          : reader.fail(
              'result.unifiedMarginStatus',
              `${status} is not a documented account status (1, 3, 4, 5 or 6)`,
            );
  return { marginMode: MARGIN_MODES[mode], generation };
}
