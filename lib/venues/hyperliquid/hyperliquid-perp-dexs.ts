import type { PayloadReader } from '../api/payload-reader';

/**
 * The builder-deployed (HIP-3) perp dexes of Hyperliquid's `{"type":"perpDexs"}` answer, by name
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals,
 * "Retrieve all perpetual dexs"): a list whose first entry is null, the first perp dex, and each
 * other entry an object with the dex's `name` (`xyz`). A name is what the `dex` field of `meta`
 * and `clearinghouseState` takes, and it prefixes the dex's coins (`xyz:NVDA`); it is read as
 * letters and digits (the deploy action allows "<= 6 characters",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/deploying-hip-3-assets),
 * which ccxt's symbol (`XYZ-NVDA/USDC:USDC`) can carry. A null after the first entry names no
 * dex and is passed over.
 */
export function readHyperliquidPerpDexs(response: unknown, reader: PayloadReader): string[] {
  const answer = reader.array(response, 'answer');
  if (answer.length === 0 || answer[0] !== null)
    reader.fail('answer[0]', 'must be null, the first perp dex');
  return answer.slice(1).flatMap((raw, offset) => {
    if (raw === null) return [];
    const where = `answer[${offset + 1}]`;
    const dex = reader.object(raw, where);
    return reader.matching(
      dex.name,
      /^[A-Za-z0-9]+$/,
      'a dex name of letters and digits',
      `${where} name`,
    );
  });
}
