import { PayloadReader } from '../api/payload-reader';

/**
 * Every row of a cursor-paginated Bybit v5 list (`GET /v5/position/list`,
 * `GET /v5/market/risk-limit`): each answer is `{ result: { list, nextPageCursor } }`, and the
 * next page is asked for with `cursor` = the previous `nextPageCursor` until it comes back empty
 * ("" or absent) or a page is empty (https://bybit-exchange.github.io/docs/v5/position: "Use
 * the nextPageCursor token from the response to retrieve the next page of the result set").
 *
 * ccxt's `fetchPositions` reads one page only, and its `paginate: true` path requires a `since`
 * argument that positions do not have, so the adapter follows the cursor itself.
 *
 * A cursor that repeats, or more than `maxPages` pages, is an error rather than a silently
 * truncated list. Returns the raw rows in order.
 */
export async function fetchAllBybitPages(
  endpoint: string,
  fetchPage: (cursor: string | undefined) => Promise<unknown>,
  maxPages = 100,
): Promise<unknown[]> {
  const rows: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const reader = new PayloadReader('bybit', endpoint);
    const response = reader.object(await fetchPage(cursor), 'response');
    const result = reader.object(response.result, 'result');
    const list = reader.array(result.list, 'result.list');
    rows.push(...list);
    const next =
      result.nextPageCursor === undefined
        ? ''
        : reader.string(result.nextPageCursor, 'result.nextPageCursor');
    if (next === '' || list.length === 0) return rows;
    if (seen.has(next))
      reader.fail('result.nextPageCursor', `repeats "${next}"; the list would never end`);
    seen.add(next);
    cursor = next;
  }
  return new PayloadReader('bybit', endpoint).fail(
    'result.nextPageCursor',
    `still set after ${maxPages} pages; refusing to return a partial list`,
  );
}
