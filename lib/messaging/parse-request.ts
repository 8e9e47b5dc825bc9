import { parseAccountRequest } from './parse-account-request';
import { onlyKeys } from './only-keys';
import { RequestType, type Request } from './protocol';

/**
 * Receiver-side validation of a message: anything that is not exactly a known request is
 * refused with a reason naming what was wrong. No dependency, no coercion, unknown keys refused
 * (page-derived data is hostile).
 */
export function parseRequest(message: unknown): { request: Request } | { error: string } {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { error: 'message must be an object with a "type"' };
  }
  const record = message as Record<string, unknown>;
  switch (record.type) {
    case RequestType.getPortfolioRisk:
      return onlyKeys(record, ['type']) ?? { request: { type: RequestType.getPortfolioRisk } };
    case RequestType.getSymbolRisk: {
      const extra = onlyKeys(record, ['type', 'venue', 'symbol']);
      if (extra) return extra;
      if (typeof record.venue !== 'string' || !/^[a-z]{2,20}$/.test(record.venue))
        return { error: 'getSymbolRisk: "venue" must be a ccxt exchange id' };
      if (
        typeof record.symbol !== 'string' ||
        !/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}(:[A-Z0-9]{1,20}(-\d{6}(-\d{1,12}(\.\d{1,8})?-[CP])?)?)?$/.test(
          record.symbol,
        )
      ) {
        return {
          error: 'getSymbolRisk: "symbol" must be a ccxt unified symbol such as BTC/USDT:USDT',
        };
      }
      return {
        request: { type: RequestType.getSymbolRisk, venue: record.venue, symbol: record.symbol },
      };
    }
    default: {
      const account = parseAccountRequest(record);
      if (account) return account;
      return {
        error: `unknown message type ${JSON.stringify(record.type)?.slice(0, 40) ?? 'undefined'}`,
      };
    }
  }
}
