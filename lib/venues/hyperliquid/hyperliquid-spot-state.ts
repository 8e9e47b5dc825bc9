import type { PayloadReader } from '../api/payload-reader';

/**
 * Each token's `total` from Hyperliquid's `{"type":"spotClearinghouseState","user":…}` answer
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/spot,
 * "Retrieve a user's token balances": `balances[]` {coin, token, total, hold, entryNtl}), by
 * token index (0 is USDC; the index a perp dex's `collateralToken` names). `total` is a signed
 * decimal text.
 *
 * For a unified account this is the account's balance in each token: "For API users, unified
 * account and portfolio margin shows all balances and holds in the spot clearinghouse state"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes, read
 * 2026-12-07), whose "Unified Account Ratio" reads `balances[].token` and `.total`.
 *
 * A line without `token` is an outcome-market balance (`coin` `+N` or `oN`, as the
 * nktkas/hyperliquid SDK types the answer, src/api/info/_methods/spotClearinghouseState.ts): no
 * perp dex's collateral, passed over. A token listed twice is refused: its balance would be
 * ambiguous.
 */
export function readHyperliquidSpotTotals(
  response: unknown,
  reader: PayloadReader,
): ReadonlyMap<number, string> {
  const answer = reader.object(response, 'answer');
  const totals = new Map<number, string>();
  reader.array(answer.balances, 'balances').forEach((raw, position) => {
    const where = `balances[${position}]`;
    const line = reader.object(raw, where);
    if (line.token === undefined) {
      reader.matching(line.coin, /^[+o][0-9]+$/, 'an outcome coin (+N or oN)', `${where} coin`);
      return;
    }
    const token = reader.integer(line.token, `${where} token`, 0);
    if (totals.has(token)) reader.fail(`${where} token`, `${token} is listed twice`);
    totals.set(token, reader.decimalString(line.total, `${where} total`));
  });
  return totals;
}
