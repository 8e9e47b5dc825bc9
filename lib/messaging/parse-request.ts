import { parseAccountRequest } from './parse-account-request';
import { parseAlertRequest } from './alert-requests';
import { onlyKeys } from './only-keys';
import { parsePageAccountRequest } from './parse-page-account-request';
import { parsePageRiskRequest, parseTradeImpactRequest } from './parse-page-requests';
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
    case RequestType.getPageRisk:
      return parsePageRiskRequest(record);
    case RequestType.getTradeImpact:
      return parseTradeImpactRequest(record);
    case RequestType.savePageAccounts:
      return parsePageAccountRequest(record);
    default: {
      const ownPages = parseAccountRequest(record) ?? parseAlertRequest(record);
      if (ownPages) return ownPages;
      return {
        error: `unknown message type ${JSON.stringify(record.type)?.slice(0, 40) ?? 'undefined'}`,
      };
    }
  }
}
