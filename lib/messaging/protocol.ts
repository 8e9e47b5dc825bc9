import type { RiskReport } from '../engine';

/**
 * The one message protocol between the extension's views and its background service worker.
 * Requests are verbs; every request is validated where it is received (parse-request.ts) and
 * its sender classified (classify-sender.ts) before it is answered.
 */
export const RequestType = {
  getPortfolioRisk: 'getPortfolioRisk',
  getSymbolRisk: 'getSymbolRisk',
} as const;
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

export interface GetPortfolioRiskRequest {
  readonly type: typeof RequestType.getPortfolioRisk;
}

/** From a content script: the risk of the symbol the exchange page shows. */
export interface GetSymbolRiskRequest {
  readonly type: typeof RequestType.getSymbolRisk;
  /** ccxt exchange id of the page's venue. */
  readonly venue: string;
  /** ccxt unified symbol read from the page. */
  readonly symbol: string;
}

export type Request = GetPortfolioRiskRequest | GetSymbolRiskRequest;

export const PortfolioSource = { demo: 'demo', imported: 'imported' } as const;
export type PortfolioSource = (typeof PortfolioSource)[keyof typeof PortfolioSource];

export interface PortfolioRiskView {
  readonly source: PortfolioSource;
  readonly report: RiskReport;
}

/** One account's position in the page's symbol, as the on-page overlay shows it. */
export interface SymbolAccountRisk {
  readonly accountId: string;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly settle: string;
  readonly marginRatio: number;
  readonly markPrice: number;
  readonly liquidationPrice: number | null;
  readonly liquidationDistancePct: number | null;
  readonly liquidationProbability: number | null;
}

export interface SymbolRiskView {
  readonly source: PortfolioSource;
  readonly venue: string;
  readonly symbol: string;
  readonly accounts: readonly SymbolAccountRisk[];
  readonly portfolioEs: number;
  readonly confidence: number;
  readonly horizonHours: number;
}

export interface ResponseMap {
  readonly getPortfolioRisk: PortfolioRiskView;
  readonly getSymbolRisk: SymbolRiskView;
}

/** Every answer is either a result or an error a person can read. */
export type Response<T extends RequestType> =
  | { readonly ok: true; readonly value: ResponseMap[T] }
  | { readonly ok: false; readonly error: string };
