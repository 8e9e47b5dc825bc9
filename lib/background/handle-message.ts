import {
  SenderClass,
  classifySender,
  senderMayRequest,
  type ExtensionIdentity,
  type SenderInfo,
} from '../messaging/classify-sender';
import { parseRequest } from '../messaging/parse-request';
import { venuesAtSenderOrigin } from '../messaging/sender-venues';
import {
  RequestType,
  type Response,
  type RequestType as RequestTypeName,
} from '../messaging/protocol';
import { handleAccountRequest, type AccountDeps } from './account-requests';
import type { RiskState } from './risk-state';

/**
 * Answers one runtime message: validate it, classify its sender, check the sender may make
 * that request, then compute. Every refusal and failure comes back as `{ ok: false, error }`
 * with a reason; nothing is thrown across the message boundary.
 */
export async function handleMessage(
  message: unknown,
  sender: SenderInfo,
  extension: ExtensionIdentity,
  service: Pick<RiskState, 'portfolioRisk' | 'pageRisk' | 'pageTradeImpact'>,
  accounts: AccountDeps,
): Promise<Response<RequestTypeName>> {
  const parsed = parseRequest(message);
  if ('error' in parsed) return { ok: false, error: `refused: ${parsed.error}` };
  const { request } = parsed;
  const senderClass = classifySender(sender, extension);
  if (!senderMayRequest(senderClass, request.type)) {
    return { ok: false, error: `refused: a ${senderClass} sender may not request ${request.type}` };
  }
  try {
    switch (request.type) {
      case RequestType.getPortfolioRisk:
        return { ok: true, value: await service.portfolioRisk() };
      case RequestType.getPageRisk:
      case RequestType.getTradeImpact: {
        // What a page may see is decided by the sender's origin, never by the venue it names.
        const allowed: readonly string[] = venuesAtSenderOrigin(sender);
        if (senderClass === SenderClass.contentScript && !allowed.includes(request.venue))
          return { ok: false, error: `refused: ${request.venue} is not the venue of this page` };
        return request.type === RequestType.getPageRisk
          ? { ok: true, value: await service.pageRisk(request) }
          : { ok: true, value: await service.pageTradeImpact(request) };
      }
      case RequestType.getAlertHistory:
        return { ok: true, value: await accounts.alerts.history() };
      case RequestType.getAlertRules:
        return { ok: true, value: await accounts.alerts.rules() };
      case RequestType.saveAlertRules:
        return { ok: true, value: await accounts.alerts.saveRules(request.rules) };
      case RequestType.savePageAccounts:
        // The venue is the sender origin's, never the message's (save-page-accounts.ts).
        return { ok: true, value: await accounts.pageAccounts.save(request, sender) };
      default:
        return { ok: true, value: await handleAccountRequest(request, accounts) };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
