import type { PortfolioReport } from '../../lib/engine';
import { collateralMoveWords, type AccountPlace } from './collateral-move-words';

/**
 * Where to move collateral (the engine's plan: transfers that lift the nearest liquidation as
 * far as the free collateral allows), each as a trader would carry it out, with why its amount,
 * and what the moves achieve together.
 */
export function CollateralMoves(props: {
  readonly portfolio: PortfolioReport;
  readonly placeOf: (accountId: string) => AccountPlace;
}) {
  const { portfolio } = props;
  if (portfolio.collateralMoves.length === 0) return null;
  const unit = portfolio.horizonHours === 24 ? 'daily σ' : `${portfolio.horizonHours} h σ`;
  const { currentMinDistance, achievableMinDistance } = portfolio.collateral;
  return (
    <section class="moves" data-testid="collateral-moves">
      <h2>Move collateral</h2>
      <ol>
        {portfolio.collateralMoves.map((move) => {
          const words = collateralMoveWords(move, props.placeOf, {
            distance: achievableMinDistance,
            unit,
          });
          return (
            <li key={`${move.from}-${move.to}`} data-testid="collateral-move">
              <span class="moves__action">{words.action}</span>{' '}
              <span class="muted">{words.why}</span>
            </li>
          );
        })}
      </ol>
      <p class="moves__result" data-testid="collateral-result">
        {portfolio.collateralMoves.length > 1 ? 'Together, the' : 'The'} nearest liquidation moves
        from {currentMinDistance?.toFixed(1) ?? '—'} to {achievableMinDistance?.toFixed(1) ?? '—'}{' '}
        {unit} away.
      </p>
    </section>
  );
}
