import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileAccount } from '../api/venue-api-types';

/**
 * The account configuration from OKX's `GET /api/v5/account/config`
 * (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration):
 *
 * - `acctLv`: 1 spot mode, 2 spot and futures mode (single-currency margin: each margin
 *   currency's cross positions are their own silo), 3 multi-currency margin (one cross silo in
 *   USD), 4 portfolio margin (risk units, one account);
 * - `posMode`: `long_short_mode` (hedge) or `net_mode` (one-way);
 * - `perm`: the requesting key's permissions, comma-separated (`read_only`, `trade`,
 *   `withdraw`), kept as OKX wrote it and judged by okx-key-permissions.ts.
 */
export const OKX_CONFIG_ENDPOINT = 'GET /api/v5/account/config';

export type OkxAccountLevel = 1 | 2 | 3 | 4;

export interface OkxAccountConfig {
  readonly accountLevel: OkxAccountLevel;
  readonly positionMode: PortfolioFileAccount['positionMode'];
  /** `perm` exactly as OKX sent it (okx-key-permissions.ts reads it, strictly). */
  readonly permissionText: string;
}

export function parseOkxAccountConfig(response: unknown): OkxAccountConfig {
  const reader = new PayloadReader('okx', OKX_CONFIG_ENDPOINT);
  const data = reader.array(reader.object(response, 'response').data, 'data');
  if (data.length !== 1) reader.fail('data', `must hold one account, got ${data.length}`);
  const config = reader.object(data[0], 'data[0]');
  const level = reader.oneOf(config.acctLv, ['1', '2', '3', '4'] as const, 'data[0].acctLv');
  const posMode = reader.oneOf(
    config.posMode,
    ['long_short_mode', 'net_mode'] as const,
    'data[0].posMode',
  );
  const permissionText = reader.string(config.perm, 'data[0].perm');
  return {
    accountLevel: Number(level) as OkxAccountLevel,
    positionMode: posMode === 'long_short_mode' ? 'hedge' : 'oneway',
    permissionText,
  };
}
