import { PayloadReader } from '../api/payload-reader';
import type { KeyPermissionCheck } from '../api/venue-api-types';
import { OKX_CONFIG_ENDPOINT, parseOkxAccountConfig } from './okx-account-config';

/**
 * What an OKX API key may do: the `perm` field of `GET /api/v5/account/config`
 * ("The permission of the current requesting API key: read_only, trade, withdraw", e.g.
 * "read_only,withdraw,trade"; https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-
 * account-configuration).
 *
 * The good answer is required, not assumed: `perm` must be permission names (lower-case words)
 * joined by single commas, nothing else: no blanks, spaces or empty entries (`" "`, `","`,
 * `"read_only,"` are malformed responses, quoted in the refusal, never an empty and so harmless
 * list). The key is read-only exactly when its set of permissions is {read_only}. Any other
 * permission, including one OKX may add later, is a capability, so such a key is refused.
 */
const WORDS: Readonly<Record<string, string>> = { trade: 'trade', withdraw: 'withdraw' };

const PERMISSION_LIST = /^[a-z_]+(?:,[a-z_]+)*$/;

export function parseOkxKeyPermissions(response: unknown): KeyPermissionCheck {
  const { permissionText } = parseOkxAccountConfig(response);
  const reader = new PayloadReader('okx', OKX_CONFIG_ENDPOINT);
  const permissions = new Set(
    reader
      .matching(
        permissionText,
        PERMISSION_LIST,
        'permission names joined by commas, such as "read_only"',
        'data[0].perm',
      )
      .split(','),
  );
  const capabilities = [...permissions]
    .filter((permission) => permission !== 'read_only')
    .map((permission) => WORDS[permission] ?? `use the "${permission}" permission`);
  return {
    readOnly: permissions.has('read_only') && capabilities.length === 0,
    capabilities,
    checkedWith: OKX_CONFIG_ENDPOINT,
  };
}
