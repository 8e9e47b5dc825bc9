import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { fetchAllBybitPages } from './bybit-pages';

/** Pages in the shape of https://bybit-exchange.github.io/docs/v5/position (`result.list`, `nextPageCursor`). */
function page(list: unknown[], nextPageCursor: string) {
  return {
    retCode: 0,
    retMsg: 'OK',
    result: { category: 'linear', list, nextPageCursor },
    retExtInfo: {},
    time: 0,
  };
}

describe('fetchAllBybitPages', () => {
  it('asks for each next page with the cursor it was given, until the cursor is empty', async () => {
    const asked: (string | undefined)[] = [];
    const pages: Record<string, ReturnType<typeof page>> = {
      first: page(['a', 'b'], '2%3A1'),
      '2%3A1': page(['c'], '3%3A1'),
      '3%3A1': page(['d'], ''),
    };
    const rows = await fetchAllBybitPages('GET /v5/position/list', async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    });
    expect(rows).toEqual(['a', 'b', 'c', 'd']);
    expect(asked).toEqual([undefined, '2%3A1', '3%3A1']);
  });

  it('stops at an empty page even when a cursor comes with it', async () => {
    const rows = await fetchAllBybitPages('GET /v5/position/list', async (cursor) =>
      cursor === undefined ? page(['a'], 'next') : page([], 'again'),
    );
    expect(rows).toEqual(['a']);
  });

  it('refuses a cursor that repeats instead of looping', async () => {
    await expect(
      fetchAllBybitPages('GET /v5/position/list', async () => page(['a'], 'same')),
    ).rejects.toThrow(
      'bybit GET /v5/position/list: result.nextPageCursor repeats "same"; the list would never end',
    );
  });

  it('refuses to return a partial list after the page limit', async () => {
    let n = 0;
    const failure = fetchAllBybitPages(
      'GET /v5/position/list',
      async () => page(['a'], `c${(n += 1)}`),
      3,
    );
    await expect(failure).rejects.toBeInstanceOf(BadResponse);
    await expect(failure).rejects.toThrow('still set after 3 pages');
  });
});
