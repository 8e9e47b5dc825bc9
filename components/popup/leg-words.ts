import { accountName } from '../../lib/alerts/alert-names';
import { formatPrice } from '../../lib/format/format-figures';
import { chanceText, distanceText, sigmaText } from '../../lib/overlay/overlay-words';
import type { PopupLeg } from './popup-legs';

/**
 * A leg in a trader's words, shared by the popup's headline, ladder and hedge groups.
 */

/** "Binance USDⓈ-M (hedge) BTC perp short". */
export function legName(leg: PopupLeg): string {
  return `${accountName(leg.venue, leg.accountLabel)} ${leg.instrumentName} ${leg.side}`;
}

/** "liquidated if BTC rises 4.5%, at 99,365.67"; "cannot be liquidated on its own". */
export function liquidationWords(leg: PopupLeg): string {
  if (leg.liquidationPrice === null) return 'cannot be liquidated on its own';
  return `liquidated if ${leg.underlying} ${distanceText(leg.signedDistancePct)}, at ${formatPrice(leg.liquidationPrice)}`;
}

/** "2.2 daily σ · 2.0% (1.7–2.3%) chance in 24 h" (what is known of the two). */
export function closenessWords(leg: PopupLeg, horizonHours: number): string {
  const parts = [
    leg.sigma === null ? '' : sigmaText(leg.sigma, horizonHours),
    leg.probability === null
      ? ''
      : `${chanceText(leg.probability)} chance in ${horizonHours} h${leg.silo === 'cross' ? ' (its account)' : ''}`,
  ];
  return parts.filter((part) => part !== '').join(' · ');
}

/** Sizes in base units: 0.8, 12, 0.3156, 1,250. */
export function formatSize(quantity: number): string {
  const size = Math.abs(quantity);
  return size.toLocaleString('en-US', {
    maximumFractionDigits: size >= 1000 ? 0 : size >= 1 ? 3 : 4,
  });
}
