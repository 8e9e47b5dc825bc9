import { InvalidAddress } from 'ccxt-src/base/errors.js';

/**
 * A Hyperliquid account is named by its public wallet address: `0x` and 40 hexadecimal digits
 * (the info endpoint's `user`, "Onchain address in 42-character hexadecimal format",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint). Checked
 * before anything is sent; returned in lower case (addresses are case-insensitive; mixed case is
 * only a checksum).
 */
export function hyperliquidAddress(address: string | undefined): string {
  const text = address?.trim() ?? '';
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    throw new InvalidAddress(
      text === ''
        ? 'hyperliquid: no wallet address given; enter the public address of the account (0x followed by 40 hexadecimal digits)'
        : `hyperliquid: "${text.length > 50 ? `${text.slice(0, 50)}…` : text}" is not a wallet address; expected 0x followed by 40 hexadecimal digits`,
    );
  }
  return text.toLowerCase();
}
