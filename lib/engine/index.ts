/**
 * The engine's public surface: the only import path for the rest of the extension and the
 * command line. Pure TypeScript: no DOM, browser APIs, network, clock or ambient randomness.
 */
export { calculateRiskReport, evaluateRisk } from './measure/calculate-risk-report';
export type { RiskEvaluation, RiskReportOptions } from './measure/calculate-risk-report';
export { resolveInputs } from './measure/resolve-inputs';
export type { ResolvedInputs, ResolvedAccount } from './measure/resolve-inputs';
export { isMarketRefusal, RefusalKind, RefusalScope, type Refusal } from './measure/refusal';
export type {
  LiveMarket,
  LiveMarketInput,
  LiveMarketUnavailable,
  SourcedFigure,
} from './market/market-snapshot';
export {
  ewmaCovarianceFromCloses,
  type DailyClose,
  type EwmaMarketFigures,
} from './market/ewma-covariance-from-closes';
export { RISKMETRICS_DAILY_LAMBDA } from './market/ewma-covariance';
export { volForecastLabel, type VolForecast } from './market/vol-forecast';
export type * from './measure/risk-report-types';
export type { StressScenario } from './market/stress-grid';
export type { CollateralMove } from './risk/collateral-moves';
export { DEFAULT_MODEL } from './measure/model-settings';
export { parsePortfolio } from './portfolio/parse-portfolio';
export { PortfolioError } from './portfolio/portfolio-error';
export { checkPortfolioTextLength, PORTFOLIO_LIMITS } from './portfolio/portfolio-limits';
export type { ValidatedPortfolio } from './portfolio/portfolio-types';
export { DEMO_PORTFOLIO } from './portfolio/demo-portfolio';
export { DEFAULT_MARKET } from './market/default-market';
export { RESIDUAL_HISTORY } from './market/residual-history';
export type { ResidualHistory } from './market/filtered-historical';
export { supportedVenueIds } from './margin/venue-rules';
export { binanceMarketId } from './margin/binance-usdm';
export { BINANCE_PM_LIQUIDATION_UNIMMR } from './margin/binance-pm-liquidation-threshold';
export { venueMarginProblems } from './measure/venue-margin-problems';
export { tradeImpact, TradeWarningKind } from './measure/trade-impact';
export type {
  TradeImpact,
  TradeImpactRefusal,
  TradeWarning,
  AccountFigures,
  PositionFigures,
} from './measure/trade-impact';
export { OrderType, type CandidateOrder } from './measure/apply-order';
