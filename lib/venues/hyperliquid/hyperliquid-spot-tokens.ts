import type { PayloadReader } from '../api/payload-reader';

/**
 * Token names by index from Hyperliquid's `{"type":"spotMeta"}` answer
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/spot,
 * "Retrieve spot metadata": `tokens[]` {name, szDecimals, weiDecimals, index, tokenId, …}):
 * what a perp dex's `collateralToken` index names (0 → USDC, a HIP-3 dex's USDH…), as ccxt 4.5.84
 * names a HIP-3 market's quote and settlement (hyperliquid.js fetchHip3Markets).
 */
export function readHyperliquidTokenNames(
  response: unknown,
  reader: PayloadReader,
): ReadonlyMap<number, string> {
  const answer = reader.object(response, 'answer');
  const names = new Map<number, string>();
  reader.array(answer.tokens, 'tokens').forEach((raw, position) => {
    const where = `tokens[${position}]`;
    const token = reader.object(raw, where);
    const name = reader.matching(
      token.name,
      /^[A-Za-z0-9]+$/,
      'a token name of letters and digits',
      `${where} name`,
    );
    names.set(reader.integer(token.index, `${where} "${name}" index`, 0), name);
  });
  return names;
}
